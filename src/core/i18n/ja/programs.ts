/** Japanese text: programs. Keys are prefixed `programs.`; placeholders are {name}. */
export const programs = {
} as const;
