import pg from 'pg';
import { type TextKey, type TextParams, t } from '../core/i18n/index.js';
import type { Database } from './database.js';
import { StoreError } from './errors.js';
import { openStore } from './open-store.js';
import { openSqliteStore } from './sqlite-store.js';

/** One table copied: its name and how many rows it holds on both sides afterwards. */
export interface CopiedTable {
  table: string;
  rows: number;
}

export interface CopyResult {
  /** The schema version both databases are at. */
  version: number;
  tables: CopiedTable[];
}

/** The copy cannot start or did not check out; no row was written to the target (one transaction). */
export class CopyRefusedError extends StoreError {
  readonly code = 'copy_refused';
  /** The reason in the CLI's catalogue, so that it is printed in the reader's language. */
  constructor(
    readonly key: CopyRefusalKey,
    readonly params: TextParams = {},
  ) {
    super(t('en', key, params));
    this.name = 'CopyRefusedError';
  }
}

type CopyRefusalKey = Extract<TextKey, `cli.copyDb.reason.${string}`>;

interface TableShape {
  name: string;
  columns: string[];
  /** Columns referring to the same table (`members.manager_id`): written in a second pass. */
  selfReferences: string[];
  /** Tables it refers to (copied before it). */
  parents: string[];
  /** Whether `id` is an identity column on PostgreSQL, to move its sequence past the copied ids. */
  hasId: boolean;
}

/** How many rows one INSERT carries (PostgreSQL takes at most 65,535 parameters per statement). */
const BATCH_PARAMETERS = 30_000;

/**
 * Copies a SQLite database into an empty PostgreSQL database (`hiroba copy-db --to postgres://…`).
 * Both are first brought to the code's schema version (the source file is migrated in place, as a
 * start would); every table is then copied in one PostgreSQL transaction, parents before children,
 * ids kept, identity sequences moved past them, and each table's row count checked on both sides
 * before the commit. A target that already holds data is refused: the copy never merges.
 */
export async function copySqliteToPostgres(
  sqlitePath: string,
  postgresUrl: string,
  progress: (table: string, rows: number) => void = () => undefined,
): Promise<CopyResult> {
  const source = openSqliteStore(sqlitePath);
  try {
    const target = await openStore({ kind: 'postgres', url: postgresUrl });
    const version = target.migration.current;
    await target.close();
    if (version !== source.migration.current)
      throw new CopyRefusedError('cli.copyDb.reason.versions', {
        sqlite: String(source.migration.current),
        postgres: String(version),
      });
    const db = source.sqlite as Database;
    // A Hiroba still running on the file renews its scheduler lease: what it records after the
    // snapshot would be lost, and the copied lease would keep the new instances waiting.
    const live = db
      .prepare<[string], { holder: string; until: string }>('SELECT holder, until FROM leases WHERE until > ?')
      .get(new Date().toISOString());
    if (live) throw new CopyRefusedError('cli.copyDb.reason.running', { holder: live.holder, until: live.until });
    // One read transaction: every table is read from the same snapshot (WAL), whatever is written meanwhile.
    db.exec('BEGIN');
    const tables = orderByParents(readShapes(db));
    const client = new pg.Client({ connectionString: postgresUrl, application_name: 'hiroba copy-db' });
    await client.connect();
    try {
      await checkTarget(client, tables);
      await client.query('BEGIN');
      try {
        const copied: CopiedTable[] = [];
        for (const table of tables) {
          const rows = await copyTable(db, client, table);
          progress(table.name, rows);
          copied.push({ table: table.name, rows });
        }
        for (const table of tables) {
          if (!table.hasId) continue;
          await client.query(
            `SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE((SELECT MAX(id) FROM ${table.name}), 0) + 1, false)`,
            [table.name],
          );
        }
        for (const { table, rows } of copied) {
          const counted = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
          if (Number(counted.rows[0]?.n) !== rows)
            throw new CopyRefusedError('cli.copyDb.reason.count', {
              table,
              read: String(rows),
              written: String(counted.rows[0]?.n),
            });
        }
        await client.query('COMMIT');
        return { version, tables: copied };
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    } finally {
      await client.end();
    }
  } finally {
    if (source.sqlite?.inTransaction) source.sqlite.exec('COMMIT');
    await source.close();
  }
}

function readShapes(db: Database): TableShape[] {
  const names = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
    )
    .all()
    .map((row) => row.name);
  return names.map((name) => {
    const columns = db
      .prepare<[], { name: string; pk: number }>(`SELECT name, pk FROM pragma_table_info('${name}')`)
      .all();
    const keys = db
      .prepare<[], { table: string; from: string }>(`SELECT "table", "from" FROM pragma_foreign_key_list('${name}')`)
      .all();
    return {
      name,
      columns: columns.map((c) => c.name),
      selfReferences: keys.filter((k) => k.table === name).map((k) => k.from),
      parents: [...new Set(keys.filter((k) => k.table !== name).map((k) => k.table))],
      hasId: columns.some((c) => c.name === 'id' && c.pk === 1),
    };
  });
}

/** Parents first, so that every foreign key points at a row already copied. */
function orderByParents(tables: TableShape[]): TableShape[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  const visit = (table: TableShape, path: Set<string>) => {
    if (placed.has(table.name)) return;
    if (path.has(table.name)) throw new CopyRefusedError('cli.copyDb.reason.cycle', { table: table.name });
    path.add(table.name);
    for (const parent of table.parents) {
      const shape = byName.get(parent);
      if (shape) visit(shape, path);
    }
    path.delete(table.name);
    placed.add(table.name);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

/** The target must have every table with the same columns, and hold no rows in any of them. */
async function checkTarget(client: pg.Client, tables: TableShape[]): Promise<void> {
  const found = await client.query<{ table_name: string; column_name: string }>(
    'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()',
  );
  const columnsOf = new Map<string, Set<string>>();
  for (const row of found.rows) {
    const set = columnsOf.get(row.table_name) ?? new Set<string>();
    set.add(row.column_name);
    columnsOf.set(row.table_name, set);
  }
  for (const table of tables) {
    const columns = columnsOf.get(table.name);
    if (!columns) throw new CopyRefusedError('cli.copyDb.reason.noTable', { table: table.name });
    const missing = table.columns.filter((c) => !columns.has(c));
    if (missing.length > 0)
      throw new CopyRefusedError('cli.copyDb.reason.columns', { table: table.name, columns: missing.join(', ') });
    const any = await client.query(`SELECT 1 FROM ${table.name} LIMIT 1`);
    if ((any.rowCount ?? 0) > 0) throw new CopyRefusedError('cli.copyDb.reason.notEmpty', { table: table.name });
  }
}

async function copyTable(db: Database, client: pg.Client, table: TableShape): Promise<number> {
  const { name, columns, selfReferences } = table;
  const perRow = columns.length;
  const batchRows = Math.max(1, Math.floor(BATCH_PARAMETERS / perRow));
  const order = table.hasId ? ' ORDER BY id' : '';
  const read = db.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${name}${order}`).raw();
  const later: unknown[][] = [];
  const selfIndexes = selfReferences.map((c) => columns.indexOf(c));
  let batch: unknown[] = [];
  let rows = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const count = batch.length / perRow;
    const tuples: string[] = [];
    for (let r = 0; r < count; r++) tuples.push(`(${columns.map((_, c) => `$${r * perRow + c + 1}`).join(', ')})`);
    await client.query(`INSERT INTO ${name} (${columns.map(quote).join(', ')}) VALUES ${tuples.join(', ')}`, batch);
    batch = [];
  };
  for (const raw of read.iterate() as IterableIterator<unknown[]>) {
    const values = raw.map(toParameter);
    if (selfIndexes.length > 0 && selfIndexes.some((i) => values[i] !== null)) {
      later.push([values[columns.indexOf('id')], ...selfIndexes.map((i) => values[i])]);
      for (const i of selfIndexes) values[i] = null;
    }
    batch.push(...values);
    rows++;
    if (batch.length >= batchRows * perRow) await flush();
  }
  await flush();
  // Rows pointing at rows of their own table (a manager with a higher id) get the link once all exist,
  // many rows per statement: the links are ids (integers).
  for (let start = 0; start < later.length; start += 10_000) {
    const chunk = later.slice(start, start + 10_000);
    const arrays = chunk[0]?.map((_, i) => chunk.map((row) => row[i])) ?? [];
    const names = ['id', ...selfReferences];
    const unnest = names.map((_, i) => `$${i + 1}::bigint[]`).join(', ');
    const sets = selfReferences.map((c) => `${quote(c)} = v.${quote(c)}`).join(', ');
    await client.query(
      `UPDATE ${name} AS t SET ${sets} FROM unnest(${unnest}) AS v(${names.map(quote).join(', ')}) WHERE t.id = v.id`,
      arrays,
    );
  }
  return rows;
}

function quote(column: string): string {
  return `"${column.replaceAll('"', '""')}"`;
}

function toParameter(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value);
  return value;
}
