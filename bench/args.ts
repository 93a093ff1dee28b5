/** What `npm run bench` was asked to do. */
export interface BenchArgs {
  members: number;
  days: number;
  seed: number;
  quick: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [--members N] [--days D] [--quick] [--seed S]
  --members N   members in the company (default 1000; the scaling lines also build 4N)
  --days D      days of activity (default 90)
  --quick       a smaller run: 200 members, 30 days (explicit --members/--days still win)
  --seed S      seed of the generated company and activity (default 20261120)`;

const QUICK = { members: 200, days: 30 };
const DEFAULTS = { members: 1000, days: 90, seed: 20261120 };

/**
 * Reads the command line of bench/run.ts. A bad value comes back as a message that says what to
 * write instead; `--name value` and `--name=value` are both accepted.
 */
export function parseBenchArgs(argv: readonly string[]): { ok: true; args: BenchArgs } | { ok: false; error: string } {
  const given: Partial<Record<'members' | 'days' | 'seed', number>> = {};
  let quick = false;
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i] ?? '';
    const [flag, inline] =
      word.startsWith('--') && word.includes('=')
        ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]
        : [word, undefined];
    if (flag === '--quick') quick = true;
    else if (flag === '--help' || flag === '-h') help = true;
    else if (flag === '--members' || flag === '--days' || flag === '--seed') {
      const text = inline ?? argv[++i];
      const value = Number(text);
      const min = flag === '--members' ? 10 : flag === '--days' ? 7 : 0;
      if (text === undefined || !Number.isInteger(value) || value < min) {
        return {
          ok: false,
          error: `${flag} needs a whole number of at least ${min} (got ${text ?? 'nothing'}), e.g. ${flag} ${flag === '--days' ? 90 : 1000}`,
        };
      }
      given[flag.slice(2) as 'members' | 'days' | 'seed'] = value;
    } else {
      return { ok: false, error: `unknown argument "${word}"; see --help` };
    }
  }
  const base = quick ? { ...DEFAULTS, ...QUICK } : DEFAULTS;
  return {
    ok: true,
    args: {
      members: given.members ?? base.members,
      days: given.days ?? base.days,
      seed: given.seed ?? base.seed,
      quick,
      help,
    },
  };
}
