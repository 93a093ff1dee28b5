import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

// The CommonJS default import: pg's named exports do not resolve under plain Node's ESM loader.
const { Pool, types } = pg;

/** PostgreSQL type OIDs read as JS numbers instead of pg's default strings. */
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * COUNT(*) is int8 and SUM over integers is int8 or numeric: pg hands both back as strings because
 * they may exceed 2^53. Hiroba's ids and counts never come near that, and the shared row mappers
 * expect numbers (as better-sqlite3 gives them), so this pool reads them as numbers. Per pool, so
 * another user of `pg` in the same process keeps the defaults.
 */
const hirobaTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return types.getTypeParser(oid, format);
  }) as typeof types.getTypeParser,
};

/** A value a `script` statement takes: written into its SQL as a literal. */
export type ScriptValue = string | number | boolean | null | readonly number[];

/** One statement of a `script`: SQL with `$1`… placeholders and their values. */
export interface ScriptStatement {
  sql: string;
  params: readonly ScriptValue[];
}

/** One open transaction: its connection, and how many savepoints were named in it. */
interface TransactionContext {
  client: pg.PoolClient;
  savepoints: number;
}

export interface PgDbOptions {
  /** Connections this process may hold (default 10). */
  poolSize?: number;
  /**
   * Called when an idle pooled connection fails (the server restarted, a network cut). The pool has
   * already dropped it and opens a new one on the next query; without a listener Node would end the
   * process on the pool's 'error' event.
   */
  onIdleError?: (error: Error) => void;
}

/**
 * A PostgreSQL connection pool with transactions that follow the async context. Every query helper
 * runs on the transaction's connection when called (awaited) inside `transaction`, else on any pooled
 * connection: that is what lets `Repositories.transaction(fn)` join every repository call `fn`
 * awaits without passing a handle around. Errors are pg's own (`code` '23505' for a unique violation…).
 */
export class PgDb {
  readonly pool: pg.Pool;
  private readonly context = new AsyncLocalStorage<TransactionContext>();

  constructor(url: string, options: PgDbOptions = {}) {
    this.pool = new Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      application_name: 'hiroba',
      types: hirobaTypes,
      // A server that does not answer (a failover, a cut network) fails the call within 10 s instead of
      // holding it; the caller holds the event and writes it again later (src/held-events.ts).
      connectionTimeoutMillis: 10_000,
      // TCP keepalives notice a connection whose server vanished without closing it.
      keepAlive: true,
    });
    const onIdleError = options.onIdleError ?? (() => undefined);
    this.pool.on('error', onIdleError);
  }

  /** The rows of a query. */
  async rows<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.query<T>(sql, params);
    return result.rows;
  }

  /** The first row of a query, or null when it returned none. */
  async one<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T | null> {
    const result = await this.query<T>(sql, params);
    return result.rows[0] ?? null;
  }

  /** Runs a statement; returns how many rows it changed (or returned). */
  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    const result = await this.query(sql, params);
    return result.rowCount ?? 0;
  }

  /**
   * Runs SQL of several statements without parameters (a migration file) through the simple query
   * protocol, which is the one that accepts more than one statement per call.
   */
  async exec(sql: string): Promise<void> {
    const tx = this.context.getStore();
    if (tx) await tx.client.query(sql);
    else await this.pool.query(sql);
  }

  /**
   * Runs several statements in one round trip and returns the last one's rows. They go as one simple
   * query (the only protocol message that carries several statements), so their values are written
   * into the SQL as quoted literals (`scriptLiteral`), which PostgreSQL types from their context as it
   * types parameters. Outside a transaction they run as one implicit transaction, each statement with
   * a snapshot taken when it starts: a lock taken by one is held by the next and anything committed
   * while waiting for it is seen. A deadlock (nothing committed) runs them again, as `transaction` does.
   */
  async script<T extends object>(statements: readonly ScriptStatement[]): Promise<T[]> {
    const sql = statements.map((s) => withLiterals(s.sql, s.params)).join(';\n');
    const tx = this.context.getStore();
    for (let attempt = 1; ; attempt++) {
      try {
        const result = tx ? await tx.client.query(sql) : await this.pool.query(sql);
        // pg answers one result for one statement and an array of them for several.
        const results: pg.QueryResult[] = Array.isArray(result) ? result : [result];
        return (results[results.length - 1]?.rows ?? []) as T[];
      } catch (error) {
        const code = pgCode(error);
        if (tx || attempt >= TRANSACTION_ATTEMPTS || (code !== DEADLOCK && code !== SERIALIZATION_FAILURE)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  /** Whether the calling async context is inside a transaction of this pool. */
  inTransaction(): boolean {
    return this.context.getStore() !== undefined;
  }

  /**
   * Runs `fn` in a transaction on one connection taken from the pool: committed when `fn` resolves,
   * rolled back when it rejects. Inside a transaction, a nested call is a savepoint. `fn` must only
   * await the store (the connection is held until it ends).
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const current = this.context.getStore();
    if (current) return this.savepoint(current, fn);
    // Two instances writing the same rows in different orders can deadlock; PostgreSQL then cancels one
    // transaction (40P01), and a serialisation failure (40001) means the same. Nothing of it was
    // committed and `fn` only touches the store, so it runs again, after a short random pause.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(fn);
      } catch (error) {
        const code = pgCode(error);
        if (attempt >= TRANSACTION_ATTEMPTS || (code !== DEADLOCK && code !== SERIALIZATION_FAILURE)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  private async once<T>(fn: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        const result = await this.context.run({ client, savepoints: 0 }, fn);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection is unusable (it failed mid-transaction): the pool must not lend it again.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  /** Ends every connection of the pool. */
  async close(): Promise<void> {
    await this.pool.end();
  }

  private query<T extends object>(
    sql: string,
    params: readonly unknown[],
  ): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
    const values = params as unknown[];
    const tx = this.context.getStore();
    return tx
      ? tx.client.query<T & pg.QueryResultRow>(sql, values)
      : this.pool.query<T & pg.QueryResultRow>(sql, values);
  }

  private async savepoint<T>(tx: TransactionContext, fn: () => Promise<T>): Promise<T> {
    const name = `hiroba_${++tx.savepoints}`;
    await tx.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      await tx.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await tx.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      await tx.client.query(`RELEASE SAVEPOINT ${name}`);
      throw error;
    }
  }
}

/** `sql` with each `$n` replaced by the literal of `params[n - 1]` (one pass: a literal is never read again). */
function withLiterals(sql: string, params: readonly ScriptValue[]): string {
  return sql.replace(/\$(\d+)/gu, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= params.length) throw new Error(`script: no value for $${n}`);
    return scriptLiteral(params[index] as ScriptValue);
  });
}

/**
 * A value as an SQL literal: NULL, or the text pg would send as the parameter, quoted by pg's own
 * `escapeLiteral` (which writes an E'' string when there is a backslash, so it reads the same
 * whatever `standard_conforming_strings` says). A quoted literal, not a bare number, so a negative
 * one can never meet a minus before it and become a `--` comment.
 */
export function scriptLiteral(value: ScriptValue): string {
  if (value === null) return 'NULL';
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`script: ${value} is no SQL number`);
    text = String(value);
  } else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else if (typeof value === 'string') text = value;
  else {
    for (const n of value) if (!Number.isFinite(n)) throw new Error(`script: ${n} is no SQL number`);
    text = `{${value.join(',')}}`;
  }
  // The query text of a simple query ends at a NUL; PostgreSQL stores no NUL in text anyway (22021).
  if (text.includes('\u0000')) throw Object.assign(new Error('script: text with a NUL character'), { code: '22021' });
  return pg.escapeLiteral(text);
}

/** The SQLSTATE of a PostgreSQL error (`23505`), or null for any other error. */
export function pgCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/u.test(code) ? code : null;
}

/** The SQLSTATE of a unique violation. */
export const UNIQUE_VIOLATION = '23505';
const DEADLOCK = '40P01';
const SERIALIZATION_FAILURE = '40001';
/** How often a transaction cancelled by a deadlock or a serialisation failure is tried in all. */
const TRANSACTION_ATTEMPTS = 4;
