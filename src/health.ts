import type { ChatPlatform, Clock } from './core/ports.js';
import type { Platform } from './core/types.js';
import type { HealthReport } from './http-server.js';
import type { Database } from './store/database.js';
import type { Store } from './store/store.js';

export interface HealthSources {
  store: Pick<Store, 'sqlite' | 'repos' | 'lastJobRuns'>;
  platforms: Partial<Record<Platform, ChatPlatform>>;
  clock: Clock;
  /** Sends whose result still waits to be written (the outbox worker's). */
  unrecorded?: () => number;
  /** Events held while the database refused, and the last refusal's code. */
  held?: () => { held: number; lastError: string | null };
  /**
   * Whether this process's own job thread is writing now: the write lock is then held by a job's
   * commit, which ends by itself (writes meanwhile wait or are held, none is lost), so `db` stays ok.
   */
  jobWriting?: () => boolean;
  /** Whether this process runs the scheduled jobs (the lease holder). */
  leading?: () => boolean;
  /** An adapter's own state where it has one (Slack `degraded` while it waits for Slack); else on/off. */
  adapterState?: (platform: Platform) => 'on' | 'degraded' | 'insecure' | undefined;
}

/**
 * `/healthz`: reads only (WAL readers never wait for a writer) plus, on SQLite, a write-lock probe
 * that does not wait, so it answers at once while another connection holds the database. `db` is
 * `locked` when the write lock cannot be had now (unless this process's job thread holds it), `full`
 * while events wait because the disk refused them, `error` when even a read fails. On PostgreSQL,
 * whose writers do not lock each other out, `db` is `ok` when the reads answer. Called by the HTTP
 * server for every request to `/healthz`.
 */
export async function readHealth(sources: HealthSources): Promise<HealthReport> {
  const { store, platforms, clock } = sources;
  const state = (platform: Platform) =>
    platforms[platform] ? (sources.adapterState?.(platform) ?? 'on') : ('off' as const);
  const slack = state('slack');
  const teams = state('teams');
  // Only Teams can run unauthenticated (`insecure`); only Slack waits for its platform (`degraded`).
  const adapters = {
    slack: slack === 'insecure' ? 'on' : slack,
    teams: teams === 'degraded' ? 'on' : teams,
  } as const;
  const held = sources.held?.() ?? { held: 0, lastError: null };
  const unrecorded = sources.unrecorded?.() ?? 0;
  try {
    const backlog = await store.repos.outbox.backlog();
    const jobs = await store.lastJobRuns();
    const oldest =
      backlog.oldestCreatedAt === null
        ? null
        : Math.max(0, Math.round((clock.now().getTime() - Date.parse(backlog.oldestCreatedAt)) / 1000));
    const db =
      held.lastError === 'SQLITE_FULL'
        ? 'full'
        : store.sqlite === null || writeLockFree(store.sqlite) || sources.jobWriting?.() === true
          ? 'ok'
          : 'locked';
    return {
      db,
      adapters,
      outbox: {
        pending: backlog.pending,
        oldestPendingAgeSeconds: oldest,
        possibleDuplicates: backlog.possibleDuplicates,
        unrecorded,
      },
      events: { held: held.held },
      scheduler: { leader: sources.leading?.() ?? true },
      jobs,
    };
  } catch {
    return { db: 'error', adapters, outbox: { pending: 0 }, events: { held: held.held } };
  }
}

/** Takes and gives back the write lock without waiting: false when another connection holds it. */
function writeLockFree(db: Database): boolean {
  if (db.inTransaction) return true;
  const timeout = Number(db.pragma('busy_timeout', { simple: true }));
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return true;
  } catch {
    return false;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}
