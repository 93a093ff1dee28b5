import fc from 'fast-check';

/**
 * Pieces hostile input is made of: control characters and NUL, right-to-left and zero-width marks,
 * emoji (astral, joined, flags), SQL- and markup-looking text, full-width and combining forms, lone
 * surrogates, and the words and mentions Hiroba itself reads.
 */
export const HOSTILE_PIECES = [
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\r\n',
  '\t',
  '\u202e',
  '\u200f',
  '\u200b',
  '\ufeff',
  '\u2028',
  '🎉',
  '👩‍👩‍👧‍👦',
  '🇯🇵',
  'é',
  'ｱｲｳ',
  '　',
  '\ud800',
  "'; DROP TABLE members; --",
  '" OR 1=1 --',
  '%_\\',
  '<script>alert(1)</script>',
  '*bold* _it_ ~x~ `code`',
  '<@U1>',
  '<@U404|誰か>',
  '<#C1|sns>',
  '<!channel>',
  '@斎藤 明美',
  'a@b.co',
  '{name}',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
  '99999999999999999999',
  'role',
  'grant',
  'admin',
  'forget',
  'audit',
  'retention',
  'set',
  'purpose',
  'confirm',
  '削除',
  '設定',
  ' ',
];

/** A string built from hostile pieces and arbitrary unicode, up to `max` characters (big ones made by repeating). */
export function hostileString(max = 2000): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  return fc.tuple(fc.array(piece, { maxLength: 12 }), fc.nat({ max })).map(([pieces, size]) => {
    const unit = pieces.join('');
    if (unit.length === 0) return '';
    // Most strings stay short; some are repeated up to the size asked for.
    return size > 200 ? unit.repeat(Math.ceil(size / unit.length)).slice(0, size) : unit;
  });
}

/** Any JSON-like value, hostile strings included: what a tampered or broken payload field may hold. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    hostileString(300),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  );
}

type Path = readonly (string | number)[];

/** Every path in a JSON value (objects and arrays included, so whole subtrees can be replaced). */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...pathsOf(v, [...prefix, i]));
  } else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function setAt(root: unknown, path: Path, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last === undefined) return;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/**
 * A real-shaped payload with a few of its fields (or whole parts) replaced by hostile values of any
 * type, or deleted: what a broken, truncated or tampered delivery looks like.
 */
export function mutated(base: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(base);
  return fc.array(fc.tuple(fc.nat(), hostileValue()), { minLength: 0, maxLength: 4 }).map((changes) => {
    const copy = structuredClone(base);
    for (const [index, value] of changes) {
      const path = paths[index % Math.max(1, paths.length)];
      if (path) {
        try {
          setAt(copy, path, value);
        } catch {
          // An earlier change replaced a parent of this path: nothing left to change there.
        }
      }
    }
    return copy;
  });
}
