import type { BenchPostgres } from '../postgres.js';
import { type BenchLine, formatTable } from '../report.js';
import { measureFanOut } from './fan-out.js';
import { measureIngestHttp, measureIngestHttpTeams } from './ingest-http.js';

/** The bench's PostgreSQL server for this run, or why there is none. */
export type PostgresForBench = { ok: true; server: BenchPostgres } | { ok: false; reason: string };

/**
 * Issue 12 §5 and §6: HTTP ingest through the real server against a bare per-event server, and the
 * DM fan-out against the platform's allowed rate, in the same run. `quick` keeps it to seconds.
 * Given a PostgreSQL server (issue 14), each Hiroba run is repeated with its store there and printed
 * right under its SQLite line, labelled `(postgres)`; a PostgreSQL line short of the SQLite target
 * is shown as measured-only context (result `info`) and left out of the counted `lines`.
 */
export async function runDeliverySection(
  quick: boolean,
  progress: (text: string) => void,
  postgres: PostgresForBench = { ok: false, reason: 'not asked for' },
): Promise<{ out: string[]; lines: BenchLine[] }> {
  const shown: BenchLine[] = [];
  const out: string[] = ['HTTP ingest and DM fan-out (each server and sender in a process of its own)'];
  const server = postgres.ok ? postgres.server : undefined;
  out.push(
    postgres.ok
      ? `  each Hiroba run again with its store on PostgreSQL, (postgres) lines, on ${postgres.server.source}; ` +
          'a (postgres) line short of its target is context only (info), not counted'
      : `  PostgreSQL lines skipped: ${postgres.reason}`,
  );
  const ingest = await measureIngestHttp(
    quick ? { events: 500, members: 100, inFlight: 32 } : { events: 20_000, members: 1000, inFlight: 32 },
    progress,
    server,
  );
  shown.push(...ingest.lines);
  const teams = await measureIngestHttpTeams(
    quick ? { events: 500, members: 100, inFlight: 32 } : { events: 20_000, members: 1000, inFlight: 32 },
    progress,
    server,
  );
  shown.push(...teams.lines);
  const fanOut = await measureFanOut(
    quick ? { dms: 100, rate: 200, leaseMs: 1000 } : { dms: 10_000, rate: 100, leaseMs: 5000 },
    progress,
    undefined,
    server,
  );
  shown.push(...fanOut.lines);
  out.push(formatTable(shown), '');
  return { out, lines: shown.filter((l) => l.target.kind !== 'context') };
}
