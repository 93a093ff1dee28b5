import type { replies as ja } from '../ja/replies.js';

/** English text: replies. Same keys as the Japanese catalogue. */
export const replies: Record<keyof typeof ja, string> = {
};
