import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { USAGE } from '../../src/cli/usage.js';
import { recordingIo, tempDir } from './cli-harness.js';

describe('hiroba (argument handling)', () => {
  const temps: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of temps.splice(0)) cleanup();
  });

  it('prints the usage for help, exit 0', async () => {
    const io = recordingIo();
    expect(await runCli(['help'], io)).toBe(0);
    expect(io.stdout).toEqual([USAGE]);
    expect(USAGE.split('\n')[0]).toBe('Usage: hiroba <command> [options]');
  });

  it('prints the usage without a command, exit 2', async () => {
    const io = recordingIo();
    expect(await runCli([], io)).toBe(2);
    expect(io.stdout).toEqual([USAGE]);
  });

  it('refuses an unknown command with one line and the usage, exit 2', async () => {
    const io = recordingIo();
    expect(await runCli(['deploy'], io)).toBe(2);
    expect(io.stderr).toEqual(['hiroba: unknown command "deploy"', USAGE]);
  });

  it.each([
    [['migrate', '--nope'], "migrate: Unknown option '--nope'"],
    [['migrate', 'extra'], 'migrate: unexpected argument "extra"'],
    [['import-directory'], 'import-directory: give the CSV file to import, e.g. hiroba import-directory org.csv'],
    [['import-directory', 'a.csv', '--workspace'], "import-directory: Option '--workspace <value>' argument missing"],
    [
      ['run-job'],
      'run-job: give the job to run, one of: purpose-reminder, story-prompts, idea-call, digest, manager-reports, nudges, directory-sync, retention',
    ],
    [
      ['run-job', 'weekly'],
      'run-job: unknown job "weekly"; the jobs are: purpose-reminder, story-prompts, idea-call, digest, manager-reports, nudges, directory-sync, retention',
    ],
    [['demo', '--locale', 'fr'], 'demo: --locale must be ja or en (got "fr")'],
    [['demo', '--weeks', '2'], 'demo: --weeks must be a whole number from 4 to 52 (got "2")'],
    [['demo', '--weeks', 'ten'], 'demo: --weeks must be a whole number from 4 to 52 (got "ten")'],
    [['start', '--port', '80'], "start: Unknown option '--port'"],
  ])('%j → one line, the usage, exit 2, no stack trace', async (argv, line) => {
    const io = recordingIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.stderr).toEqual([line, USAGE]);
    expect(io.stdout).toEqual([]);
  });

  it('refuses a demo database that already exists (it would mix two runs)', async () => {
    const temp = tempDir();
    temps.push(temp.cleanup);
    const io = recordingIo();
    expect(await runCli(['demo', '--db', temp.dir], io)).toBe(2);
    expect(io.stderr[0]).toBe(
      `demo: ${temp.dir} already exists; give --db a new file (or leave --db out for a temporary one)`,
    );
  });

  it('prints one line, not a stack trace, when a command fails unexpectedly', async () => {
    const temp = tempDir();
    temps.push(temp.cleanup);
    const io = recordingIo();
    // A directory where the database file should be: SQLite cannot open it.
    expect(await runCli(['migrate', '--db', temp.dir], io)).toBe(1);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(
      new RegExp(`^migrate: cannot open the database ${temp.dir.replace(/[/\\]/gu, '.')}: `, 'u'),
    );
    expect(io.stderr.join('\n')).not.toMatch(/\n\s+at /u);
  });
});
