import type { z } from 'zod';
import { CorruptRowError, InvalidValueError } from './errors.js';

/** Booleans are stored as 0/1 (SQLite has no boolean; better-sqlite3 refuses to bind JS booleans). */
export function toBit(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

export function toBitOrNull(value: boolean | null): 0 | 1 | null {
  return value === null ? null : toBit(value);
}

export function fromBitOrNull(value: number | null): boolean | null {
  return value === null ? null : value !== 0;
}

/** Reads a text column that must hold one of a fixed set of values (CHECK constraints guard writes). */
export function oneOf<T extends string>(
  allowed: readonly T[],
  value: string,
  table: string,
  id: number | string,
  column: string,
): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CorruptRowError(table, id, `${column} is "${value}", expected one of ${allowed.join(', ')}`);
}

/**
 * Stores instants in one form (`2026-11-24T01:00:00.000Z`): the store compares them as text (due rows,
 * activity ranges), which is only right when every value is written alike.
 */
export function toInstant(value: string, table: string, field: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidValueError(table, field, `"${value}" is not an ISO-8601 instant`);
  return new Date(ms).toISOString();
}

export function toInstantOrNull(value: string | null, table: string, field: string): string | null {
  return value === null ? null : toInstant(value, table, field);
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/u;

/** A local day (YYYY-MM-DD), compared as text by the rollup queries. */
export function toDay(value: string, table: string, field: string): string {
  if (!DAY.test(value)) throw new InvalidValueError(table, field, `"${value}" is not a day (YYYY-MM-DD)`);
  return value;
}

/** Validates a value against its schema before it is written as JSON; returns the JSON text. */
export function writeJson<S extends z.ZodType>(schema: S, value: unknown, table: string, field: string): string {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidValueError(table, field, describeIssues(parsed.error));
  const text = JSON.stringify(parsed.data);
  if (text === undefined) throw new InvalidValueError(table, field, 'the value has no JSON form');
  return text;
}

/** Parses a JSON column and validates it; a failure names the table and row, never drops the row. */
export function readJson<S extends z.ZodType>(
  schema: S,
  text: string,
  table: string,
  id: number | string,
  field: string,
): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CorruptRowError(table, id, `${field} is not valid JSON`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new CorruptRowError(table, id, `${field} does not match its schema (${describeIssues(parsed.error)})`);
  return parsed.data;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
