import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageToPlainText } from '../../src/core/message.js';
import { createHirobaCore } from '../../src/core/service.js';
import { readHealth } from '../../src/health.js';
import { createJobRegistry, type JobDefinition } from '../../src/scheduler/job-runner.js';
import { createJobThread, type JobThread, JobThreadError, threadExecutor } from '../../src/scheduler/job-thread.js';
import { JOB_THREAD_NICE } from '../../src/scheduler/job-thread-worker.js';
import { isDatabaseUnavailable } from '../../src/store/errors.js';
import { addWorkspace, type TempStore, tempStore, textMessage } from './fixture.js';

const TEST_JOBS = new URL('./thread-test-jobs.ts', import.meta.url);
const NOW = new Date('2026-11-27T07:00:00.000Z');

type Line = { level: string; message: string; fields?: Record<string, unknown> };

/** The nice value of each thread of this process, the main thread first (Linux `/proc`). */
function threadNices(): number[] {
  return readdirSync('/proc/self/task')
    .map(Number)
    .sort((a, b) => a - b)
    .map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    });
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return false;
}

describe('job thread', () => {
  let db: TempStore;
  let thread: JobThread | null;
  const lines: Line[] = [];
  const logger = {
    info: (message: string, fields?: Record<string, unknown>) => lines.push({ level: 'info', message, fields }),
    warn: (message: string, fields?: Record<string, unknown>) => lines.push({ level: 'warn', message, fields }),
    error: (message: string, fields?: Record<string, unknown>) => lines.push({ level: 'error', message, fields }),
  };

  beforeEach(() => {
    db = tempStore();
    thread = null;
    lines.length = 0;
  });
  afterEach(async () => {
    await thread?.stop();
    await db.close();
  });

  it('runs a real program job on its own connection: ledger and outbox written, the outbox told, the log line forwarded', async () => {
    const ws = await addWorkspace(db.repos, { settings: { countedChannels: ['C-sns'], purpose: 'Share what works' } });
    let told = 0;
    thread = createJobThread({ target: { kind: 'sqlite', path: db.path }, logger, onEnqueued: () => told++ });
    expect(thread.handles('purpose-reminder')).toBe(true);
    expect(thread.handles('directory-sync')).toBe(false);

    const first = await thread.run('purpose-reminder', ws, { now: NOW });
    expect(first).toMatchObject({
      job: 'purpose-reminder',
      workspaceId: ws.id,
      period: '2026-11',
      status: 'ran',
      enqueued: 1,
    });
    expect(told).toBe(1);
    expect((await db.repos.ledger.get(ws.id, 'purpose-reminder', '2026-11'))?.status).toBe('done');
    expect((await db.repos.outbox.backlog()).pending).toBe(1);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'info', message: 'job ran', fields: expect.objectContaining({ enqueued: 1 }) }),
    );

    // The ledger keeps the period to one run, on the thread as anywhere.
    expect((await thread.run('purpose-reminder', ws, { now: NOW })).status).toBe('already-ran');
    expect(told).toBe(1);
    expect((await db.repos.outbox.backlog()).pending).toBe(1);
  });

  it('keeps the main thread free while a job computes: timers fire on time during a 1.5 s job', async () => {
    const ws = await addWorkspace(db.repos, { settings: { digestChannel: 'busy:1500' } });
    thread = createJobThread({ target: { kind: 'sqlite', path: db.path }, jobsModule: TEST_JOBS, logger });
    // Warm the thread (its start-up loads modules), then time the main loop during the busy job.
    const warm = await addWorkspace(db.repos, { externalId: 'warm', settings: { digestChannel: 'busy:0' } });
    await thread.run('digest', warm, { now: NOW });

    const lags: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const at = performance.now();
      lags.push(at - last - 10);
      last = at;
    }, 10);
    const started = performance.now();
    const result = await thread.run('digest', ws, { now: NOW });
    const took = performance.now() - started;
    clearInterval(timer);

    expect(result).toMatchObject({ status: 'ran', enqueued: 1, detail: 'busy 1500 ms (spun)' });
    // The job thread runs at a lower priority than the server's (Linux: one nice value per thread).
    expect(threadNices()).toContain(JOB_THREAD_NICE);
    expect(threadNices()[0]).toBe(0);
    expect(took).toBeGreaterThanOrEqual(1500);
    // About 150 ticks of the main loop happened while the job ran, none held back by it.
    expect(lags.length).toBeGreaterThan(50);
    expect(Math.max(...lags)).toBeLessThan(100);
  });

  it('an error keeps its code across the thread (a busy database is retried as one), and a bug is a plain failure', async () => {
    const ws = await addWorkspace(db.repos, { settings: { digestChannel: 'locked' } });
    const buggy = await addWorkspace(db.repos, { externalId: 'buggy', settings: { digestChannel: 'bug' } });
    thread = createJobThread({ target: { kind: 'sqlite', path: db.path }, jobsModule: TEST_JOBS, logger });
    const busy = await thread.run('digest', ws, { now: NOW }).catch((error: unknown) => error);
    expect(busy).toBeInstanceOf(JobThreadError);
    expect((busy as JobThreadError).code).toBe('SQLITE_BUSY');
    expect(isDatabaseUnavailable(busy)).toBe(true);

    const bug = await thread.run('digest', buggy, { now: NOW }).catch((error: unknown) => error);
    expect(bug).toBeInstanceOf(JobThreadError);
    expect((bug as Error).name).toBe('TypeError');
    expect((bug as Error).message).toBe('a bug in the digest');
    expect(isDatabaseUnavailable(bug)).toBe(false);
    expect(await db.repos.ledger.get(buggy.id, 'digest', '2026-W48')).toBeNull();
  });

  it('says when its job holds the write lock, so /healthz tells it from another connection holding it', async () => {
    const ws = await addWorkspace(db.repos, { settings: { digestChannel: 'commit:1500' } });
    thread = createJobThread({ target: { kind: 'sqlite', path: db.path }, jobsModule: TEST_JOBS, logger });
    expect(thread.writing()).toBe(false);
    const run = thread.run('digest', ws, { now: NOW });
    const seen = await waitFor(() => thread?.writing() === true, 10_000);
    expect(seen).toBe(true);
    // The server's connection cannot write now; its health still says ok, because the lock is ours.
    const sources = { store: db.store, platforms: {}, clock: { now: () => NOW } };
    expect((await readHealth(sources)).db).toBe('locked');
    expect((await readHealth({ ...sources, jobWriting: () => thread?.writing() ?? false })).db).toBe('ok');
    expect((await run).detail).toBe('commit 1500 ms');
    expect(thread.writing()).toBe(false);
    expect((await readHealth({ ...sources, jobWriting: () => false })).db).toBe('ok');
  });

  it('a job it does not run, or a workspace that is gone, is refused with the reason', async () => {
    const ws = await addWorkspace(db.repos);
    thread = createJobThread({ target: { kind: 'sqlite', path: db.path }, logger });
    await expect(thread.run('directory-sync', ws, { now: NOW })).rejects.toThrow(
      'the job thread does not run the directory-sync job',
    );
    await expect(thread.run('digest', { ...ws, id: ws.id + 100 }, { now: NOW })).rejects.toThrow(
      `workspace ${ws.id + 100} does not exist`,
    );
  });

  it('stop ends a run in progress after a moment: the run fails, nothing is written, later runs are refused', async () => {
    const ws = await addWorkspace(db.repos, { settings: { digestChannel: 'busy:20000' } });
    thread = createJobThread({ target: { kind: 'sqlite', path: db.path }, jobsModule: TEST_JOBS, logger });
    const run = thread.run('digest', ws, { now: NOW }).catch((error: unknown) => error);
    // Let the thread start and the job begin.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const started = performance.now();
    await thread.stop();
    expect(performance.now() - started).toBeLessThan(5000);
    expect(String(await run)).toMatch(/the job thread ended/u);
    expect(await db.repos.ledger.get(ws.id, 'digest', '2026-W48')).toBeNull();
    expect((await db.repos.outbox.backlog()).pending).toBe(0);
    await expect(thread.run('digest', ws, { now: NOW })).rejects.toThrow('the job thread is stopped');
  });

  it('the executor sends the thread its jobs and runs the others here', async () => {
    const ws = await addWorkspace(db.repos, { settings: { digestChannel: 'busy:0' } });
    thread = createJobThread({ target: { kind: 'sqlite', path: db.path }, jobsModule: TEST_JOBS, logger });
    const here: JobDefinition = {
      name: 'directory-sync',
      build: () => ({ rows: [], detail: `ran on the main thread` }),
    };
    const elsewhere: JobDefinition = {
      name: 'digest',
      build: () => ({ rows: [{ recipient: { kind: 'channel', id: 'C-main' }, message: textMessage('main') }] }),
    };
    const registry = createJobRegistry([here, elsewhere]);
    const execute = threadExecutor(thread, { repos: db.repos, logger });
    const local = await execute(registry.get('directory-sync') as JobDefinition, ws, { now: NOW });
    expect(local).toMatchObject({ status: 'ran', detail: 'ran on the main thread' });
    // The thread's own definition of `digest` ran (its row goes to the workspace's digest channel).
    const remote = await execute(registry.get('digest') as JobDefinition, ws, { now: NOW });
    expect(remote).toMatchObject({ status: 'ran', enqueued: 1, detail: 'busy 0 ms (no spin)' });
  });
});

describe('answer thread', () => {
  let db: TempStore;
  let thread: JobThread | null = null;

  beforeEach(() => {
    db = tempStore();
  });
  afterEach(async () => {
    await thread?.stop();
    thread = null;
    await db.close();
  });

  async function company(): Promise<{ ws: Awaited<ReturnType<typeof addWorkspace>>; ops: string; alice: string }> {
    const ws = await addWorkspace(db.repos, { settings: { countedChannels: ['C1'], locale: 'en' } });
    const at = '2026-01-01T00:00:00.000Z';
    const add = (name: string, role: 'member' | 'ops' = 'member') =>
      db.repos.members.create({
        workspaceId: ws.id,
        platformId: `U-${name}`,
        name,
        role,
        joinedAt: at,
        includedAt: at,
      });
    await add('Ops', 'ops');
    for (const name of ['Alice', 'Bob', 'Carol']) await add(name);
    const core = createHirobaCore({ repos: db.repos, clock: { now: () => NOW } });
    await core.recordActivity({
      workspaceId: ws.id,
      eventId: 'e1',
      kind: 'post',
      memberPlatformId: 'U-Alice',
      channelId: 'C1',
      occurredAt: '2026-11-26T01:00:00.000Z',
    });
    return { ws, ops: 'U-Ops', alice: 'U-Alice' };
  }

  it("computes an ops person's stats on its own connection, as the server's core would, at the instant asked", async () => {
    const { ws, ops } = await company();
    thread = createJobThread({ target: { kind: 'sqlite', path: db.path }, names: [] });
    const request = { workspaceId: ws.id, platformId: ops, text: 'stats' };
    const there = await thread.answer(request, NOW);
    const here = await createHirobaCore({ repos: db.repos, clock: { now: () => NOW } }).runCommand(request);
    expect(there).toEqual(here);
    expect(messageToPlainText(there)).toContain('Posted: 25% (1 of 4)');
  });

  it('the core sends slow answers there and answers the rest itself', async () => {
    const { ws, ops, alice } = await company();
    thread = createJobThread({ target: { kind: 'sqlite', path: db.path }, names: [] });
    const away: string[] = [];
    const answers = thread;
    const core = createHirobaCore({
      repos: db.repos,
      clock: { now: () => NOW },
      answerAway: (request) => {
        away.push(request.text);
        return answers.answer(request, NOW);
      },
    });
    const ask = (platformId: string, text: string) => core.runCommand({ workspaceId: ws.id, platformId, text });
    expect(messageToPlainText(await ask(ops, 'stats'))).toContain('Posted: 25% (1 of 4)');
    expect(messageToPlainText(await ask(alice, 'stats'))).toContain('1 posts');
    await ask(alice, 'help');
    await ask(ops, 'stats Bob');
    await ask(ops, 'purpose set share what works');
    // A plain member's own stats, help and settings are answered here; ops' figures there.
    expect(away).toEqual(['stats', 'stats Bob']);
  });

  it('a stopped thread computes no answer', async () => {
    const { ws, ops } = await company();
    thread = createJobThread({ target: { kind: 'sqlite', path: db.path }, names: [] });
    await thread.stop();
    await expect(thread.answer({ workspaceId: ws.id, platformId: ops, text: 'stats' }, NOW)).rejects.toThrow(
      'the job thread is stopped',
    );
  });
});
