/** Japanese text: scheduler. Keys are prefixed `scheduler.`; placeholders are {name}. */
export const scheduler = {
} as const;
