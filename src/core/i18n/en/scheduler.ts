import type { scheduler as ja } from '../ja/scheduler.js';

/** English text: scheduler. Same keys as the Japanese catalogue. */
export const scheduler: Record<keyof typeof ja, string> = {
};
