/** The programs: pure builders of platform-neutral messages. Callers import from here. */
export { ACTION_IDS, PROGRAM_KINDS, type ProgramActionId } from './action-ids.js';
export type { MetricsView, TrendPointView, ScoreView, ScoringRulesView } from './inputs.js';
export { MIN_REPORT_GROUP } from './inputs.js';
export { storyForm, ideaForm, firstPostForm, formFor, templateFieldIds } from './forms.js';
export { purposeReminder } from './purpose-reminder.js';
export { welcome } from './welcome.js';
export { storyPrompt, ideaCall } from './prompts.js';
export { firstPostThanks } from './first-post-thanks.js';
export { weeklyDigest, type WeeklyDigestInput } from './weekly-digest.js';
export { managerReport, type ManagerReportInput } from './manager-report.js';
export { nudge, type NudgeLadderStep } from './nudge.js';
export { storyPost } from './story-post.js';
export { moderationRequest, moderationDecided } from './moderation.js';
export { memberHome, DEFAULT_SCORING, type MemberHomeInput } from './member-home.js';
export { formReceived } from './form-received.js';
export { TREND_WEEKS } from './trend.js';
