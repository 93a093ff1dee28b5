import type { commands as ja } from '../ja/commands.js';

/** English text: commands. Same keys as the Japanese catalogue. */
export const commands: Record<keyof typeof ja, string> = {
};
