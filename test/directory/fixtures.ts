import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The bytes of a file in test/fixtures/directory. */
export function fixture(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`../fixtures/directory/${name}`, import.meta.url)));
}
