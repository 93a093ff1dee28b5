/** Japanese text: adapters. Keys are prefixed `adapters.`; placeholders are {name}. */
export const adapters = {
} as const;
