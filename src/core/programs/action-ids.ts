/**
 * Action ids of the buttons the programs put in messages. Adapters route a click back to the core
 * with the id (and the button's value); the core's action handler switches on these.
 */
export const ACTION_IDS = {
  optOut: 'hiroba.optout',
  storyForm: 'hiroba.form.story',
  ideaForm: 'hiroba.form.idea',
  firstPostForm: 'hiroba.form.first_post',
  approve: 'hiroba.moderation.approve',
  reject: 'hiroba.moderation.reject',
} as const;

/** `kind` of each program's message, as the outbox and logs show it. */
export const PROGRAM_KINDS = {
  purposeReminder: 'purpose-reminder',
  welcome: 'welcome',
  rolloutAnnouncement: 'rollout-announcement',
  leaderStories: 'leader-stories',
  storyPrompt: 'story-prompt',
  ideaCall: 'idea-call',
  firstPostThanks: 'first-post-thanks',
  digest: 'digest',
  managerReport: 'manager-report',
  nudge: 'nudge',
  storyPost: 'story-post',
  moderationRequest: 'moderation-request',
  moderationDecided: 'moderation-decided',
  memberHome: 'member-home',
  formReceived: 'form-received',
} as const;
