import type { Caller, HirobaCore, IgnoreReason, Repositories } from '../core/ports.js';
import { type JobName, scheduleOf, type Workspace, type WorkspaceSettings } from '../core/types.js';
import { runDueJob } from '../scheduler/catch-up.js';
import { effectiveFire } from '../scheduler/fires.js';
import type { JobDefinition } from '../scheduler/job-runner.js';
import type { OutboxWorker } from '../scheduler/outbox-worker.js';
import { firesBackFrom } from '../scheduler/schedule.js';
import type { DemoActivity } from './activity.js';
import type { DemoCompany } from './company.js';
import type { DemoClock } from './demo-clock.js';
import { asOps, directoryEntry } from './seed-workspace.js';
import { demoIdeaText, demoStoryText } from './story-texts.js';

export interface SimulationDeps {
  core: HirobaCore;
  repos: Repositories;
  clock: DemoClock;
  worker: OutboxWorker;
  jobs: readonly JobDefinition[];
  workspace: Workspace;
  ops: Caller;
}

export interface SimulationResult {
  recorded: number;
  ignored: Partial<Record<IgnoreReason, number>>;
}

/** One thing that happens at an instant; ties run in `order` (jobs first, then people). */
interface Moment {
  at: number;
  order: number;
  run(): Promise<void>;
  /** A platform event, which touches only the store: a run of these is written in one transaction. */
  record?: () => Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Plays the simulated weeks in time order on the demo clock: every activity goes through
 * `core.recordActivity`; new hires join (and get the welcome); the ops team widens the rollout with
 * `/hiroba rollout` commands; each job is asked daily at its scheduled local time whether it is due
 * (the scheduler's own rule, `runDueJob`), and the outbox worker delivers what was queued. Called by
 * `runDemo`.
 */
export async function simulate(
  deps: SimulationDeps,
  company: DemoCompany,
  activity: DemoActivity,
): Promise<SimulationResult> {
  const { core, clock, worker, workspace } = deps;
  const { timeline } = activity;
  const startMs = Date.parse(timeline.start);
  const endMs = Date.parse(timeline.end);
  const moments: Moment[] = [];

  // Jobs: a tick at every instant the scheduler's cron owes a run (a fire, or where the `jp` calendar
  // moves a fire off a holiday: the scheduler's own rules); `runDueJob` decides what is owed, exactly
  // as the running scheduler's ticks do. Its daily ticks in between find nothing owed and are left out.
  deps.jobs.forEach((job, jobOrder) => {
    for (const at of tickInstants(job.name, workspace.settings, startMs, endMs)) {
      moments.push({
        at,
        order: jobOrder,
        run: async () => {
          const current = (await deps.repos.workspaces.get(workspace.id)) ?? workspace;
          await runDueJob({ repos: deps.repos }, job, current, clock.now());
          await worker.drain();
        },
      });
    }
  });

  // Rollout: the ops team widens it on the Monday morning of each phase's first week.
  const phaseStart = (week: number): number => startMs + week * 7 * DAY_MS + 9 * 60 * 60 * 1000;
  moments.push({
    at: phaseStart(timeline.expansionWeek),
    order: 100,
    run: async () => {
      for (const department of company.expansionDepartments)
        await asOps(core, deps.ops, `rollout departments add ${department}`);
      await asOps(core, deps.ops, 'rollout advance');
    },
  });
  moments.push({
    at: phaseStart(timeline.companyWeek),
    order: 100,
    run: () => asOps(core, deps.ops, 'rollout advance'),
  });

  // New hires appear in the directory on their first morning and get the welcome message.
  for (const member of company.members) {
    const joined = Date.parse(member.joinedAt);
    if (joined <= startMs) continue;
    moments.push({
      at: joined,
      order: 200,
      run: async () => {
        await core.upsertMember(workspace.id, directoryEntry(company, member));
        await core.memberJoined(workspace.id, member.platformId, null);
        await worker.drain();
      },
    });
  }

  // Leavers disappear from the directory on their last day; the next sync deactivates them.
  for (const leaver of activity.leavers) {
    const member = company.members[leaver.index];
    if (member === undefined) continue;
    moments.push({
      at: Date.parse(leaver.at),
      order: 200,
      run: async () => {
        await core.upsertMember(workspace.id, { ...directoryEntry(company, member), deactivated: true });
      },
    });
  }

  const result: SimulationResult = { recorded: 0, ignored: {} };
  let written = 0;
  for (const event of activity.events) {
    const member = company.members[event.memberIndex];
    if (member === undefined) continue;
    if (event.kind === 'story' || event.kind === 'idea') {
      // Stories and ideas are handed over through Hiroba's form, which posts them in the SNS channel.
      const n = written;
      written += 1;
      moments.push({
        at: Date.parse(event.occurredAt),
        order: 300,
        run: async () => {
          const values =
            event.kind === 'story'
              ? { ...demoStoryText(company.locale, n) }
              : { ...demoIdeaText(company.locale, n), benefit: '' };
          const outcome = await core.submitForm({
            workspaceId: workspace.id,
            platformId: member.platformId,
            kind: event.kind === 'story' ? 'story' : 'idea',
            values,
            submissionKey: event.eventId,
          });
          if (outcome.ok) result.recorded += 1;
        },
      });
      continue;
    }
    const target = event.targetIndex === null ? null : (company.members[event.targetIndex]?.platformId ?? null);
    const record = async (): Promise<void> => {
      const outcome = await core.recordActivity({
        workspaceId: workspace.id,
        eventId: event.eventId,
        kind: event.kind,
        memberPlatformId: member.platformId,
        channelId: event.channelId,
        targetPlatformId: target,
        parentEventId: event.parentEventId,
        occurredAt: event.occurredAt,
      });
      if (outcome.status === 'recorded') result.recorded += 1;
      else result.ignored[outcome.reason] = (result.ignored[outcome.reason] ?? 0) + 1;
    };
    moments.push({ at: Date.parse(event.occurredAt), order: 300, run: record, record });
  }

  moments.sort((a, b) => a.at - b.at || a.order - b.order);
  for (let i = 0; i < moments.length; ) {
    const moment = moments[i];
    if (moment === undefined) break;
    if (moment.record === undefined) {
      clock.set(moment.at);
      await moment.run();
      i += 1;
      continue;
    }
    // Events between two jobs are written in one transaction (each still at its own instant): the
    // same rows as one by one, without a commit per event.
    let end = i;
    while (moments[end]?.record !== undefined) end += 1;
    const batch = moments.slice(i, end);
    await deps.repos.transaction(async () => {
      for (const event of batch) {
        clock.set(event.at);
        await event.record?.();
      }
    });
    i = end;
  }
  clock.set(endMs);
  // First-post thanks and other replies queued by the last activities.
  await worker.drain();
  return result;
}

/** Every instant in `[startMs, endMs]` at which a job's fire runs: its cron's fires, moved off holidays. */
function tickInstants(job: JobName, settings: WorkspaceSettings, startMs: number, endMs: number): number[] {
  const expr = scheduleOf(settings, job);
  const instants = new Set<number>();
  // Back to a week before the start, so a fire just before it that holidays move into the range is kept.
  for (const fire of firesBackFrom(expr, new Date(endMs), settings.timezone)) {
    if (fire.getTime() < startMs - 7 * DAY_MS) break;
    const at = effectiveFire(job, fire, settings).getTime();
    if (at >= startMs && at <= endMs) instants.add(at);
  }
  return [...instants].sort((a, b) => a - b);
}
