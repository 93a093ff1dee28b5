/**
 * Errors the store throws. Each has a string code (one class per code) and a message that says how to
 * fix the problem, so the CLI and `/healthz` can print it as it is.
 */
export abstract class StoreError extends Error {
  abstract readonly code: string;
}

/** The database was written by a newer Hiroba than this one: running on would corrupt it. */
export class SchemaTooNewError extends StoreError {
  readonly code = 'schema_too_new';
  constructor(
    readonly databaseVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `The database schema is version ${databaseVersion}, but this Hiroba only knows up to version ${codeVersion}. ` +
        'Upgrade Hiroba to the release that wrote this database (or restore a backup made by this version).',
    );
    this.name = 'SchemaTooNewError';
  }
}

/** The migration files themselves are wrong: bad name, duplicate or missing number. */
export class MigrationFilesError extends StoreError {
  readonly code = 'migration_files';
  constructor(
    readonly directory: string,
    detail: string,
  ) {
    super(`Migration files in ${directory} are not usable: ${detail}`);
    this.name = 'MigrationFilesError';
  }
}

/** One migration failed; it was rolled back and the database stays at the previous version. */
export class MigrationFailedError extends StoreError {
  readonly code = 'migration_failed';
  constructor(
    readonly file: string,
    readonly previousVersion: number,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `Migration ${file} failed and was rolled back (the database stays at version ${previousVersion}): ${reason}. ` +
        'Fix the SQL of that file and run the migration again.',
      { cause },
    );
    this.name = 'MigrationFailedError';
  }
}

/** A stored row does not match its schema (hand-edited, or written by another program). */
export class CorruptRowError extends StoreError {
  readonly code = 'corrupt_row';
  constructor(
    readonly table: string,
    readonly rowId: number | string,
    detail: string,
  ) {
    super(
      `Row ${String(rowId)} of table ${table} is corrupt: ${detail}. ` +
        'Correct or delete that row with the sqlite3 shell (after a backup), then retry.',
    );
    this.name = 'CorruptRowError';
  }
}

/** An update or state change named a row that does not exist. */
export class RowNotFoundError extends StoreError {
  readonly code = 'row_not_found';
  constructor(
    readonly table: string,
    readonly rowId: number | string,
  ) {
    super(`No row ${String(rowId)} in table ${table}; read it again before changing it (it may have been deleted).`);
    this.name = 'RowNotFoundError';
  }
}

/** A value handed to the store cannot be stored as it is (refused before it could corrupt a row). */
export class InvalidValueError extends StoreError {
  readonly code = 'invalid_value';
  constructor(
    readonly table: string,
    readonly field: string,
    detail: string,
  ) {
    super(`Cannot store ${table}.${field}: ${detail}.`);
    this.name = 'InvalidValueError';
  }
}

/** SQLite result codes that mean "not now" (a lock, a full disk, an I/O fault), not "never". */
const UNAVAILABLE_CODES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_CANTOPEN'];

/**
 * PostgreSQL's "not now": SQLSTATE classes 08 (connection exception), 53 (insufficient resources: a
 * full disk, too many connections), 57P01–57P05 (the server shutting down or starting, as in a
 * failover), 58 (an I/O error), 25006 (a standby that is read-only until the failover completes), and
 * the deadlock and serialisation failures still left after the transaction's own retries.
 */
const POSTGRES_UNAVAILABLE = /^(08|53|58)[0-9A-Z]{3}$|^57P0[1-5]$|^25006$|^40001$|^40P01$/u;
/** Socket errors on the way to a database server (PostgreSQL is reached over the network). */
const NETWORK_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'];
/** What the pg driver throws, without a code, when its connection is gone or cannot be had in time. */
const POSTGRES_DRIVER_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Query read timeout',
];

/**
 * True when `error` is the database refusing for the moment: SQLite (another connection holds the
 * write lock, the disk is full) or PostgreSQL (the server is unreachable, restarting or failing over,
 * out of connections). The same write will succeed later, so the caller keeps it and tries again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_CODES.some((prefix) => code === prefix || code.startsWith(`${prefix}_`))) return true;
    if (POSTGRES_UNAVAILABLE.test(code) || NETWORK_CODES.includes(code)) return true;
  }
  const message = error instanceof Error ? error.message : '';
  return POSTGRES_DRIVER_MESSAGES.some((known) => message.startsWith(known));
}

/** The SQLite code of an error (`SQLITE_FULL`), or null for any other error. */
export function sqliteCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/** PostgreSQL's SQLSTATEs for a login the server refused: bad password or user, no such database. */
const LOGIN_REFUSED = ['28P01', '28000', '3D000'];

/** PostgreSQL could not be reached or refused the login when the store was opened. */
export class DatabaseUnreachableError extends StoreError {
  readonly code = 'database_unreachable';
  constructor(
    readonly location: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `Cannot open the PostgreSQL database ${location}: ${reason}. Check HIROBA_DATABASE_URL (host, port, ` +
        'database, user and password; characters such as @ # / : in the password must be percent-encoded, @ as %40) ' +
        'and that the server accepts connections from this machine.',
      { cause },
    );
    this.name = 'DatabaseUnreachableError';
  }

  /** Whether `error`, thrown while opening, means the server could not be reached or refused the login. */
  static fits(error: unknown): boolean {
    const code = (error as { code?: unknown } | null)?.code;
    return isDatabaseUnavailable(error) || (typeof code === 'string' && LOGIN_REFUSED.includes(code));
  }
}
