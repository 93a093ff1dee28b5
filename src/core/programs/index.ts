/** The programs: pure builders of platform-neutral messages. Callers import from here. */
export { ACTION_IDS, PROGRAM_KINDS } from './action-ids.js';
export { firstPostThanks } from './first-post-thanks.js';
export { formReceived } from './form-received.js';
export { firstPostForm, formFor, ideaForm, storyForm } from './forms.js';
export type { MetricsView } from './inputs.js';
export { MIN_REPORT_GROUP } from './inputs.js';
export { leaderStories } from './leader-stories.js';
export { type ManagerReportInput, managerReport } from './manager-report.js';
export { DEFAULT_SCORING, type MemberHomeInput, memberHome } from './member-home.js';
export { moderationDecided, moderationRequest } from './moderation.js';
export { mostRepliedBlock, type RepliedPostView, repliedPostLine } from './most-replied.js';
export { type NudgeLadderStep, nudge } from './nudge.js';
export { dayLabel, daysLabel, instantLabel } from './period-label.js';
export { managerCanSee, managerNamesChanged, managerNeverSees } from './privacy.js';
export { ideaCall, storyPrompt } from './prompts.js';
export { purposeReminder } from './purpose-reminder.js';
export { rolloutAnnouncement } from './rollout-announcement.js';
export { storyPost } from './story-post.js';
export { TREND_WEEKS } from './trend.js';
export {
  type ExecutivePostView,
  type StoryView,
  storyLine,
  type WeeklyDigestInput,
  weeklyDigest,
} from './weekly-digest.js';
export { welcome } from './welcome.js';
