import type { Form, FormKind, Message } from './message.js';
import type {
  Activity,
  ActivityKind,
  DirectoryEntry,
  JobName,
  Locale,
  Member,
  Platform,
  StoredRole,
  Workspace,
  WorkspaceSettings,
} from './types.js';

// ───────────────────────────── Clock ─────────────────────────────

/** Time source. The scheduler and the service take one; tests pass a fake. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// ─────────────────────────── ChatPlatform ───────────────────────────

/** Where a message goes: a channel, or a member's DM (by platform user id). */
export type Recipient = { kind: 'channel'; id: string } | { kind: 'member'; id: string };

/**
 * Why a send failed. `transient` failures are retried by the outbox worker (after `retryAfterMs`
 * when the platform said so); `permanent` ones are recorded with the reason and never retried.
 * `blocked` is permanent and also marks the member as never to be DMed again.
 */
export type SendFailure =
  | { kind: 'transient'; code: string; retryAfterMs?: number }
  | { kind: 'permanent'; code: string; blocked?: boolean };

export type SendResult = { ok: true; messageId: string } | { ok: false; failure: SendFailure };

/**
 * The only way out of the core. Implemented by the Slack and Teams adapters and by the in-memory
 * platform of the demo and the tests. Called by the outbox worker (send*) and the directory sync
 * (listMembers). Expected failures come back as values, never thrown.
 */
export interface ChatPlatform {
  readonly platform: Platform;
  send(workspace: Workspace, to: Recipient, message: Message): Promise<SendResult>;
  /** Opens a form for a member in answer to their click (Slack: `views.open` with the trigger). */
  openForm?(workspace: Workspace, trigger: string, form: Form, context: string): Promise<SendResult>;
  /** The whole directory of the workspace (all pages), bots included and marked. */
  listMembers(workspace: Workspace): Promise<DirectoryEntry[]>;
  /**
   * A channel's name (Slack `conversations.info`), so answers show `#社内sns`, never an id. Called by
   * the service when ops add a channel whose mention carried no name; null when it cannot be read.
   */
  channelName?(workspace: Workspace, channelId: string): Promise<string | null>;
  /**
   * Sends a file to a member's DM (Slack: `files.getUploadURLExternal`, the upload, then
   * `files.completeUploadExternal`). Called by the service for exports a command asks for (`inactive
   * csv`); absent where the platform cannot take a file from a bot this way (Teams).
   */
  sendFile?(workspace: Workspace, memberPlatformId: string, file: OutgoingFile): Promise<SendResult>;
  /**
   * Whether `message` already reached `to` at or after `since` (an ISO instant): the message id when
   * it did, null when it did not, undefined when the platform cannot tell. Called by the outbox worker
   * before sending again a row another process began sending and died before recording, so a crash
   * mid-send does not deliver the message twice.
   */
  findSent?(workspace: Workspace, to: Recipient, message: Message, since: string): Promise<string | null | undefined>;
}

/** A file Hiroba sends to one person: a name with its extension, a title, and the text it holds. */
export interface OutgoingFile {
  name: string;
  title: string;
  content: string;
}

// ─────────────────────────── Repositories ───────────────────────────

/** An activity to store: everything but the id, with the points it earns. */
export type NewActivity = Omit<Activity, 'id'> & { points: number };

export interface DailyPoints {
  memberId: number;
  day: string;
  /** Uncapped points of the day; the cap is applied by the core. */
  points: number;
  contributions: number;
  activities: number;
}

export interface MemberPatch {
  name?: string;
  email?: string | null;
  platformId?: string | null;
  department?: string | null;
  location?: string | null;
  managerId?: number | null;
  isExecutive?: boolean;
  isBot?: boolean;
  role?: StoredRole;
  optedOut?: boolean;
  locale?: Locale | null;
  localeChosen?: boolean;
  isPilot?: boolean;
  blockedBot?: boolean;
  reachable?: boolean | null;
  includedAt?: string | null;
  deactivatedAt?: string | null;
}

export type NewMember = Pick<Member, 'workspaceId' | 'name' | 'joinedAt'> & MemberPatch;

export interface WorkspaceRepo {
  get(id: number): Promise<Workspace | null>;
  find(platform: Platform, externalId: string): Promise<Workspace | null>;
  list(): Promise<Workspace[]>;
  create(input: {
    platform: Platform;
    externalId: string;
    name: string;
    settings: WorkspaceSettings;
    createdAt: string;
  }): Promise<Workspace>;
  updateSettings(id: number, settings: WorkspaceSettings): Promise<Workspace>;
}

export interface MemberRepo {
  get(id: number): Promise<Member | null>;
  byPlatformId(workspaceId: number, platformId: string): Promise<Member | null>;
  byEmail(workspaceId: number, email: string): Promise<Member | null>;
  /** All members of a workspace, deactivated and bots included; callers filter. */
  list(workspaceId: number): Promise<Member[]>;
  /** The members of a workspace who hold one of these roles (deactivated and bots included), by id. */
  withRoles(workspaceId: number, roles: readonly StoredRole[]): Promise<Member[]>;
  /**
   * Whether anyone of the member's workspace (deactivated and bots included) names them as manager:
   * what makes someone a `manager`. Read through the manager index, so a role check costs one lookup
   * instead of the whole directory. Called by the dispatcher for every command.
   */
  hasReports(memberId: number): Promise<boolean>;
  create(input: NewMember): Promise<Member>;
  update(id: number, patch: MemberPatch): Promise<Member>;
  /** What `forget` would delete or clear for this member (the preview); nothing is changed. */
  personalData(id: number): Promise<PersonalDataCounts>;
  /**
   * Erases a member (`forget`), in one transaction: the row stays, anonymised, so activities and
   * rollups keep every aggregate exact; everything personal hanging off it is deleted (see the store).
   * Returns what was deleted or cleared. Unknown id throws.
   */
  forget(id: number, at: string): Promise<PersonalDataCounts>;
}

/** The personal data `forget` removes: how many rows of each kind (0 when none). */
export interface PersonalDataCounts {
  /** Activities kept for the aggregates, detached from the person (event keys replaced). */
  activities: number;
  /** Stories and ideas they handed over (their text). */
  submissions: number;
  /** Messages to them, about their submissions, or naming them, queued or kept as a record. */
  messages: number;
  /** Nudge state, conversation references, dashboard links and sessions, pending confirmations. */
  other: number;
  /** Activities still waiting for their member lookup. */
  pendingActivities: number;
  /** Members whose manager link pointed at them (cleared). */
  reports: number;
}

/** One audited event: an ops or admin command, or a role change (`actorMemberId` null: the directory). */
export interface AuditEntry {
  id: number;
  workspaceId: number;
  actorMemberId: number | null;
  /** The command's id (`role.grant`), or `role.directory` for a change the directory or HIROBA_ADMINS made. */
  command: string;
  targetMemberId: number | null;
  /** Validated arguments and the outcome; never text a member typed. */
  summary: Record<string, string | number | boolean | null>;
  at: string;
}

/** The audit trail. Written by the command dispatcher and the directory sync; read by `audit`. */
export interface AuditRepo {
  record(entry: Omit<AuditEntry, 'id'>): Promise<AuditEntry>;
  /** The newest `limit` entries of a workspace, newest first. */
  latest(workspaceId: number, limit: number): Promise<AuditEntry[]>;
}

export interface ActivityRepo {
  /**
   * Inserts the activity and adds its points to the member's daily rollup in one transaction.
   * Returns false (and changes nothing) when the event id is already stored for the workspace.
   */
  insert(activity: NewActivity): Promise<
    | {
        inserted: true;
        activity: Activity;
        /**
         * The member's first contribution once this activity is in (`firstContributionAt`), when the
         * store learnt it with the insert at no cost (PostgreSQL: from the same round trip); absent, the
         * caller reads it.
         */
        firstContributionAt?: string | null;
      }
    | { inserted: false }
  >;
  /** Deletes the activity with this event id and takes it out of the rollup; null if none. */
  retract(workspaceId: number, eventId: string, at?: string): Promise<Activity | null>;
  /** Retention: removal tombstones recorded before the instant; returns how many were deleted. */
  deleteTombstonesBefore(workspaceId: number, before: string): Promise<number>;
  /**
   * Retention (`retentionDays`): how many raw activities `deleteBefore` would delete now (dry run).
   */
  countBefore(workspaceId: number, before: string): Promise<number>;
  /**
   * Retention: deletes raw activities that occurred before the instant; daily rollups are kept. Each
   * member's first and last contribution and last activity stay, so states, first-post thanks and
   * "new contributor" keep their answers. Returns how many were deleted.
   */
  deleteBefore(workspaceId: number, before: string): Promise<number>;
  byEventId(workspaceId: number, eventId: string): Promise<Activity | null>;
  /** Activities with `from <= occurredAt < to` (ISO instants), oldest first. */
  between(workspaceId: number, from: string, to: string): Promise<Activity[]>;
  /** Daily rollups with `fromDay <= day <= toDay`. */
  dailyPoints(workspaceId: number, fromDay: string, toDay: string): Promise<DailyPoints[]>;
  /** First and last contribution instant per member (contribution kinds only). */
  contributionBounds(workspaceId: number): Promise<Map<number, { first: string; last: string }>>;
  /** Last activity of any kind per member. */
  lastActivity(workspaceId: number): Promise<Map<number, string>>;
  /** One member's activities with `from <= occurredAt < to`, oldest first (a few named people's posts). */
  memberBetween(memberId: number, from: string, to: string): Promise<Activity[]>;
  /** How many activities of each kind one member had with `from <= occurredAt < to` (their own stats). */
  countsByKind(memberId: number, from: string, to: string): Promise<Partial<Record<ActivityKind, number>>>;
  /** The instant of one member's first contribution, or null (first-post thanks). */
  firstContributionAt(memberId: number): Promise<string | null>;
  /**
   * Posts with `from <= occurredAt < to` that drew replies (before `to`) from members of other
   * departments, most such replies first, then most departments; at most `limit`. Both departments
   * must be known, as for the cross-department ratio. The digest's "most replied" section.
   */
  mostRepliedAcross(workspaceId: number, from: string, to: string, limit: number): Promise<RepliedPost[]>;
  /**
   * Per-member figures over consecutive ranges [bounds[i], bounds[i + 1]) of ISO instants (ascending),
   * counted from the raw activities in one pass: a member appears for a range only when they had
   * activity in it. What the digest, manager reports, `stats` and the dashboard sum per group.
   */
  memberFigures(workspaceId: number, bounds: readonly string[]): Promise<MemberRangeFigures[]>;
  /**
   * The figures of `memberFigures` over consecutive ranges of local days `[days[i], days[i + 1])`
   * (YYYY-MM-DD, ascending), read from the per-member figures the store keeps per day and per ISO week
   * (kept on every insert and retraction and on department moves), never from raw activities: a range
   * that is one whole ISO week reads one row per member. Equal to `memberFigures` over the same local
   * days' instants, and still counting days whose raw rows retention pruned.
   */
  keptFigures(workspaceId: number, days: readonly string[]): Promise<MemberRangeFigures[]>;
  /**
   * Who took part in each range of local days `[days[i], days[i + 1])`, from the same kept figures:
   * the ids of members with any activity, and of those with a contribution (member ids alone, so a
   * trend over thirteen weeks of a 100,000-member company reads numbers, not rows).
   */
  keptParticipants(
    workspaceId: number,
    days: readonly string[],
  ): Promise<Array<{ active: number[]; contributors: number[] }>>;
  /**
   * Contributions and activities per member over the same kind of ranges, without the department
   * comparisons: participation and reach trends over many weeks.
   */
  contributionsIn(workspaceId: number, bounds: readonly string[]): Promise<MemberRangeActivity[]>;
  /** One member's kept bounds (first and last contribution, last activity); null if they never acted. */
  boundsOf(memberId: number): Promise<MemberBounds | null>;
  /** One member's daily rollups with `fromDay <= day <= toDay`, oldest first (their own score). */
  memberDailyPoints(memberId: number, fromDay: string, toDay: string): Promise<DailyPoints[]>;
  /**
   * Every member's decayed score Σ min(cap, points_d) × 0.5^((today − d) / halfLifeDays) over their
   * rollups with `fromDay <= d <= today`, summed in SQL: equal to the core's `decayedScore` within
   * float rounding (the core refines the few values where that could matter). Members without a
   * rollup are absent.
   */
  scoreEstimates(
    workspaceId: number,
    fromDay: string,
    today: string,
    rule: { cap: number; halfLifeDays: number },
  ): Promise<Map<number, number>>;
  /**
   * Replies and reactions with `from <= occurredAt < to` by a member in `actors` to another member in
   * `targets`, counted in the store per pair of departments: the actor's and the target's in today's
   * directory, each trimmed as `String.prototype.trim` trims ('' for none). Pairs without any are
   * absent. Called by the dashboard's connections page, which never loads the window's raw rows.
   */
  departmentConnections(
    workspaceId: number,
    from: string,
    to: string,
    actors: readonly number[],
    targets: readonly number[],
  ): Promise<DepartmentConnection[]>;
  /** The score scale kept for a local day, or null when it has not been computed that day. */
  scoreScale(workspaceId: number, day: string): Promise<ScoreScale | null>;
  /** Keeps the day's score scale (the first computation of a day wins; a second one is ignored). */
  saveScoreScale(workspaceId: number, scale: ScoreScale): Promise<void>;
}

/** A post and the replies it drew from other departments (`ActivityRepo.mostRepliedAcross`). */
export interface RepliedPost {
  post: Activity;
  /** Replies from members of other departments. */
  replies: number;
  /** How many other departments those replies came from. */
  departments: number;
}

/** Replies and reactions from one department to another (`ActivityRepo.departmentConnections`). */
export interface DepartmentConnection {
  /** The actors' department, trimmed; '' for people without one. */
  from: string;
  /** The targets' department, the same way. */
  to: string;
  replies: number;
  reactions: number;
}

/** One member's participation over one range of `ActivityRepo.contributionsIn`. */
export interface MemberRangeActivity {
  memberId: number;
  range: number;
  contributions: number;
  activities: number;
}

/** One member's activity over one range of `ActivityRepo.memberFigures`. */
export interface MemberRangeFigures {
  memberId: number;
  /** Index of the range: `bounds[range] <= occurredAt < bounds[range + 1]`. */
  range: number;
  /** Contributions (post, reply, story, idea). */
  contributions: number;
  /** Activities of any kind, reactions included. */
  activities: number;
  /** Top-level posts (post, story, idea). */
  posts: number;
  /**
   * Replies and reactions to someone else where both the member's and the target's department are
   * known (non-empty once trimmed as `String.prototype.trim` does), by today's directory.
   */
  interactions: number;
  /** Those whose target is in another department. */
  crossing: number;
  /** The instant of the member's first top-level post in the range, or null. */
  firstPost: string | null;
}

/** A member's kept activity bounds (ISO instants). */
export interface MemberBounds {
  /** First and last contribution; null when they only ever reacted. */
  first: string | null;
  last: string | null;
  lastActivity: string;
}

/** The workspace's score scale of one local day (`percentile90` of the raw scores of who counted). */
export interface ScoreScale {
  day: string;
  p90: number;
  /** Members scored (eligible that day). */
  scored: number;
  computedAt: string;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'cancelled';

export interface OutboxRow {
  id: number;
  workspaceId: number;
  job: string;
  period: string;
  recipient: Recipient;
  message: Message;
  status: OutboxStatus;
  attempts: number;
  /** Not sent before this instant (quiet hours, Retry-After, backoff). */
  notBefore: string;
  lastError: string | null;
  platformMessageId: string | null;
  createdAt: string;
  sentAt: string | null;
  /** The worker process holding the row, until `leaseUntil` (exactly once across processes). */
  claimedBy?: string | null;
  leaseUntil?: string | null;
  /** Set just before the platform call, cleared with its result: set after a lapse = maybe delivered. */
  sendingSince?: string | null;
  /** How often the row was taken over from a holder that may have delivered it already. */
  possibleDuplicates?: number;
}

export interface NewOutboxRow {
  workspaceId: number;
  job: string;
  period: string;
  recipient: Recipient;
  message: Message;
  notBefore: string;
  createdAt: string;
}

export type LedgerStatus = 'done' | 'skipped';

export interface LedgerEntry {
  workspaceId: number;
  job: string;
  period: string;
  status: LedgerStatus;
  at: string;
  detail: string | null;
}

export interface LedgerRepo {
  get(workspaceId: number, job: string, period: string): Promise<LedgerEntry | null>;
  list(workspaceId: number, job?: string): Promise<LedgerEntry[]>;
  /**
   * Records an entry without enqueuing anything (the scheduler's 'skipped' periods). Returns false and
   * changes nothing when (workspace, job, period) is already in the ledger.
   */
  record(entry: LedgerEntry): Promise<boolean>;
  /** Entries recorded before the instant (the retention job's dry run). */
  countBefore(workspaceId: number, before: string): Promise<number>;
  /** Deletes entries recorded before the instant (retention); returns how many. */
  deleteBefore(workspaceId: number, before: string): Promise<number>;
}

export interface OutboxRepo {
  /**
   * Records the ledger entry and enqueues every row in one transaction. Returns false and writes
   * nothing when the ledger already holds (workspace, job, period). Rows whose
   * (workspace, job, period, recipient) already exist are not enqueued twice.
   */
  commitRun(entry: LedgerEntry, rows: NewOutboxRow[]): Promise<boolean>;
  /** Enqueues rows outside any scheduled run (command replies, story posts); keyed the same way. */
  enqueue(rows: NewOutboxRow[]): Promise<number>;
  /** Pending rows due at `now`, oldest first. */
  due(now: string, limit: number): Promise<OutboxRow[]>;
  /** Atomically claims due rows for a worker until `leaseUntil` (see the store for the rules). */
  claim(holder: string, now: string, leaseUntil: string, limit: number, skip?: readonly number[]): Promise<OutboxRow[]>;
  /** Marks a claimed row as being sent now; false when the holder lost it. */
  beginSend(id: number, holder: string, now: string, leaseUntil: string): Promise<boolean>;
  /** Releases the holder's claimed rows that it did not start sending. */
  release(holder: string): Promise<number>;
  /** Backlog figures for `/healthz`. */
  backlog(): Promise<{ pending: number; oldestCreatedAt: string | null; possibleDuplicates: number }>;
  pending(workspaceId?: number): Promise<OutboxRow[]>;
  markSent(id: number, platformMessageId: string, at: string): Promise<void>;
  markFailed(id: number, reason: string, at: string): Promise<void>;
  reschedule(id: number, notBefore: string, error: string): Promise<void>;
  /** Moves a pending row to a later instant without counting an attempt (quiet hours). */
  defer(id: number, notBefore: string): Promise<void>;
  get(id: number): Promise<OutboxRow | null>;
  list(
    workspaceId: number,
    filter?: { job?: string; status?: OutboxStatus; recipientId?: string },
  ): Promise<OutboxRow[]>;
  /** Rows sent or queued to a member for these jobs since the instant (frequency caps). */
  countForMember(
    workspaceId: number,
    memberPlatformId: string,
    jobs: readonly string[],
    since: string,
  ): Promise<number>;
  /** Finished rows (sent, failed, cancelled) that finished before the instant (the retention job's dry run). */
  countFinishedBefore(workspaceId: number, before: string): Promise<number>;
  /** Deletes finished rows that finished before the instant (retention); pending rows are never touched. */
  deleteFinishedBefore(workspaceId: number, before: string): Promise<number>;
}

export type NudgeStep = 0 | 1 | 2 | 3;

export interface NudgeState {
  memberId: number;
  /** Steps sent in the current ladder (0 = none). */
  step: NudgeStep;
  lastNudgedAt: string | null;
  restUntil: string | null;
}

export interface NudgeRepo {
  get(memberId: number): Promise<NudgeState>;
  save(state: NudgeState): Promise<void>;
  list(workspaceId: number): Promise<NudgeState[]>;
}

export type SubmissionStatus = 'posted' | 'pending' | 'approved' | 'rejected';

/** A story or idea a member handed over to be posted: the one place message text is stored. */
export interface Submission {
  id: number;
  workspaceId: number;
  memberId: number;
  kind: FormKind;
  fields: Record<string, string>;
  status: SubmissionStatus;
  createdAt: string;
  decidedBy: number | null;
  decidedAt: string | null;
  /** The activity the submission recorded (`form:<key>`); taken back if ops reject it. */
  eventId: string | null;
}

export interface SubmissionRepo {
  create(
    input: Omit<Submission, 'id' | 'decidedBy' | 'decidedAt' | 'eventId'> & { eventId?: string | null },
  ): Promise<Submission>;
  get(id: number): Promise<Submission | null>;
  decide(id: number, status: 'approved' | 'rejected', by: number, at: string): Promise<Submission>;
  list(workspaceId: number, status?: SubmissionStatus): Promise<Submission[]>;
}

/** Platform conversation references (Teams proactive messaging), stored as opaque JSON. */
export interface ConversationRefRepo {
  save(workspaceId: number, key: string, reference: unknown, at: string): Promise<void>;
  get(workspaceId: number, key: string): Promise<unknown | null>;
  /** Deletes references whose key starts with `prefix` last saved before the instant; returns how many. */
  deleteBefore(workspaceId: number, prefix: string, before: string): Promise<number>;
}

/** A bulk command previewed and waiting for its caller to confirm (`confirm`, or the button). */
export interface PendingConfirmation {
  id: number;
  workspaceId: number;
  /** Only this member may confirm it. */
  memberId: number;
  /** The command's id in the registry (`prompt`, `rollout.advance`). */
  command: string;
  /** The command's arguments as parsed; validated again before it runs. */
  args: Record<string, unknown>;
  createdAt: string;
  expiresAt: string;
}

/** Who a dashboard login link or session belongs to, and how long it lasts (ISO instants). */
export interface DashboardGrant {
  workspaceId: number;
  memberId: number;
  createdAt: string;
  expiresAt: string;
}

/** Pending confirmations of bulk commands. Called by the command dispatcher only. */
export interface ConfirmationRepo {
  create(input: Omit<PendingConfirmation, 'id'>): Promise<PendingConfirmation>;
  get(id: number): Promise<PendingConfirmation | null>;
  /** The member's newest confirmation not yet expired at `now`. */
  latestFor(memberId: number, now: string): Promise<PendingConfirmation | null>;
  /** Deletes it; false when it was already taken (a double click runs the command once). */
  take(id: number): Promise<boolean>;
  /** Deletes every confirmation expired at `now`; returns how many. */
  deleteExpired(now: string): Promise<number>;
}

/** What using a login link found: only `ok` signs in; `used` and `expired` still say whose link it was. */
export type LoginTokenUse =
  | { status: 'ok'; grant: DashboardGrant }
  | { status: 'used' | 'expired'; grant: DashboardGrant }
  | { status: 'unknown' };

/**
 * Dashboard sign-in (issue 13): one-time login links and sessions, both stored only as SHA-256 hashes
 * of their secrets. Called by the `dashboard` command (links) and the dashboard's HTTP routes.
 */
export interface DashboardAuthRepo {
  createLoginToken(tokenHash: string, grant: DashboardGrant): Promise<void>;
  /** Marks the link used at `now` when it is unused and unexpired, in one step (a link signs in once). */
  useLoginToken(tokenHash: string, now: string): Promise<LoginTokenUse>;
  createSession(sessionHash: string, grant: DashboardGrant): Promise<void>;
  /** The session's grant while it lasts at `now`, else null. */
  session(sessionHash: string, now: string): Promise<DashboardGrant | null>;
  /** Logout: the session ends now. */
  deleteSession(sessionHash: string): Promise<void>;
  /** Deletes links and sessions that expired before the instant; returns how many. */
  deleteExpired(before: string): Promise<number>;
}

/** An activity kept until its member can be looked up (see `HirobaCore.deferActivity`). */
export interface PendingActivity {
  id: number;
  workspaceId: number;
  eventId: string;
  memberPlatformId: string;
  /** The activity as the adapter gave it, without the workspace id. */
  activity: Omit<ActivityInput, 'workspaceId'>;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  status: 'waiting' | 'failed';
  createdAt: string;
}

/** Activities waiting for a member lookup. Written and read by the core's deferred-activity rules only. */
export interface PendingActivityRepo {
  /** Keeps one activity; false when the event is already kept (a redelivery). */
  add(row: Omit<PendingActivity, 'id' | 'attempts' | 'status'>): Promise<boolean>;
  /** Waiting rows due at `now`, oldest first. */
  due(now: string, limit: number): Promise<PendingActivity[]>;
  /** Every row of a workspace, waiting and failed (ops and tests). */
  list(workspaceId: number): Promise<PendingActivity[]>;
  update(
    id: number,
    patch: { attempts: number; nextAttemptAt: string; lastError: string; status: 'waiting' | 'failed' },
  ): Promise<void>;
  remove(id: number): Promise<void>;
  /** Forgets a kept event (its message was deleted); true when there was one. */
  removeEvent(workspaceId: number, eventId: string): Promise<boolean>;
}

/** Everything the service needs from storage. `transaction` runs `fn` atomically. */
export interface Repositories {
  workspaces: WorkspaceRepo;
  members: MemberRepo;
  activities: ActivityRepo;
  outbox: OutboxRepo;
  ledger: LedgerRepo;
  nudges: NudgeRepo;
  submissions: SubmissionRepo;
  conversationRefs: ConversationRefRepo;
  confirmations: ConfirmationRepo;
  pendingActivities: PendingActivityRepo;
  dashboard: DashboardAuthRepo;
  audit: AuditRepo;
  /**
   * Runs `fn` atomically: every repository call it awaits (on any repository of this object) joins one
   * transaction, committed when `fn` resolves and rolled back when it rejects. Nested calls are
   * savepoints. `fn` must only await the store: the transaction holds its connection until it ends.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
}

// ───────────────────────────── Core API ─────────────────────────────
// What adapters call. They translate platform payloads into these inputs and decide nothing.

export interface ActivityInput {
  workspaceId: number;
  /** The platform's event id, or a natural key the adapter builds (unique per workspace). */
  eventId: string;
  kind: ActivityKind;
  memberPlatformId: string;
  channelId: string;
  targetPlatformId?: string | null;
  /** A reply's parent: the event id the adapter gave the post it answers (`msg:<channel>:<message id>`). */
  parentEventId?: string | null;
  occurredAt: string;
}

export type IgnoreReason =
  | 'duplicate'
  | 'channel_not_counted'
  | 'bot'
  | 'deactivated'
  | 'unknown_member'
  | 'self_target'
  /** The database refused for the moment: the event is kept and recorded once it answers again. */
  | 'held'
  /** The input does not fit the schema (an id over its length, no such kind, not an instant): nothing stored. */
  | 'malformed';

export type RecordResult = { status: 'recorded'; activity: Activity } | { status: 'ignored'; reason: IgnoreReason };

export interface Caller {
  workspaceId: number;
  platformId: string;
  /** The member's platform locale when the platform tells it. */
  locale?: Locale | null;
  /** Channel the words were said in (Slack channel id, Teams channel id), if any. */
  channelId?: string | null;
}

export interface CommandRequest extends Caller {
  text: string;
}

export interface FormSubmission extends Caller {
  kind: FormKind;
  values: Record<string, string>;
  /** Platform id of the submission, for idempotency (Slack view id + hash, Teams activity id). */
  submissionKey: string;
}

export type FormResult = { ok: true; reply: Message } | { ok: false; errors: Record<string, string> };

export interface ActionRequest extends Caller {
  actionId: string;
  value?: string;
}

export interface HirobaCore {
  /** Gets or creates the workspace for a platform's team/tenant. */
  workspace(platform: Platform, externalId: string, name?: string): Promise<Workspace>;
  /** Creates or updates one member from the platform's view of them (join, profile change). */
  upsertMember(workspaceId: number, entry: DirectoryEntry): Promise<Member>;
  /** Full directory sync: upserts every entry; members missing from a complete list are deactivated. */
  syncDirectory(
    workspaceId: number,
    entries: DirectoryEntry[],
  ): Promise<{ created: number; updated: number; deactivated: number }>;
  recordActivity(input: ActivityInput): Promise<RecordResult>;
  /**
   * Records a burst of activities in one transaction (one commit instead of one each): the results
   * in order, as `recordActivity` would give them one by one. Nothing is written when the database
   * refuses the commit (the caller holds them all). Called by an adapter that took several events at once.
   */
  recordActivities(inputs: readonly ActivityInput[]): Promise<RecordResult[]>;
  /** True when the directory has this platform user (an adapter asks before looking them up). */
  knowsMember(workspaceId: number, platformId: string): Promise<boolean>;
  retractActivity(workspaceId: number, eventId: string): Promise<boolean>;
  /** Runs `/hiroba <words>`; the reply is for the caller only. Never throws for user errors. */
  runCommand(request: CommandRequest): Promise<Message>;
  /** The form of a kind in the caller's language (Slack opens it as a modal on a button click). */
  form(caller: Caller, kind: FormKind): Promise<Form>;
  submitForm(submission: FormSubmission): Promise<FormResult>;
  /** A button click (moderation approve/reject, opt-out, …); returns a reply for the clicker, if any. */
  handleAction(request: ActionRequest): Promise<Message | null>;
  /** The member's own page (Slack App Home): their score explained and the purpose. */
  home(caller: Caller): Promise<Message>;
  /** A member joined the workspace or a counted channel: welcome DM (once) with purpose and rules. */
  memberJoined(workspaceId: number, memberPlatformId: string, channelId: string | null): Promise<void>;
  /**
   * Keeps an activity whose member is unknown and could not be looked up now (the platform failed or
   * rate-limited): it is recorded by `retryDeferred` once the member is known. Called by an adapter
   * after `recordActivity` said `unknown_member` and its lookup failed transiently.
   */
  deferActivity(input: ActivityInput, error: string): Promise<void>;
  /**
   * Retries the kept activities that are due: a member the directory now knows is recorded at once,
   * others are looked up through `lookup` (the adapter's `users.info` / `getMember`). A transient
   * failure waits longer each time; after the last attempt the row stays as `failed` with the reason.
   * Called by an adapter on its own schedule (Slack: on a timer, and with incoming events while it kept some).
   */
  retryDeferred(lookup: MemberLookup, limit?: number): Promise<DeferredRetryResult>;
}

/** What an adapter's member lookup found. `foreign` and `gone` are final; `transient` is tried again. */
export type MemberLookupResult =
  | { kind: 'found'; entry: DirectoryEntry }
  | { kind: 'foreign'; detail: string }
  | { kind: 'gone'; detail: string }
  | { kind: 'transient'; detail: string };

export type MemberLookup = (workspace: Workspace, platformId: string) => Promise<MemberLookupResult>;

export interface DeferredRetryResult {
  recorded: number;
  /** Final answers that mean the activity is not counted (a foreign or deleted member, or not counted after all). */
  dropped: Array<{ eventId: string; reason: string }>;
  waiting: number;
  /** Rows that used their last attempt now: kept as `failed`. */
  failed: Array<{ eventId: string; reason: string }>;
}

/** Jobs the scheduler and `run-job` can run; each returns what it enqueued. */
export interface JobRunResult {
  job: JobName;
  workspaceId: number;
  period: string;
  status: 'ran' | 'already-ran' | 'skipped';
  enqueued: number;
  detail?: string;
}
