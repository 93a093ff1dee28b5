import type { adapters as ja } from '../ja/adapters.js';

/** English text: adapters. Same keys as the Japanese catalogue. */
export const adapters: Record<keyof typeof ja, string> = {
};
