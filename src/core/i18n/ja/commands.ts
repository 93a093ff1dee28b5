/** Japanese text: commands. Keys are prefixed `commands.`; placeholders are {name}. */
export const commands = {
} as const;
