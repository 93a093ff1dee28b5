/**
 * The core's public surface: what the scheduler, the adapters, the CLI, the demo and `main.ts` may
 * use. Together with the port and model modules (`ports.ts`, `types.ts`, `message.ts`, `time.ts`,
 * `i18n/index.ts`) and the service factory (`service.ts`), this is all an outer layer imports;
 * test/architecture.test.ts keeps everything else internal.
 */
export { type CalendarName, isBusinessDay, isWeekend, jpHolidayName, nextBusinessDay } from './calendar.js';
export {
  type InactiveFilter,
  inactiveFilterParams,
  inInactiveFilter,
  NO_INACTIVE_FILTER,
  readInactiveFilter,
} from './dashboard/inactive-filter.js';
export { type DashboardScope, dashboardScope } from './dashboard/scope.js';
export { hashSecret, isWellFormedSecret, newSecret, SESSION_HOURS } from './dashboard/secrets.js';
export { eligibleMembers, groupBy } from './groups.js';
export { postLink } from './links.js';
export type { TeamMetrics } from './metrics.js';
export * from './ports.js';
export { ACTION_IDS } from './programs/action-ids.js';
export { weekLabel } from './programs/blocks.js';
export { formFor, MIN_REPORT_GROUP } from './programs/index.js';
export {
  checkPromises,
  PROMISES,
  type PromiseBreach,
  type PromiseInput,
  type PromiseReport,
  type SentRecord,
} from './promises.js';
export { isQuietTime, nextAllowedTime, type QuietHoursSettings } from './quiet-hours.js';
export {
  isNeverNudged,
  type MessagePurpose,
  type MessageRefusal,
  messageRefusal,
  PROMPT_JOBS,
  type Reachability,
  reachability,
  sendAt,
  WEEKLY_PROMPT_CAP,
} from './reach.js';
export {
  type Comparison,
  type DashboardView,
  departmentConnections,
  type GroupTable,
  groupTable,
  inactiveMembers,
  lastCompleteWeek,
  OTHER_GROUP,
  overview,
  rolloutSteps,
  scopeGroup,
  sharedStories,
} from './service/dashboard-data.js';
export { DASHBOARD_LINK_KIND } from './service/dashboard-link.js';
export { chartWeekLabel } from './service/digest-chart.js';
export { CONFIRM_ACTIONS } from './service/dispatch.js';
export {
  PROGRAM_JOB_LIST,
  type ProgramBuild,
  type ProgramContext,
  type ProgramJob,
  type ProgramRow,
} from './service/program-jobs.js';
export { activityInputSchema } from './service/record-activity.js';
export { localeOf } from './service/reports.js';
export { type ReportLookup, reportsAmong } from './service/roles.js';
export { includeRolloutMembers } from './service/rollout.js';
export {
  activitiesIn,
  activitiesOf,
  departmentMembers,
  loadSnapshot,
  metricsFor,
  type Snapshot,
  teamOf,
} from './service/snapshot.js';
export { type CoreOptions, createHirobaCore } from './service.js';
export * from './types.js';
