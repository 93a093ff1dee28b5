/**
 * Block Kit limits Hiroba renders within (Slack rejects a message or view that breaks one with
 * `invalid_blocks`). Counted in UTF-16 units, which is never fewer than Slack's characters.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  /** Section text, context text, and a list piece. */
  text: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  elementsPerActions: 25,
  /** Modal title, submit and close labels. */
  viewLabel: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  inputMaxLength: 3000,
  /** Sections one list may take before the rest is summed up as "and N more". */
  sectionsPerList: 3,
} as const;
