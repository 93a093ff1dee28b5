import { parseBenchArgs, USAGE } from './args.js';
import { measureDashboard } from './measure-dashboard.js';
import { formatTable, summaryLine } from './report.js';
import { runSuite, suiteOptions } from './suite.js';
import { createBenchDir } from './workload.js';

/**
 * `npm run bench`: builds a seeded company and its activity in temp SQLite files, measures ingest,
 * redelivery, scoring, digest, manager reports and nudges, and prints ratios against their targets.
 * It is a report: it exits 0 whatever the ratios say (2 only for a bad command line).
 */
async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseBenchArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`bench: ${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const { args } = parsed;
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = process.hrtime.bigint();
  const dir = createBenchDir();
  try {
    const result = await runSuite(
      suiteOptions({ members: args.members, days: args.days, seed: args.seed }),
      dir,
      (text) => process.stderr.write(`· ${text}\n`),
    );
    // Issue 13: the dashboard's overview at 10,000 members (its own company, 13 weeks of activity).
    result.lines.push(
      measureDashboard(
        dir,
        { members: args.quick ? 2000 : 10_000, days: 91, seed: args.seed, repetitions: args.quick ? 2 : 5 },
        (text) => process.stderr.write(`· ${text}\n`),
      ),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const out = [
      `Hiroba benchmark${args.quick ? ' (quick)' : ''}, seed ${args.seed}`,
      ...result.context.map((line) => `  ${line}`),
      '',
      formatTable(result.lines),
      '',
      `took ${seconds.toFixed(1)} s`,
      summaryLine(result.lines),
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  } catch (error) {
    // Still a report: say what broke instead of a bare stack, and keep the exit code 0.
    process.stdout.write(
      `bench: could not finish: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nbench: 0 of 7 targets met\n`,
    );
  } finally {
    dir.remove();
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
