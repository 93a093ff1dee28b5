/** What `npm run bench` was asked to do. */
export interface BenchArgs {
  /** The large company of the scale section (issue 12: 100,000). */
  members: number;
  /** The small company the growth per member is measured against (default a quarter of `members`). */
  small: number;
  days: number;
  seed: number;
  /** Members of the live-ingest section (recordActivity against a bare INSERT; its 4× for growth). */
  ingestMembers: number;
  /** Seconds after which one measured job is killed and reported. */
  timeout: number;
  quick: boolean;
  help: boolean;
  /** The sections to run (`--only`); all of them by default. */
  only: readonly BenchSection[];
}

/** The bench's sections, in the order they run. */
export const BENCH_SECTIONS = ['scale', 'ack', 'delivery', 'live'] as const;
export type BenchSection = (typeof BENCH_SECTIONS)[number];

export const USAGE = `Usage: npm run bench -- [--members N] [--small N] [--days D] [--quick] [--seed S] [--ingest-members N] [--timeout SEC] [--only SECTIONS]
  --members N         members of the large company (default 100000; ~10 million activities over 90 days)
  --small N           members of the small company the growth is measured against (default members/4)
  --days D            days of activity (default 90)
  --quick             a short run (a smoke test of every line, under a minute): 2000 and 500 members, 28 days,
                      every job and answer of a size in one process, live ingest at 100 members over 14 days,
                      HTTP ingest of 500 events, fan-out of 100 DMs, the dashboard at 500 members
  --seed S            seed of the generated companies and activity (default 20261120)
  --ingest-members N  members of the live-ingest section (default 1000)
  --timeout SEC       a job still running after SEC seconds is killed and reported (default 900)
  --only SECTIONS     run only these sections, comma-separated: scale (weekly jobs and answers),
                      ack (answers while a job runs), delivery (HTTP ingest and DM fan-out),
                      live (live ingest and scoring); e.g. --only delivery,ack
The companies are built once and kept in $HIROBA_BENCH_CACHE (default: <tmp>/hiroba-bench-cache),
keyed by their parameters and the schema; delete the folder to rebuild.`;

const QUICK = { members: 2000, days: 28, ingestMembers: 100 };
const DEFAULTS = { members: 100_000, days: 90, seed: 20261120, ingestMembers: 1000, timeout: 900 };

type Numeric = 'members' | 'small' | 'days' | 'seed' | 'ingestMembers' | 'timeout';
const FLAGS: Record<string, { key: Numeric; min: number; example: number }> = {
  '--members': { key: 'members', min: 10, example: 100_000 },
  '--small': { key: 'small', min: 10, example: 25_000 },
  '--days': { key: 'days', min: 7, example: 90 },
  '--seed': { key: 'seed', min: 0, example: 20261120 },
  '--ingest-members': { key: 'ingestMembers', min: 10, example: 1000 },
  '--timeout': { key: 'timeout', min: 1, example: 900 },
};

/**
 * Reads the command line of bench/run.ts. A bad value comes back as a message that says what to
 * write instead; `--name value` and `--name=value` are both accepted.
 */
export function parseBenchArgs(argv: readonly string[]): { ok: true; args: BenchArgs } | { ok: false; error: string } {
  const given: Partial<Record<Numeric, number>> = {};
  let quick = false;
  let help = false;
  let only: readonly BenchSection[] = BENCH_SECTIONS;
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i] ?? '';
    const [flag, inline] =
      word.startsWith('--') && word.includes('=')
        ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]
        : [word, undefined];
    const spec = FLAGS[flag];
    if (flag === '--quick') quick = true;
    else if (flag === '--help' || flag === '-h') help = true;
    else if (flag === '--only') {
      const text = inline ?? argv[++i] ?? '';
      const names = text.split(',').filter((name) => name !== '');
      const unknown = names.find((name) => !(BENCH_SECTIONS as readonly string[]).includes(name));
      if (names.length === 0 || unknown !== undefined) {
        return {
          ok: false,
          error: `--only needs sections out of ${BENCH_SECTIONS.join(', ')} (got ${unknown ?? (text || 'nothing')}), e.g. --only delivery,ack`,
        };
      }
      only = BENCH_SECTIONS.filter((name) => names.includes(name));
    } else if (spec) {
      const text = inline ?? argv[++i];
      const value = Number(text);
      if (text === undefined || !Number.isInteger(value) || value < spec.min) {
        return {
          ok: false,
          error: `${flag} needs a whole number of at least ${spec.min} (got ${text ?? 'nothing'}), e.g. ${flag} ${spec.example}`,
        };
      }
      given[spec.key] = value;
    } else {
      return { ok: false, error: `unknown argument "${word}"; see --help` };
    }
  }
  const base = quick ? { ...DEFAULTS, ...QUICK } : DEFAULTS;
  const members = given.members ?? base.members;
  const small = given.small ?? Math.max(10, Math.round(members / 4));
  if (small >= members) return { ok: false, error: `--small (${small}) must be under --members (${members})` };
  return {
    ok: true,
    args: {
      members,
      small,
      days: given.days ?? base.days,
      seed: given.seed ?? base.seed,
      ingestMembers: given.ingestMembers ?? base.ingestMembers,
      timeout: given.timeout ?? base.timeout,
      quick,
      help,
      only,
    },
  };
}
