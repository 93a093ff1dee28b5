import { fileURLToPath } from 'node:url';
import type { Message } from '../../src/core/message.js';
import { loadSnapshot, scoreScaleOf } from '../../src/core/service/snapshot.js';
import { createHirobaCore } from '../../src/core/service.js';
import { localDay } from '../../src/core/time.js';
import { runJob } from '../../src/scheduler/job-runner.js';
import { digestJob, managerReportsJob, nudgesJob, storyPromptsJob } from '../../src/scheduler/jobs/program-jobs.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { BenchClock, sqliteOf } from '../workload.js';

/**
 * One measured task in a process of its own, so that its peak memory (RSS high-water) is its own:
 * `node --import tsx bench/scale/task-child.ts <db> <task> <json>` prints one JSON line
 * `{ ms, maxRssKb, rows, detail, samples }`. The database is only read (jobs run dry). A quick run
 * names several tasks (`floor,digest,…`): they run one after another in this one process, one JSON
 * line each, and each line's peak memory is the process's so far.
 */
export const TASKS = [
  'floor',
  'digest',
  'manager-reports',
  'nudges',
  'story-prompts',
  'score-scale',
  'ops-stats',
  'ops-stats-department',
  'member-stats',
  'app-home',
] as const;
export type Task = (typeof TASKS)[number];

export interface TaskInput {
  now: string;
  /** Platform ids of the ops person and the plain member; the department ops asks about. */
  ops: string;
  member: string;
  department: string;
  /** Manager platform ids whose reports come back for the recount. */
  sampleManagers: string[];
}

export interface TaskOutput {
  ms: number;
  /** Each timed repetition (the floor scan runs three times; the first warms the cache). */
  runs: number[];
  maxRssKb: number;
  rows: number;
  detail: string;
  /** Messages the recount checks, by recipient. */
  samples: Record<string, Message>;
}

function elapsed(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Runs one task on the company file at `path` and says how long it took. In the child process the
 * RSS high-water is the task's own; in-process (the smoke test) it is the caller's.
 */
export async function performTask(path: string, task: Task, input: TaskInput): Promise<TaskOutput> {
  const store = openSqliteStore(path);
  try {
    // Whatever a task writes (the day's score scale) is rolled back: the cached file stays as built.
    // Every store call of the task is made inside this transaction, which the end undoes.
    let out: TaskOutput | null = null;
    await store.repos
      .transaction(async () => {
        out = await runTask(store, task, input);
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    if (out === null) throw new Error(`bench: the ${task} task gave no result`);
    return out;
  } finally {
    sqliteOf(store).close();
  }
}

/** Thrown at the end of a task to undo what it wrote. */
class RolledBack extends Error {}

async function runTask(store: Store, task: Task, input: TaskInput): Promise<TaskOutput> {
  const workspace = await store.repos.workspaces.find('memory', 'TBENCH');
  if (!workspace) throw new Error('bench: no workspace in the company file');
  const now = new Date(input.now);
  const clock = new BenchClock(now);
  const core = createHirobaCore({ repos: store.repos, clock, admins: [] });
  const today = localDay(now, workspace.settings.timezone);
  const eligibleIds = async (): Promise<number[]> =>
    (await loadSnapshot(store.repos, workspace, now)).eligible.map((m) => m.id);
  // A member's answer is timed as members meet it: the day's score scale already kept (its first
  // computation of the day is the `score-scale` line).
  const keepScale = async (): Promise<void> => {
    await scoreScaleOf(store.repos, workspace, today, now, eligibleIds);
  };
  const out: TaskOutput = { ms: 0, runs: [], maxRssKb: 0, rows: 0, detail: '', samples: {} };
  const timed = async (fn: () => unknown | Promise<unknown>): Promise<void> => {
    const start = process.hrtime.bigint();
    await fn();
    out.runs.push(elapsed(start));
  };
  const jobs = {
    digest: digestJob,
    'manager-reports': managerReportsJob,
    nudges: nudgesJob,
    'story-prompts': storyPromptsJob,
  } as const;
  const command = async (platformId: string, text: string): Promise<void> => {
    await timed(async () => {
      const reply = await core.runCommand({ workspaceId: workspace.id, platformId, text });
      out.samples[platformId] = reply;
      out.rows = 1;
    });
  };
  switch (task) {
    case 'floor': {
      const scan = sqliteOf(store).prepare('SELECT member_id, count(*) FROM activities GROUP BY member_id');
      for (let i = 0; i < 3; i += 1) await timed(() => (out.rows = scan.all().length));
      out.ms = Math.min(...out.runs.slice(1));
      out.detail = `best of ${out.runs.length - 1} after one warm-up`;
      break;
    }
    case 'digest':
    case 'manager-reports':
    case 'nudges':
    case 'story-prompts': {
      const job = jobs[task as keyof typeof jobs];
      await timed(async () => {
        const outcome = await runJob({ repos: store.repos }, job, workspace, { now, dryRun: true });
        out.rows = outcome.rows.length;
        out.detail = outcome.detail ?? '';
        const wanted = new Set(input.sampleManagers);
        for (const row of outcome.rows) {
          if (row.recipient.kind === 'channel' || wanted.has(row.recipient.id))
            out.samples[row.recipient.id] = row.message;
        }
      });
      break;
    }
    case 'score-scale':
      await timed(async () => {
        const p90 = await scoreScaleOf(store.repos, workspace, today, now, eligibleIds);
        out.rows = 1;
        out.detail = `p90 ${p90.toFixed(2)} over the eligible members' rollups`;
      });
      break;
    case 'ops-stats':
      await keepScale();
      await command(input.ops, 'stats');
      break;
    case 'ops-stats-department':
      await command(input.ops, `stats ${input.department}`);
      break;
    case 'member-stats':
      await keepScale();
      await command(input.member, 'stats');
      break;
    case 'app-home':
      await keepScale();
      await timed(async () => {
        out.samples[input.member] = await core.home({ workspaceId: workspace.id, platformId: input.member });
        out.rows = 1;
      });
      break;
    default:
      throw new Error(`bench: unknown task ${task}`);
  }
  if (task !== 'floor') out.ms = out.runs[0] ?? Number.NaN;
  out.maxRssKb = process.resourceUsage().maxRSS;
  return out;
}

async function main(): Promise<void> {
  const [path, list, json] = process.argv.slice(2);
  const tasks = (list ?? '').split(',');
  if (!path || !json || !tasks.every((task) => (TASKS as readonly string[]).includes(task)))
    throw new Error(`usage: task-child.ts <db> <${TASKS.join('|')}>[,<task>…] <json>`);
  for (const task of tasks as Task[]) {
    const out = await performTask(path, task, JSON.parse(json) as TaskInput);
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
