import type { common as ja } from '../ja/common.js';

/** English text: common. Same keys as the Japanese catalogue. */
export const common: Record<keyof typeof ja, string> = {
  'common.appName': 'Hiroba',
  'common.andMore': 'and {count} more',
  'common.none': 'none',
  'common.tooFew': 'too few to report',
};
