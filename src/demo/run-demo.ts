import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatPercent, type TextKey, t } from '../core/i18n/index.js';
import {
  checkPromises,
  createHirobaCore,
  type OutboxRow,
  type PromiseReport,
  type Repositories,
  type SentRecord,
} from '../core/index.js';
import { messageToPlainText } from '../core/message.js';
import { localDay, localParts } from '../core/time.js';
import type { Locale, Workspace } from '../core/types.js';
import { MemoryPlatform } from '../memory/memory-platform.js';
import { PROGRAM_JOBS } from '../scheduler/jobs/program-jobs.js';
import { createOutboxWorker } from '../scheduler/outbox-worker.js';
import { openStore } from '../store/open-store.js';
import { type DemoActivity, generateActivity } from './activity.js';
import { createCompany, DEMO_TIMEZONE, type DemoCompany, type DemoMember } from './company.js';
import { createDemoClock } from './demo-clock.js';
import { opsLead, seedWorkspace } from './seed-workspace.js';
import { type SimulationResult, simulate } from './simulate.js';
import { type DepartmentRow, departmentRows, type WeekRow, weeklyRows } from './summary.js';
import { textTable } from './text-table.js';

/** The demo's fixed "now": a Friday at 16:00 in Tokyo, the moment the weekly digest goes out. */
export const DEMO_NOW = new Date('2026-03-13T07:00:00.000Z');

export interface DemoOptions {
  locale?: Locale;
  weeks?: number;
  seed?: number;
  /** Company size relative to the demo's 318 people (the promises test uses a smaller one). */
  scale?: number;
  /** Where the database goes; a new temporary directory when absent (never the repository). */
  dbPath?: string;
  now?: Date;
  out?: (line: string) => void;
  /**
   * Whether to build and print what each audience received and the summary tables (default true).
   * The promises test turns it off: it reads only what was sent and the promises' check.
   */
  report?: boolean;
}

/** What a program sent to one audience, as the demo shows it. */
export interface ShownMessage {
  row: OutboxRow;
  /** The member it went to (null for a channel). */
  member: DemoMember | null;
}

export interface DemoResult {
  dbPath: string;
  workspace: Workspace;
  company: DemoCompany;
  activity: DemoActivity;
  simulation: SimulationResult;
  weeks: WeekRow[];
  departments: DepartmentRow[];
  /** Sent outbox rows per job. */
  sent: Record<string, number>;
  /** The product's promises checked over everything sent (the demo's last line). */
  promises: PromiseReport;
  shown: {
    digest: ShownMessage | null;
    managerReport: ShownMessage | null;
    nudge: ShownMessage | null;
    storyPrompt: ShownMessage | null;
    kickoff: ShownMessage | null;
    announcement: ShownMessage | null;
    leader: ShownMessage | null;
  };
}

const NOTHING_SHOWN: DemoResult['shown'] = {
  digest: null,
  managerReport: null,
  nudge: null,
  storyPrompt: null,
  kickoff: null,
  announcement: null,
  leader: null,
};

/** A demo database that already holds data would mix two runs: the demo refuses it. */
export class DemoDatabaseExistsError extends Error {
  readonly code = 'demo_db_exists';
  constructor(readonly path: string) {
    super(`${path} already exists; give --db a new file (or leave --db out for a temporary one)`);
    this.name = 'DemoDatabaseExistsError';
  }
}

/**
 * `npm run demo`: builds the simulated company, plays its weeks through the real core, store,
 * program jobs and outbox worker (an in-memory chat platform and a fixed clock stand in for Slack or
 * Teams), then prints what each audience received and a summary table. Called by `hiroba demo`
 * and the demo's end-to-end test.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const locale = options.locale ?? 'ja';
  const now = options.now ?? DEMO_NOW;
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const dbPath = options.dbPath ?? join(mkdtempSync(join(tmpdir(), 'hiroba-demo-')), 'hiroba.db');
  if (options.dbPath !== undefined && existsSync(options.dbPath)) throw new DemoDatabaseExistsError(options.dbPath);

  const company = createCompany({
    now,
    locale,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.scale === undefined ? {} : { scale: options.scale }),
  });
  const activity = generateActivity(company, { now, ...(options.weeks === undefined ? {} : { weeks: options.weeks }) });
  const clock = createDemoClock(new Date(activity.timeline.start));
  const store = await openStore({ kind: 'sqlite', path: dbPath });
  const platform = new MemoryPlatform({ clock });
  const worker = createOutboxWorker({
    repos: store.repos,
    platforms: { memory: platform },
    clock,
    sleep: async (ms) => clock.advance(ms),
  });
  try {
    const core = createHirobaCore({
      repos: store.repos,
      clock,
      admins: [opsLead(company).email],
      defaults: { timezone: DEMO_TIMEZONE, locale },
    });
    const { workspace, ops } = await seedWorkspace(core, company, locale, Date.parse(activity.timeline.start));
    const simulation = await simulate(
      { core, repos: store.repos, clock, worker, jobs: PROGRAM_JOBS, workspace, ops },
      company,
      activity,
    );
    const finalWorkspace = (await store.repos.workspaces.get(workspace.id)) ?? workspace;
    const report = options.report ?? true;
    const result: DemoResult = {
      dbPath,
      workspace: finalWorkspace,
      company,
      activity,
      simulation,
      weeks: report ? await weeklyRows(store.repos, finalWorkspace, now, activity.timeline) : [],
      departments: report ? await departmentRows(store.repos, finalWorkspace, now, company.departments) : [],
      sent: await sentPerJob(store.repos, finalWorkspace),
      promises: await checkSentPromises(store.repos, finalWorkspace),
      shown: report ? await pickShown(store.repos, finalWorkspace, company) : NOTHING_SHOWN,
    };
    if (report) printDemo(out, locale, result);
    else printPromises(out, locale, result.promises);
    return result;
  } finally {
    await worker.stop();
    await store.close();
  }
}

/** Every promise over every message the run sent, read back from the store. */
export async function checkSentPromises(repos: Repositories, workspace: Workspace): Promise<PromiseReport> {
  const members = await repos.members.list(workspace.id);
  const byPlatformId = new Map(members.filter((m) => m.platformId !== null).map((m) => [m.platformId, m]));
  const sent: SentRecord[] = (await repos.outbox.list(workspace.id, { status: 'sent' }))
    .map((row) => ({
      job: row.job,
      period: row.period,
      member: row.recipient.kind === 'member' ? (byPlatformId.get(row.recipient.id) ?? null) : null,
      channel: row.recipient.kind === 'channel' ? row.recipient.id : null,
      message: row.message,
      sentAt: row.sentAt ?? row.createdAt,
      createdAt: row.createdAt,
    }))
    .sort((a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0));
  const activities = await repos.activities.between(
    workspace.id,
    '0000-01-01T00:00:00.000Z',
    '9999-12-31T00:00:00.000Z',
  );
  return checkPromises({ workspace, members, activities, sent });
}

async function sentPerJob(repos: Repositories, workspace: Workspace): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const row of await repos.outbox.list(workspace.id, { status: 'sent' }))
    counts[row.job] = (counts[row.job] ?? 0) + 1;
  return counts;
}

/** The latest message of each audience the issue asks to show; a department head's report when there is one. */
async function pickShown(
  repos: Repositories,
  workspace: Workspace,
  company: DemoCompany,
): Promise<DemoResult['shown']> {
  const byPlatformId = new Map(company.members.map((member) => [member.platformId, member]));
  const latest = async (
    job: string,
    prefer?: (member: DemoMember | null) => boolean,
    only?: (row: OutboxRow) => boolean,
  ): Promise<ShownMessage | null> => {
    const rows = (await repos.outbox.list(workspace.id, { job, status: 'sent' })).filter((row) => only?.(row) ?? true);
    const last = rows.at(-1);
    if (last === undefined) return null;
    const period = rows.filter((row) => row.period === last.period);
    const withMember = period.map((row) => ({
      row,
      member: row.recipient.kind === 'member' ? (byPlatformId.get(row.recipient.id) ?? null) : null,
    }));
    return withMember.find((entry) => prefer?.(entry.member) ?? false) ?? withMember[0] ?? null;
  };
  return {
    digest: await latest('digest'),
    managerReport: await latest('manager-reports', (member) => member?.title === 'head'),
    nudge: await latest('nudges'),
    storyPrompt: await latest('story-prompts', (member) => member?.title === 'staff'),
    kickoff: await latest('welcome', (member) => member?.title === 'staff'),
    announcement: await latest('rollout-announcement'),
    leader: await latest('digest', undefined, (row) => row.recipient.kind === 'member'),
  };
}

const JOB_KEYS: Record<string, TextKey> = {
  digest: 'demo.job.digest',
  'manager-reports': 'demo.job.managerReports',
  'story-prompts': 'demo.job.storyPrompts',
  'idea-call': 'demo.job.ideaCall',
  'purpose-reminder': 'demo.job.purposeReminder',
  nudges: 'demo.job.nudges',
  'first-post-thanks': 'demo.job.firstPostThanks',
  welcome: 'demo.job.welcome',
  'rollout-announcement': 'demo.job.rolloutAnnouncement',
  'story-post': 'demo.job.storyPost',
};

/** The promises' check: every breach (member, message, day), then one line that says how many were kept. */
function printPromises(out: (line: string) => void, locale: Locale, report: PromiseReport): void {
  for (const result of report.results) {
    for (const breach of result.breaches.slice(0, 5)) {
      out(
        t(locale, 'demo.promises.breach', {
          promise: t(locale, `demo.promise.${result.id}` as TextKey),
          member: breach.member,
          day: breach.day,
          message: breach.message,
          detail: breach.detail,
        }),
      );
    }
    if (result.breaches.length > 5) out(t(locale, 'demo.promises.more', { count: result.breaches.length - 5 }));
  }
  out(
    report.kept === report.total
      ? t(locale, 'demo.promises.allKept', { total: report.total })
      : t(locale, 'demo.promises.someBroken', { kept: report.kept, total: report.total }),
  );
}

function printDemo(out: (line: string) => void, locale: Locale, result: DemoResult): void {
  const say = (key: TextKey, params?: Record<string, string | number>): string => t(locale, key, params);
  const { company, activity, workspace } = result;
  const tz = workspace.settings.timezone;
  const timeline = activity.timeline;
  const end = new Date(timeline.end);
  const parts = localParts(end, tz);
  const nowText = `${localDay(end, tz)} ${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}`;
  const heading = (text: string): void => {
    out('');
    out(`■ ${text}`);
  };
  const showMessage = (shown: ShownMessage | null): void => {
    if (shown === null) {
      out(`  ${say('demo.section.notSent')}`);
      return;
    }
    for (const line of messageToPlainText(shown.row.message).split('\n')) out(`  │ ${line}`);
  };

  out(
    say('demo.title', {
      company: company.name,
      members: company.members.length,
      departments: company.departments.length,
      locations: company.locations.length,
    }),
  );
  out(
    say('demo.period', {
      from: localDay(new Date(timeline.start), tz),
      to: localDay(end, tz),
      weeks: timeline.weeks,
      now: nowText,
      timezone: tz,
    }),
  );
  out(say('demo.note'));

  heading(say('demo.section.timeline'));
  const listJoiner = locale === 'ja' ? '・' : ', ';
  out(
    `  ${say('demo.timeline.pilot', { week: 1, department: company.opsDepartment, count: company.pilotIndexes.length })}`,
  );
  out(
    `  ${say('demo.timeline.expansion', { week: timeline.expansionWeek + 1, departments: company.expansionDepartments.join(listJoiner) })}`,
  );
  out(`  ${say('demo.timeline.company', { week: timeline.companyWeek + 1 })}`);
  out(`  ${say('demo.timeline.president', { week: timeline.presidentWeek + 1 })}`);
  out(`  ${say('demo.timeline.never', { department: company.neverJoiningDepartment })}`);

  heading(say('demo.section.kickoff', { name: result.shown.kickoff?.member?.name ?? '—' }));
  showMessage(result.shown.kickoff);

  const channelName = (id: string | undefined): string =>
    (company.channels.find((channel) => channel.id === id) ?? company.channels[0])?.name ?? '';
  heading(say('demo.section.announcement', { channel: channelName(result.shown.announcement?.row.recipient.id) }));
  showMessage(result.shown.announcement);

  const digestChannel =
    company.channels.find((channel) => channel.id === result.shown.digest?.row.recipient.id) ?? company.channels[0];
  heading(say('demo.section.digest', { channel: digestChannel?.name ?? '' }));
  showMessage(result.shown.digest);

  const manager = result.shown.managerReport?.member ?? null;
  heading(
    say('demo.section.managerReport', {
      name: manager?.name ?? '—',
      department: manager?.department ?? '',
      title: manager?.title === 'lead' ? say('demo.title.lead') : say('demo.title.head'),
    }),
  );
  showMessage(result.shown.managerReport);

  heading(say('demo.section.nudge', { name: result.shown.nudge?.member?.name ?? '—' }));
  showMessage(result.shown.nudge);

  heading(say('demo.section.leader', { name: result.shown.leader?.member?.name ?? '—' }));
  showMessage(result.shown.leader);

  heading(say('demo.section.storyPrompt', { name: result.shown.storyPrompt?.member?.name ?? '—' }));
  showMessage(result.shown.storyPrompt);

  const percent = (ratio: number): string => formatPercent(locale, ratio);
  heading(say('demo.section.weeks'));
  const weekTable = textTable(
    [
      'week',
      'phase',
      'participation',
      'reach',
      'contributors',
      'newContributors',
      'crossDepartment',
      'executives',
      'top10',
    ].map((column) => say(`demo.column.${column}` as TextKey)),
    result.weeks.map(({ week, phase, metrics }) => [
      week,
      say(`demo.phase.${phase}`),
      percent(metrics.participationRate),
      percent(metrics.reach),
      String(metrics.contributors),
      String(metrics.newContributors.length),
      percent(metrics.crossDepartment.ratio),
      `${metrics.executives.active}/${metrics.executives.total}`,
      percent(metrics.top10Share),
    ]),
    ['left', 'left'],
  );
  for (const line of weekTable) out(`  ${line}`);

  heading(say('demo.section.departments'));
  const departmentTable = textTable(
    ['department', 'members', 'participation', 'reach', 'crossDepartment'].map((column) =>
      say(`demo.column.${column}` as TextKey),
    ),
    result.departments.map(({ department, metrics }) => [
      department,
      String(metrics.members),
      percent(metrics.participationRate),
      percent(metrics.reach),
      percent(metrics.crossDepartment.ratio),
    ]),
  );
  for (const line of departmentTable) out(`  ${line}`);

  heading(say('demo.section.sent'));
  const sentRows = Object.entries(result.sent)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([job, count]) => {
      const key = JOB_KEYS[job];
      return [key === undefined ? say('demo.job.other', { job }) : say(key), String(count)];
    });
  for (const line of textTable([say('demo.column.message'), say('demo.column.count')], sentRows)) out(`  ${line}`);

  const ignored = Object.values(result.simulation.ignored).reduce((sum, count) => sum + (count ?? 0), 0);
  out('');
  out(say('demo.section.activities', { recorded: result.simulation.recorded, ignored }));
  out(say('demo.database', { path: result.dbPath }));
  printPromises(out, locale, result.promises);
}
