import type { cli as ja } from '../ja/cli.js';

/** English text: the `hiroba` CLI and the directory file reader. Same keys as the Japanese catalogue. */
export const cli: Record<keyof typeof ja, string> = {
  'cli.usage': `Usage: hiroba <command> [options]

Commands:
  start            Run Hiroba: Slack/Teams adapters, scheduler, outbox, HTTP on PORT.
  demo [--db <path>] [--weeks <n>] [--seed <n>]
                   Run the whole programme on a simulated company (no credentials needed).
  migrate [--db <path>]
                   Bring the database schema up to date and print its version.
  import-directory <file> [--workspace <W>] [--platform slack|teams] [--name <name>] [--db <path>]
                   Import the member directory; creates the workspace when it is not there yet.
  run-job <job> [--workspace <W>] [--dry-run [--at <date>]] [--db <path>]
                   Run one scheduled job now (a period that already ran sends nothing again).
  backup <file> [--db <path>]
                   Copy the database while Hiroba runs (online backup), then check the copy.
  copy-db [--to <postgres://…>] [--db <path>]
                   Copy the SQLite database into an empty PostgreSQL database (moving to several instances).
  help [<command>]
                   Show this help, or the details of one command.

Options for every command:
  --locale ja|en   Language of the output (default: the workspace's, else HIROBA_LOCALE, else Japanese).
  --db <path>      A SQLite database file. Without it: the PostgreSQL database of HIROBA_DATABASE_URL,
                   else HIROBA_DB (default ./data/hiroba.db).

<W> is a Slack team id (T… or E…) or a Teams tenant id; it may be left out when the database holds exactly one workspace.
Exit codes: 0 done, 1 failed, 2 bad arguments or unusable input.`,
  'cli.help.importDirectory': `hiroba import-directory <file> [--workspace <W>] [--platform slack|teams] [--name <name>] [--db <path>]

Imports a member directory exported from an HR system or Excel. Members are matched by email; known members are updated in place.
The headings on the first line are read in English or Japanese (width, case and spaces do not matter):
  email (required): {email}
  name (required): {name}
  department: {department}
  location: {location}
  manager (the manager's email): {manager}
  executive: {executive} (values {executiveValues}; blank means no)
Any other column is not imported and is named in the output. A column the file leaves out (department, say) keeps its stored values.
Encodings: UTF-8 (with or without BOM), Shift_JIS (Excel's "CSV (Comma delimited)"), UTF-16 (Excel's "Unicode Text", tab-separated).

The --workspace is created when it is not in the database (and the database too when there is none). An id starting with T or E is taken as Slack, one shaped xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx as Teams; for any other id, or in a database that already holds another workspace, give --platform slack|teams.
When Hiroba is later installed in Slack or Teams, it uses that same workspace.
--name is the display name of a workspace being created (default: its id).
Exit code 0 when at least one row was imported, 2 when none could be.`,
  'cli.help.runJob': `hiroba run-job <job> [--workspace <W>] [--dry-run [--at <date>]] [--db <path>]

Runs one scheduled job now and puts its messages in the outbox (the running Hiroba sends them). Like the scheduler, it runs once per period.
  --dry-run    Build the messages and print their recipients (name, department) and text; write nothing.
  --at <date>  With --dry-run: evaluate the job as if it ran then.
               2026-03-06 (the job's scheduled time that day, or 00:00 when it is not scheduled that day),
               2026-03-06T16:00 (in the workspace's time zone) or 2026-03-06T07:00Z (with a zone).
Jobs:
{jobs}`,
  'cli.help.copyDb': `hiroba copy-db [--to <postgres://…>] [--db <path>]

Copies the SQLite database (--db, else HIROBA_DB) into an empty PostgreSQL database (--to, else HIROBA_DATABASE_URL),
to move to several Hiroba instances sharing one PostgreSQL.
  - Both schemas are brought up to date first.
  - SQLite is read as one snapshot and PostgreSQL written in one transaction; each table is printed with its row count,
    and the counts are checked on both sides before the commit.
  - A target that holds data, or a source whose Hiroba still runs, is refused and nothing is written.
Name the target with HIROBA_DATABASE_URL (an environment file) rather than --to, so the password stays out of the shell history.
Percent-encode @ # / : in the password (@ as %40).
Exit codes: 0 done, 1 failed (no row was written into the target), 2 bad arguments.`,
  'cli.help.job': '  {job} ({label})',
  'cli.unknownCommand': 'hiroba: unknown command "{name}"',
  'cli.failed': 'hiroba {command}: {reason}',

  'cli.args.unknownOption': "{command}: Unknown option '{option}'",
  'cli.args.missingValue': "{command}: Option '{option}' needs a value",
  'cli.args.noValue': "{command}: Option '{option}' does not take a value",
  'cli.args.invalid': '{command}: {detail}',
  'cli.args.unexpected': '{command}: unexpected argument "{value}"',
  'cli.args.wholeNumber': '{command}: --{option} must be a whole number from {min} to {max} (got "{value}")',
  'cli.args.locale': 'hiroba: --locale must be ja or en (got "{value}")',

  'cli.db.missing':
    '{command}: there is no database at {path}. Check --db or HIROBA_DB (npx hiroba migrate --db {path} creates one).',
  'cli.db.missingImport':
    '{command}: there is no database at {path}. Check --db or HIROBA_DB; to start a new one, give --workspace <W> and the database and the workspace are created for the import.',
  'cli.db.cannotOpen': '{command}: cannot open the database {path}: {reason}',
  'cli.db.created': 'Created the database {path}.',

  'cli.workspace.item': '{id} ({platform}, {name})',
  'cli.workspace.noneImport':
    'the database has no workspace yet: give --workspace with the Slack team id (T…) or the Teams tenant id and it is created for the import',
  'cli.workspace.noneRun':
    'the database has no workspace yet: install Hiroba in Slack or Teams, or import the directory with hiroba import-directory',
  'cli.workspace.several': 'the database holds several workspaces ({count}); choose one with --workspace: {known}',
  'cli.workspace.ambiguous':
    'more than one platform has a workspace {id}; choose one with --platform slack|teams: {known}',
  'cli.workspace.unknown': 'no workspace {id} in the database; it holds: {known}',
  'cli.workspace.unknownEmpty': 'no workspace {id} in the database (it has none yet)',
  'cli.workspace.platformInvalid': '--platform must be slack or teams (got "{value}")',
  'cli.workspace.platformNeeded':
    'cannot tell whether "{id}" is a Slack or a Teams workspace; give --platform slack or --platform teams',
  'cli.workspace.slackId':
    '"{id}" is not a Slack team id: Slack team ids are capital letters and digits starting with T or E (e.g. T0123ABCD)',
  'cli.workspace.teamsId':
    '"{id}" is not a Teams tenant id: tenant ids are shaped xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (Azure portal → Microsoft Entra ID → Overview)',
  'cli.workspace.confirmNew':
    'no workspace {id} in the database (it holds: {known}); if the id is right, add --platform slack|teams to create it as a new workspace',
  'cli.workspace.created':
    'Created the workspace {id} ({platform}). When Hiroba is installed in {platform}, it uses this workspace.',
  'cli.workspace.memory': 'demo',
  'cli.env.timezone': 'HIROBA_TIMEZONE "{value}" is not a time zone; give an IANA zone such as Asia/Tokyo',
  'cli.env.locale': 'HIROBA_LOCALE "{value}" is not supported; give ja or en',

  'cli.import.fileMissing':
    'import-directory: give the file to import, e.g. npx hiroba import-directory org.csv --workspace T0123ABCD',
  'cli.import.noSuchFile': 'import-directory: cannot read {file}: no such file',
  'cli.import.isDirectory': 'import-directory: cannot read {file}: it is a directory',
  'cli.import.cannotRead': 'import-directory: cannot read {file} ({reason})',
  'cli.import.read': 'Read {file} ({encoding}, {delimiter}).',
  'cli.import.delimiter.comma': 'comma-separated',
  'cli.import.delimiter.tab': 'tab-separated',
  'cli.import.columns': 'Columns: {pairs}',
  'cli.import.pair': '{heading} → {column}',
  'cli.import.listSeparator': ', ',
  'cli.import.absent': 'No {column} column: stored {column} values are kept.',
  'cli.import.workspaceNamed': '{name} ({id})',
  'cli.import.summary': '{file} → {workspace}: {created} created, {updated} updated, problems: {problems}',
  'cli.import.problem': 'line {line}: {reason}',
  'cli.import.noRow': 'import-directory: no row could be imported; fix the lines above and run it again',

  'directory.column.email': 'email',
  'directory.column.name': 'name',
  'directory.column.department': 'department',
  'directory.column.location': 'location',
  'directory.column.manager_email': 'manager',
  'directory.column.executive': 'executive',
  'directory.empty':
    'The file is empty: the first line names the columns (email, name, …), the next lines the members.',
  'directory.noColumn':
    'There is no {column} column, so nothing can be imported: name it on the first line as one of {aliases} (headings read: {found}).',
  'directory.columnUnused': 'Column "{heading}" is not used.',
  'directory.columnDuplicate': 'Column "{heading}" is not used: column "{first}" is already the {column} column.',
  'directory.columnBlank': 'Column {index} has no heading and is not used.',
  'directory.xlsx':
    'An Excel workbook (.xlsx / .xls) cannot be read: in Excel, "Save As" "CSV UTF-8 (Comma delimited)" or "Unicode Text" and import that file.',
  'directory.utf16NoBom':
    'This file is UTF-16 without a BOM or not a text file: in Excel, "Save As" "CSV UTF-8 (Comma delimited)" or "Unicode Text" and import that file.',
  'directory.unclosedQuote': 'A double quote (") opened on this line is never closed: check the quotes.',
  'directory.emailMissing': '{column} is empty.',
  'directory.emailInvalid': '{column} "{value}" is not an email address.',
  'directory.nameMissing': '{column} is empty.',
  'directory.tooLong': '{column} is longer than {max} characters.',
  'directory.executiveInvalid': '{column} "{value}" must be one of {values}.',
  'directory.managerInvalid':
    '{column} "{value}" is not an email address: the manager column holds the manager\'s email.',
  'directory.managerSelf': "{column} is the member's own email.",
  'directory.duplicate': 'email {email} already appears on line {first}; keep one line per member.',
  'directory.managerUnknown':
    "The manager's email {email} is not in the directory; the member was imported without a manager. Add a line for the manager and import again.",
  'directory.managerCycle':
    'Manager {email} would make a reporting cycle ({chain}); the member was imported without a manager.',

  'cli.copyDb.missingTo':
    'copy-db: name the PostgreSQL database to copy into with HIROBA_DATABASE_URL (preferred: the password stays out of the shell history) or --to.',
  'cli.copyDb.badTo':
    'copy-db: --to must be a PostgreSQL URL such as postgres://hiroba:secret@db.example.com:5432/hiroba.',
  'cli.copyDb.noSource': 'copy-db: there is no database at {path}. Check --db or HIROBA_DB.',
  'cli.copyDb.start': 'Copying {source} into {target}. Keep Hiroba stopped until the copy is done.',
  'cli.copyDb.table': '  {table}: {rows} rows',
  'cli.copyDb.done':
    "Copied {tables} tables ({rows} rows in all) into {target} and checked their row counts (schema version {version}). Start every instance with HIROBA_DATABASE_URL set to this database's URL (with its password).",
  'cli.copyDb.reason.notEmpty': 'the PostgreSQL database already holds data ({table}); name an empty database',
  'cli.copyDb.reason.versions':
    'the SQLite schema is at version {sqlite} and PostgreSQL at {postgres}; bring both up to date with the same Hiroba first',
  'cli.copyDb.reason.running':
    'Hiroba is still running on this SQLite database ({holder}, until {until}); stop it before copying',
  'cli.copyDb.reason.noTable': 'PostgreSQL has no table {table}',
  'cli.copyDb.reason.columns': "PostgreSQL's table {table} lacks the columns {columns}",
  'cli.copyDb.reason.count': '{table}: {read} rows read but {written} written',
  'cli.copyDb.reason.cycle': 'foreign keys form a cycle through {table}',
  'cli.copyDb.failed': 'copy-db: could not copy into {target}; no row was written into its tables: {reason}',
  'cli.backup.missing': 'backup: name the file to write, e.g. hiroba backup backup.db.',
  'cli.backup.sameFile': 'backup: the backup file must not be the database itself.',
  'cli.backup.noDatabase': 'backup: there is no database at {path}. Check --db or HIROBA_DB.',
  'cli.backup.exists': 'backup: {path} already exists; name a new file (a backup never overwrites one).',
  'cli.backup.copyFailed': 'backup: could not copy {path}: {reason}',
  'cli.backup.integrity': 'backup: the copy {path} failed its integrity check ({detail}); do not rely on it.',
  'cli.backup.done': '{source} backed up to {target} (schema version {version}, {bytes} bytes).',
  'cli.backup.held': 'backup: {path} holds events not yet recorded; copy it next to the backup too.',
  'cli.backup.postgres':
    'backup: HIROBA_DATABASE_URL is set, so the data is in PostgreSQL ({location}); backup copies SQLite files only. Back it up with pg_dump.',
  'cli.runJob.missing': 'run-job: give the job to run, one of: {jobs}',
  'cli.runJob.unknown': 'run-job: unknown job "{name}"; the jobs are: {jobs}',
  'cli.runJob.atNeedsDryRun': 'run-job: --at works with --dry-run only (a real run cannot be sent as of another time)',
  'cli.runJob.atInvalid':
    'run-job: --at "{value}" is not a date; write 2026-03-06, 2026-03-06T16:00 or 2026-03-06T07:00Z',
  'cli.runJob.noCredentials':
    "run-job: directory-sync reads the {platform} directory; set that platform's credentials (see .env.example) and run it again",
  'cli.runJob.unavailable': 'run-job: the {job} job is not available in this version of Hiroba',
  'cli.runJob.failed': 'run-job: {job} failed for {id}: {reason}',
  'cli.runJob.where': '{label} ({job}) for {id}, period {period}',
  'cli.runJob.asOf': 'Evaluated as of {at} ({timezone}).',
  'cli.runJob.dryRun': '{where}: dry run, nothing written; messages that would be queued: {count}{detail}',
  'cli.runJob.dryRunAlreadyRan': 'This period already ran, so a real run would send nothing.',
  'cli.runJob.alreadyRan': '{where}: already ran for this period (the ledger keeps it to once); nothing queued again',
  'cli.runJob.ran': '{where}: ran; messages queued: {count}{detail}',
  'cli.runJob.detail': ' ({detail})',
  'cli.runJob.sendHint':
    'The running Hiroba sends them within seconds; if it is not running, `hiroba start` sends them.',
  'cli.runJob.recipients': 'Recipients: members {members}, channels {channels}',
  'cli.runJob.byDepartment': 'By department: {list}',
  'cli.runJob.departmentCount': '{department} {count}',
  'cli.runJob.noDepartment': 'no department',
  'cli.runJob.toChannel': '--- to channel {channel}',
  'cli.runJob.toMember': '--- to {name} ({department}, {id})',
  'cli.runJob.toUnknownMember': '--- to member {id} (not in the directory)',
  'cli.runJob.notBefore': ' (not before {at})',
  'cli.job.purpose-reminder': 'purpose reminder',
  'cli.job.story-prompts': 'story prompts',
  'cli.job.idea-call': 'idea call',
  'cli.job.digest': 'weekly digest',
  'cli.job.manager-reports': 'manager reports',
  'cli.job.nudges': 'nudges',
  'cli.job.directory-sync': 'directory sync',
  'cli.job.retention': 'retention',

  'cli.migrate.applied': '{path}: applied {list}; schema is now version {version}',
  'cli.migrate.upToDate': '{path}: schema is up to date (version {version})',
  'cli.demo.dbExists': 'demo: {path} already exists; give --db a new file (or leave --db out for a temporary one)',
};
