/**
 * Words shared by several commands (second words such as `show` and `add`, and argument words such
 * as `on`, `ja`, `story`), each with the other ways people type it: short forms, singular/plural,
 * natural Japanese. A command's own first word and its aliases live in its definition
 * (`defineCommand({ words, aliases })`); the registry merges both into one lexicon and refuses a
 * form that would mean two words. Matching is on the NFKC-normalised, lower-cased token, so
 * `ＨＥＬＰ`, `Help` and half-width ｶﾀｶﾅ all match.
 */
export const WORD_ALIASES = {
  show: ['表示', '確認'],
  set: ['設定', '変更'],
  list: ['ls', '一覧'],
  add: ['追加'],
  remove: ['rm', 'delete', '削除', '除外'],
  preview: ['プレビュー'],
  clear: ['reset', 'unset', 'クリア'],
  location: ['locations', 'site', '拠点', '勤務地', '事業所'],
  manager: ['managers', 'boss', '上長', '上司'],
  send: ['送信'],
  status: ['状況', '状態'],
  advance: ['next', '次へ', '進める', '次の段階'],
  pilot: ['パイロット'],
  departments: ['department', 'dept', '部署', '部門'],
  channels: ['channel', 'チャンネル'],
  'manager-names': ['managernames', 'manager_names', 'names', '氏名表示', '実名表示'],
  on: ['enable', 'オン', '有効'],
  off: ['disable', 'オフ', '無効'],
  grant: ['付与'],
  revoke: ['取消', '取り消し', '解除'],
  ops: ['運用', '運用担当', '運用担当者'],
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

/** Canonical word → its other forms; one lexicon for the shared words and every command's own. */
export class Lexicon {
  private readonly lookup = new Map<string, string>();
  private readonly formsOf = new Map<string, string[]>();

  constructor(tables: readonly Readonly<Record<string, readonly string[]>>[]) {
    for (const table of tables) {
      for (const [word, aliases] of Object.entries(table)) this.add(word, aliases);
    }
  }

  private add(word: string, aliases: readonly string[]): void {
    const forms = this.formsOf.get(word) ?? [word];
    for (const form of [word, ...aliases]) {
      const key = normalizeToken(form);
      const taken = this.lookup.get(key);
      // A form meaning two words would make the grammar depend on table order: refuse at load.
      if (taken !== undefined && taken !== word)
        throw new Error(`command word "${form}" is listed for both ${taken} and ${word}`);
      this.lookup.set(key, word);
      if (!forms.includes(form)) forms.push(form);
    }
    this.formsOf.set(word, forms);
  }

  /** The canonical word a token stands for, or null. */
  wordOf(token: string): string | null {
    return this.lookup.get(normalizeToken(token)) ?? null;
  }

  /** Every form of a word, the canonical one first. */
  forms(word: string): readonly string[] {
    return this.formsOf.get(word) ?? [word];
  }
}

const SHARED = new Lexicon([WORD_ALIASES]);

/** The shared word a token stands for, or null. Called by the argument readers for closed word sets. */
export function wordOf(token: string): Word | null {
  return SHARED.wordOf(token) as Word | null;
}
