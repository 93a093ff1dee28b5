/**
 * The one table of command words. Each canonical word lists the other ways people type it:
 * short forms, singular/plural, and natural Japanese. Matching is on the NFKC-normalised,
 * lower-cased token, so `ＨＥＬＰ`, `Help` and half-width ｶﾀｶﾅ all match.
 */
export const WORD_ALIASES = {
  // top-level words
  help: ['?', 'ヘルプ', '使い方', 'コマンド'],
  purpose: ['目的'],
  rules: ['rule', 'ルール', '投稿ルール'],
  channels: ['channel', 'チャンネル'],
  digest: ['ダイジェスト'],
  stats: ['stat', 'score', '統計', 'スコア'],
  inactive: ['未参加', '休眠'],
  reach: ['到達', '到達状況'],
  'profile-fields': ['profilefields', 'fields', 'プロフィール項目'],
  rollout: ['展開'],
  schedule: ['schedules', 'スケジュール'],
  moderation: ['承認制'],
  privacy: ['プライバシー'],
  role: ['roles', '権限', 'ロール'],
  prompt: ['依頼', '投稿依頼'],
  optout: ['opt-out', '配信停止'],
  optin: ['opt-in', '配信再開'],
  language: ['lang', '言語'],
  // words later versions give a meaning
  dashboard: ['ダッシュボード'],
  audit: ['監査'],
  forget: ['忘却'],
  // second words
  show: ['表示', '確認'],
  set: ['設定', '変更'],
  list: ['ls', '一覧'],
  add: ['追加'],
  remove: ['rm', 'delete', '削除', '除外'],
  preview: ['プレビュー'],
  clear: ['reset', 'unset', 'クリア'],
  location: ['locations', 'site', '拠点', '勤務地'],
  manager: ['managers', 'boss', '上長', '上司'],
  send: ['送信'],
  status: ['状況', '状態'],
  advance: ['next', '次へ', '進める', '次の段階'],
  pilot: ['パイロット'],
  departments: ['department', 'dept', '部署', '部門'],
  'manager-names': ['managernames', 'manager_names', 'names', '氏名表示', '実名表示'],
  on: ['enable', 'オン', '有効'],
  off: ['disable', 'オフ', '無効'],
  grant: ['付与'],
  revoke: ['取消', '取り消し', '解除'],
  ops: ['運用', '運用担当'],
  admin: ['管理者'],
  story: ['stories', 'ストーリー', '事例', '成功事例'],
  idea: ['ideas', 'アイデア', 'アイディア'],
  ja: ['japanese', '日本語'],
  en: ['english', '英語'],
  // flags
  'fiscal-year': ['--fiscal-year', '--fy', '年度', '--年度'],
} as const satisfies Record<string, readonly string[]>;

export type Word = keyof typeof WORD_ALIASES;

/** The form every token is compared in: NFKC (full-width → half-width), lower case. */
export function normalizeToken(token: string): string {
  return token.normalize('NFKC').toLowerCase();
}

function buildLookup(): Map<string, Word> {
  const lookup = new Map<string, Word>();
  for (const [word, aliases] of Object.entries(WORD_ALIASES) as [Word, readonly string[]][]) {
    for (const form of [word, ...aliases]) {
      const key = normalizeToken(form);
      const taken = lookup.get(key);
      // A form meaning two words would make the grammar depend on table order: refuse at load.
      if (taken !== undefined && taken !== word)
        throw new Error(`command word "${form}" is listed for both ${taken} and ${word}`);
      lookup.set(key, word);
    }
  }
  return lookup;
}

const LOOKUP = buildLookup();

/** The canonical word a token stands for, or null. Called by the grammar for every keyword. */
export function wordOf(token: string): Word | null {
  return LOOKUP.get(normalizeToken(token)) ?? null;
}
