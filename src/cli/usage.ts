import { type TextKey, type TextParams, t } from '../core/i18n/index.js';
import { JOB_NAMES, type Locale } from '../core/types.js';
import { EXECUTIVE_SPELLINGS, HEADING_ALIASES } from '../directory/headings.js';

/** The CLI's help text, printed by `hiroba help` and after every usage error. */
export function usage(locale: Locale): string {
  return t(locale, 'cli.usage');
}

/**
 * `hiroba help <command>` and `hiroba <command> --help`: the details of one command where it has
 * them (the recognised headings, the job names), else the general usage.
 */
export function commandHelp(locale: Locale, command: string | undefined): string {
  if (command === 'import-directory') {
    const list = (aliases: readonly string[]): string => aliases.join(t(locale, 'cli.import.listSeparator'));
    return t(locale, 'cli.help.importDirectory', {
      email: list(HEADING_ALIASES.email),
      name: list(HEADING_ALIASES.name),
      department: list(HEADING_ALIASES.department),
      location: list(HEADING_ALIASES.location),
      manager: list(HEADING_ALIASES.manager_email),
      executive: list(HEADING_ALIASES.executive),
      executiveValues: EXECUTIVE_SPELLINGS,
    });
  }
  if (command === 'copy-db') return t(locale, 'cli.help.copyDb');
  if (command === 'run-job') {
    const jobs = JOB_NAMES.map((job) => t(locale, 'cli.help.job', { job, label: t(locale, `cli.job.${job}`) }));
    return t(locale, 'cli.help.runJob', { jobs: jobs.join('\n') });
  }
  return usage(locale);
}

/**
 * A problem with the command line: printed as one line in the CLI's language, then the usage;
 * exit code 2. The message (English) is for logs and tests that read it.
 */
export class UsageError extends Error {
  readonly code = 'usage';
  constructor(
    readonly key: TextKey,
    readonly params: TextParams = {},
  ) {
    super(t('en', key, params));
    this.name = 'UsageError';
  }

  /** The line to print, in the CLI's language. */
  text(locale: Locale): string {
    return t(locale, this.key, this.params);
  }
}
