import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
/**
 * The published Adaptive Cards 1.5 schema (https://adaptivecards.io/schemas/1.5.0/adaptive-card.json,
 * draft-06), committed as a fixture: no npm package ships it (`adaptivecards` carries only its
 * renderer). See test/fixtures/teams/schema/README.md.
 */
const SCHEMA_PATH = fileURLToPath(new URL('../fixtures/teams/schema/adaptive-card-1.5.json', import.meta.url));

let validator: ValidateFunction | null = null;

/** The official Adaptive Cards 1.5 schema (draft-06), compiled offline once. */
function validate(): ValidateFunction {
  if (validator) return validator;
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: its function is the default export under NodeNext.
  (addFormatsModule as unknown as { default: (a: Ajv) => void }).default(ajv);
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as Record<string, unknown>);
  // The file names itself with draft-04's `id`; Ajv 8 wants `$id`.
  const { id, ...schema } = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  const compiled = ajv.compile({ $id: String(id), ...schema });
  validator = compiled;
  return compiled;
}

/** Schema errors of a card, [] when valid. */
export function cardErrors(card: unknown): ErrorObject[] {
  const check = validate();
  return check(card) ? [] : [...(check.errors ?? [])];
}
