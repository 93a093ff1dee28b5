import { type BenchLine, formatTable } from '../report.js';
import { measureFanOut } from './fan-out.js';
import { measureIngestHttp, measureIngestHttpTeams } from './ingest-http.js';

/**
 * Issue 12 §5 and §6: HTTP ingest through the real server against a bare per-event server, and the
 * DM fan-out against the platform's allowed rate, in the same run. `quick` keeps it to seconds.
 */
export async function runDeliverySection(
  quick: boolean,
  progress: (text: string) => void,
): Promise<{ out: string[]; lines: BenchLine[] }> {
  const lines: BenchLine[] = [];
  const out: string[] = ['HTTP ingest and DM fan-out (each server and sender in a process of its own)'];
  const ingest = await measureIngestHttp(
    quick ? { events: 500, members: 100, inFlight: 32 } : { events: 20_000, members: 1000, inFlight: 32 },
    progress,
  );
  lines.push(...ingest.lines);
  const teams = await measureIngestHttpTeams(
    quick ? { events: 500, members: 100, inFlight: 32 } : { events: 20_000, members: 1000, inFlight: 32 },
    progress,
  );
  lines.push(...teams.lines);
  const fanOut = await measureFanOut(
    quick ? { dms: 100, rate: 200, leaseMs: 1000 } : { dms: 10_000, rate: 100, leaseMs: 5000 },
    progress,
  );
  lines.push(...fanOut.lines);
  out.push(formatTable(lines), '');
  return { out, lines };
}
