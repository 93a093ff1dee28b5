/** Japanese text: replies (answers to commands, forms and buttons). Keys are prefixed `replies.`. */
export const replies = {
} as const;
