/** The CLI's help text, printed by `hiroba help` and after every usage error. */
export const USAGE = `Usage: hiroba <command> [options]

Commands:
  start                                  Run Hiroba: Slack/Teams adapters, scheduler, outbox, HTTP on PORT
  demo [--locale ja|en] [--db <path>] [--weeks <n>]
                                         Run the whole programme on a simulated company (no credentials)
  migrate [--db <path>]                  Bring the database schema up to date and print its version
  import-directory <file.csv> [--workspace <W>] [--db <path>]
                                         Import members (email,name,department,location,manager_email,executive)
  run-job <job> [--workspace <W>] [--dry-run] [--db <path>]
                                         Run one scheduled job now (the ledger still allows one run per period)
  backup <file> [--db <path>]            Copy the database while Hiroba runs (online backup), then check the copy
  help                                   Show this help

<W> is the workspace's platform id (Slack team id, Teams tenant id); it may be left out when the
database holds exactly one workspace. --db defaults to HIROBA_DB (./data/hiroba.db).
Exit codes: 0 done, 1 failed, 2 bad arguments or unusable input.`;

/** A problem with the command line: printed as one line, then the usage; exit code 2. */
export class UsageError extends Error {
  readonly code = 'usage';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
