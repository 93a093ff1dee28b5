import { z } from 'zod';
import { InvalidValueError } from '../errors.js';

/** Conversation reference rows: how a row becomes a record and back, shared by the SQLite and PostgreSQL stores. */

export interface RefRow {
  workspace_id: number;
  key: string;
  reference: string;
  updated_at: string;
}

export const TABLE = 'conversation_refs';
/**
 * Opaque to the store: only that it is JSON is checked (the Teams adapter validates its shape). Written
 * with JSON.stringify, which drops the `undefined` fields SDK objects carry.
 */
export const referenceSchema = z.unknown();

export function toJsonText(reference: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(reference);
  } catch (error) {
    throw new InvalidValueError(
      TABLE,
      'reference',
      `it cannot be written as JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (text === undefined) throw new InvalidValueError(TABLE, 'reference', 'it has no JSON form');
  return text;
}
