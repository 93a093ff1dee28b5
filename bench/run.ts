import { cpus, loadavg, totalmem } from 'node:os';
import { type BenchSection, parseBenchArgs, USAGE } from './args.js';
import { measureDashboard } from './measure-dashboard.js';
import { benchPostgres } from './postgres.js';
import { formatTable, meets, summaryLine } from './report.js';
import { formatAck, measureAckDuringJob } from './scale/ack-during-job.js';
import { SCALE_EVENTS_PER_MEMBER_WEEK } from './scale/company-db.js';
import { type PostgresForBench, runDeliverySection } from './scale/delivery-suite.js';
import { formatChecks, formatScale, runScale } from './scale/scale-suite.js';
import { runSuite, suiteOptions } from './suite.js';
import { createBenchDir } from './workload.js';

/**
 * `npm run bench`: (1) the scale section (issue 12): a company of `--members` (100,000) and one of
 * `--small` (25,000), built once into a cache folder, every weekly job and every answer a person
 * waits for timed in a process of its own (time, peak RSS) against a bare GROUP BY scan of the same
 * file, growth per member / manager between the two sizes, and the weekly figures recounted from raw
 * rows; (2) the real server running the large company's digest while signed events and `/healthz`
 * come in (their p99); (3) the live-ingest section: recordActivity against a bare INSERT, redelivery, scoring.
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
  const progress = (text: string): void => {
    process.stderr.write(`· ${text}\n`);
  };
  const out: string[] = [
    `Hiroba benchmark${args.quick ? ' (quick)' : ''}, seed ${args.seed}`,
    `machine: node ${process.version}, ${cpus().length} cpus, ${(totalmem() / 2 ** 30).toFixed(0)} GB, load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    '',
  ];
  let met = 0;
  let total = 0;
  const missed: string[] = [];
  const runs = (section: BenchSection): boolean => args.only.includes(section);
  if (runs('scale'))
    try {
      const scale = await runScale(
        {
          small: args.small,
          large: args.members,
          days: args.days,
          seed: args.seed,
          eventsPerMemberWeek: SCALE_EVENTS_PER_MEMBER_WEEK,
          timeoutMs: args.timeout * 1000,
          oneProcess: args.quick,
        },
        progress,
      );
      const describe = (run: typeof scale.small): string =>
        `${run.members.toLocaleString('en-US')} members (${run.managers.toLocaleString('en-US')} managers), ` +
        `${run.activities.toLocaleString('en-US')} activities over ${args.days} days; ` +
        (run.cached ? 'cached file' : `built in ${(run.buildMs / 1000).toFixed(1)} s`);
      out.push(
        args.quick
          ? 'Weekly jobs and answers (quick: all of a size in one process; peak MB is its RSS high-water so far)'
          : 'Weekly jobs and answers (each in its own process; peak MB is its RSS high-water, node included)',
        `  small: ${describe(scale.small)}`,
        `  large: ${describe(scale.large)}`,
        '  × scan = time at the large size ÷ the bare scan timed just before that task (floor: their median); growth = cost per member (per manager',
        '  for manager-reports) at the large size ÷ at the small size',
        '',
        formatScale(scale),
        '',
        ...formatChecks(scale.small),
        ...formatChecks(scale.large),
        '',
      );
      for (const line of scale.lines.filter((l) => l.task !== 'floor')) {
        total += 1;
        if (line.pass) met += 1;
        else missed.push(line.task);
      }
      for (const run of [scale.small, scale.large]) {
        total += 1;
        if (run.checks.length > 0 && run.checks.every((c) => c.ok)) met += 1;
        else missed.push(`recount at ${run.members}`);
      }
    } catch (error) {
      out.push(
        `scale section could not finish: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      missed.push('scale');
    }

  if (runs('ack'))
    try {
      // Issue 12 §4: the real server runs the large company's digest (catch-up on start) while signed events come in.
      const ack = await measureAckDuringJob(
        {
          spec: {
            members: args.members,
            days: args.days,
            seed: args.seed,
            eventsPerMemberWeek: SCALE_EVENTS_PER_MEMBER_WEEK,
          },
          job: 'digest',
          eventsPerSecond: 20,
          timeoutMs: args.timeout * 1000,
          quick: args.quick,
        },
        progress,
      );
      out.push('Answers while a weekly job runs (the real server in its own process)', `  ${formatAck(ack)}`, '');
      total += 1;
      if (ack.pass) met += 1;
      else missed.push('ack-during-job');
    } catch (error) {
      out.push(`ack section could not finish: ${error instanceof Error ? error.message : String(error)}`, '');
      missed.push('ack-during-job');
    }

  // Issue 14: the ingest and fan-out lines run again on PostgreSQL when there is one (see bench/postgres.ts).
  let postgres: PostgresForBench = { ok: false, reason: 'not needed by these sections' };
  if (runs('delivery') || runs('live')) {
    progress('looking for PostgreSQL (HIROBA_BENCH_DATABASE_URL, else a throwaway cluster)');
    postgres = await benchPostgres();
  }
  const postgresServer = postgres.ok ? postgres.server : undefined;
  try {
    await sections();
  } finally {
    await postgresServer?.close();
  }

  async function sections(): Promise<void> {
    if (runs('delivery'))
      try {
        const delivery = await runDeliverySection(args.quick, progress, postgres);
        out.push(...delivery.out);
        total += delivery.lines.length;
        met += delivery.lines.filter(meets).length;
        missed.push(...delivery.lines.filter((l) => !meets(l)).map((l) => l.name));
      } catch (error) {
        out.push(
          `delivery section could not finish: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        missed.push('delivery');
      }

    const dir = runs('live') ? createBenchDir() : null;
    if (dir !== null)
      try {
        const result = await runSuite(
          suiteOptions({
            members: args.ingestMembers,
            days: Math.min(args.days, args.quick ? 14 : 90),
            seed: args.seed,
          }),
          dir,
          progress,
          postgresServer,
        );
        // Issue 13: the dashboard's overview at 10,000 members (its own company, 13 weeks of activity);
        // the quick run renders it once at 500 (loading 2,000 members' 13 weeks alone took seconds).
        result.lines.push(
          await measureDashboard(
            dir,
            { members: args.quick ? 500 : 10_000, days: 91, seed: args.seed, repetitions: args.quick ? 1 : 5 },
            progress,
          ),
        );
        const postgresNote = postgres.ok
          ? `ingest and redelivery again with the store on PostgreSQL, (postgres) lines, on ${postgres.server.source}; a (postgres) line short of its target is context only (info), not counted`
          : `PostgreSQL lines skipped: ${postgres.reason}`;
        out.push(
          'Live ingest, scoring and the small-company lines',
          ...[...result.context, postgresNote].map((line) => `  ${line}`),
          '',
        );
        const counted = result.lines.filter((l) => l.target.kind !== 'context');
        out.push(formatTable(result.lines), '', summaryLine(counted).replace('bench:', 'live section:'));
        total += counted.length;
        met += counted.filter(meets).length;
        missed.push(...counted.filter((l) => !meets(l)).map((l) => l.name));
      } catch (error) {
        out.push(
          `live section could not finish: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        missed.push('live');
      } finally {
        dir.remove();
      }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  out.push(
    '',
    `took ${seconds.toFixed(1)} s`,
    `bench: ${met} of ${total} targets met${missed.length > 0 ? ` (WARN: ${missed.join(', ')})` : ''}`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
