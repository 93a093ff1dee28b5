import type { programs as ja } from '../ja/programs.js';

/** English text: programs. Same keys as the Japanese catalogue. */
export const programs: Record<keyof typeof ja, string> = {
};
