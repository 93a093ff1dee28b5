import { z } from 'zod';

/** Chat platforms Hiroba runs on. `memory` is the in-process platform of the demo and the tests. */
export const PLATFORMS = ['slack', 'teams', 'memory'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const LOCALES = ['ja', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

/** Stored roles. `manager` is never stored: it is derived from the directory (anyone with reports). */
export const STORED_ROLES = ['member', 'ops', 'admin'] as const;
export type StoredRole = (typeof STORED_ROLES)[number];
export type Role = StoredRole | 'manager';

export const ACTIVITY_KINDS = ['post', 'reply', 'reaction', 'story', 'idea', 'prompt_answer'] as const;
export const activityKindSchema = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof activityKindSchema>;

/** A contribution moves a member's state; reactions and prompt answers only count for reach. */
export const CONTRIBUTION_KINDS: readonly ActivityKind[] = ['post', 'reply', 'story', 'idea'];
/** Top-level posts: what concentration (top-10% share, Gini) is measured on. */
export const POST_KINDS: readonly ActivityKind[] = ['post', 'story', 'idea'];

export const ROLLOUT_PHASES = ['pilot', 'expansion', 'company'] as const;
export const rolloutPhaseSchema = z.enum(ROLLOUT_PHASES);
export type RolloutPhase = z.infer<typeof rolloutPhaseSchema>;

export const MEMBER_STATES = ['new', 'active', 'occasional', 'inactive', 'never'] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

export const JOB_NAMES = [
  'purpose-reminder',
  'story-prompts',
  'idea-call',
  'digest',
  'manager-reports',
  'nudges',
  'directory-sync',
  'retention',
] as const;
export const jobNameSchema = z.enum(JOB_NAMES);
export type JobName = z.infer<typeof jobNameSchema>;

/**
 * Default schedules (cron, workspace time zone). "First Monday" is `1#1`, not `1-7 * 1`: classic cron
 * and cron-parser OR a restricted day-of-month with a restricted day-of-week (every day 1–7 and every
 * Monday), node-cron ANDs them; `#` means the same to both, and the scheduler refuses the ambiguous form.
 */
export const DEFAULT_SCHEDULES: Record<JobName, string> = {
  'purpose-reminder': '0 10 * * 1#1', // first Monday of the month, 10:00
  'story-prompts': '0 11 * * 2', // Tuesday 11:00
  'idea-call': '0 11 * * 3#2', // second Wednesday of the month, 11:00
  digest: '0 16 * * 5', // Friday 16:00
  'manager-reports': '0 9 * * 1', // Monday 09:00
  nudges: '0 10 * * 3', // Wednesday 10:00
  'directory-sync': '0 6 * * *', // daily 06:00
  retention: '30 3 * * *', // daily 03:30
};

/** How long raw activities are kept (`retentionDays`), in days: the default and the bounds ops may set. */
export const RETENTION_DAYS = { default: 180, min: 30, max: 730 } as const;

/** Who set a workspace text (purpose, rules) and when; shown by `purpose show` / `rules show`. */
export const settingAuthorSchema = z.object({ memberId: z.number().int().positive(), at: z.string().min(1) });
export type SettingAuthor = z.infer<typeof settingAuthorSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/u, 'expected HH:MM');

/** Workspace settings, stored as JSON in `workspaces.settings`; every field has a default. */
export const workspaceSettingsSchema = z.object({
  locale: localeSchema.default('ja'),
  timezone: z.string().min(1).default('Asia/Tokyo'),
  /** `jp` skips Japanese national holidays for scheduled jobs and DMs. */
  calendar: z.enum(['jp', 'none']).default('jp'),
  purpose: z.string().max(3000).default(''),
  rules: z.string().max(3000).default(''),
  purposeSetBy: settingAuthorSchema.nullable().default(null),
  rulesSetBy: settingAuthorSchema.nullable().default(null),
  countedChannels: z.array(z.string().min(1)).default([]),
  /** Channel id → its name as the platform gave it, so answers show channels by name, never by id. */
  channelNames: z.record(z.string(), z.string().min(1).max(200)).default({}),
  digestChannel: z.string().min(1).nullable().default(null),
  schedules: z.record(z.string(), z.string()).default({}),
  rolloutPhase: rolloutPhaseSchema.default('pilot'),
  rolloutDepartments: z.array(z.string().min(1)).default([]),
  /** When each `rollout advance` happened (the dashboard compares the pilot with the rest around each step). */
  rolloutSteps: z.array(z.object({ phase: rolloutPhaseSchema, at: z.string().datetime({ offset: true }) })).default([]),
  moderation: z.boolean().default(false),
  managerNames: z.boolean().default(false),
  quietHours: z
    .object({ start: hhmm.default('20:00'), end: hhmm.default('08:00'), weekends: z.boolean().default(true) })
    .default({ start: '20:00', end: '08:00', weekends: true }),
  inactiveAfterDays: z.number().int().min(7).max(365).default(14),
  /**
   * Raw activities (who did what, when) are deleted this many days after they happened; the daily
   * rollups and other aggregates stay. Set with `retention set <days>`.
   */
  retentionDays: z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max).default(RETENTION_DAYS.default),
  /**
   * When the pilot is ready for the next step (`rollout status`): the pilot group's figures over the
   * last 7 days at or above each threshold (shares, 0–1).
   */
  pilotReadiness: z
    .object({
      participation: z.number().min(0).max(1).default(0.3),
      reach: z.number().min(0).max(1).default(0.5),
      crossDepartment: z.number().min(0).max(1).default(0.2),
      stories: z.number().int().min(0).max(1000).default(1),
    })
    .default({ participation: 0.3, reach: 0.5, crossDepartment: 0.2, stories: 1 }),
  /** Slack profile field ids (or labels) that hold department / location / manager. */
  profileFields: z
    .object({ department: z.string().optional(), location: z.string().optional(), manager: z.string().optional() })
    .default({}),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;
/** The thresholds the pilot's last 7 days must reach before the next step (`rollout readiness`). */
export type PilotReadiness = WorkspaceSettings['pilotReadiness'];

export function defaultSettings(overrides: Partial<WorkspaceSettings> = {}): WorkspaceSettings {
  return workspaceSettingsSchema.parse(overrides);
}

/** Where channel programs and shared stories go: the digest channel, else the first counted SNS channel. */
export function snsChannel(settings: WorkspaceSettings): string | null {
  return settings.digestChannel ?? settings.countedChannels[0] ?? null;
}

/** The schedule in force for a job: the workspace's own, else the default. */
export function scheduleOf(settings: WorkspaceSettings, job: JobName): string {
  return settings.schedules[job] ?? DEFAULT_SCHEDULES[job];
}

export interface Workspace {
  id: number;
  platform: Platform;
  /** Slack team id, Teams tenant id, or the demo's name. */
  externalId: string;
  name: string;
  settings: WorkspaceSettings;
  createdAt: string;
}

export interface Member {
  id: number;
  workspaceId: number;
  /** Platform user id (Slack `U…`, Teams `29:…`); null for someone known only from a directory import. */
  platformId: string | null;
  name: string;
  email: string | null;
  department: string | null;
  location: string | null;
  managerId: number | null;
  isExecutive: boolean;
  isBot: boolean;
  role: StoredRole;
  optedOut: boolean;
  /** The member's own platform locale or `language` choice; null → the workspace's. */
  locale: Locale | null;
  /** The member chose the language themselves (`language`); the platform's locale no longer overrides it. */
  localeChosen: boolean;
  isPilot: boolean;
  /** The platform refused a DM (blocked the bot, app not installed): never DM again. */
  blockedBot: boolean;
  /** Teams: whether the bot can open a 1:1 chat (app installed). null = not known yet. */
  reachable: boolean | null;
  joinedAt: string;
  /** When the rollout first covered the member (kick-off sent); null while it does not. "Never posted" counts from here. */
  includedAt: string | null;
  deactivatedAt: string | null;
  /** When `forget` erased the member (the row stays, anonymised, for the aggregates); absent otherwise. */
  forgottenAt?: string | null;
}

/** A member as a platform directory or an import reports them. */
export const directoryEntrySchema = z.object({
  platformId: z.string().min(1).nullable(),
  name: z.string().min(1).max(200),
  email: z.string().email().max(320).nullable().default(null),
  isBot: z.boolean().default(false),
  deactivated: z.boolean().default(false),
  locale: localeSchema.nullable().default(null),
  isPlatformAdmin: z.boolean().default(false),
  department: z.string().max(200).nullable().optional(),
  location: z.string().max(200).nullable().optional(),
  /** Manager as an email or a platform id. */
  manager: z.string().max(320).nullable().optional(),
  isExecutive: z.boolean().optional(),
});
export type DirectoryEntry = z.input<typeof directoryEntrySchema>;

/** One stored activity (no message text, ever). */
export interface Activity {
  id: number;
  workspaceId: number;
  eventId: string;
  kind: ActivityKind;
  memberId: number;
  channelId: string;
  targetMemberId: number | null;
  occurredAt: string;
  /** Local date (YYYY-MM-DD) in the workspace's time zone; the rollup day. */
  day: string;
  /** A reply's parent: the event id of the post it answers (absent for other kinds, or unknown). */
  parentEventId?: string | null;
}

export const ISO_INSTANT = z.string().datetime({ offset: true });
