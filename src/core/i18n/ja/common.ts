/** Japanese text: common. Keys are prefixed `common.`; placeholders are {name}. */
export const common = {
  'common.appName': 'Hiroba',
  'common.andMore': 'ほか{count}件',
  'common.none': 'なし',
  'common.tooFew': '人数が少ないため表示しません',
} as const;
