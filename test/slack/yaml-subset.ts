/**
 * Reads the small part of YAML that `slack/manifest.yml` uses: nested maps, lists of scalars and of
 * maps, plain or double-quoted scalars, `true`/`false`, whole-line comments. Enough to check the
 * manifest without a YAML dependency; anything else throws so the manifest stays within it.
 */
export type Yaml = string | boolean | Yaml[] | { [key: string]: Yaml };

interface Line {
  indent: number;
  text: string;
  no: number;
}

function scalar(raw: string): Yaml {
  const text = raw.trim();
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) throw new Error(`unterminated string: ${text}`);
    return JSON.parse(text) as string;
  }
  if (/\s#/u.test(text)) throw new Error(`inline comments are not supported: ${text}`);
  return text;
}

const KEY = /^([A-Za-z0-9_.\-/]+):(?:\s+(.*))?$/u;

function parseBlock(lines: Line[], start: number, indent: number): [Yaml, number] {
  const first = lines[start];
  if (!first) throw new Error('empty block');
  if (first.text.startsWith('- ')) return parseList(lines, start, indent);
  return parseMap(lines, start, indent);
}

function parseMap(lines: Line[], start: number, indent: number): [Yaml, number] {
  const out: Record<string, Yaml> = {};
  let i = start;
  while (i < lines.length) {
    const line = lines[i];
    if (!line || line.indent < indent) break;
    if (line.indent > indent) throw new Error(`line ${line.no}: unexpected indentation`);
    const match = KEY.exec(line.text);
    if (!match?.[1]) throw new Error(`line ${line.no}: expected "key: value", got ${line.text}`);
    const key = match[1];
    if (match[2] !== undefined && match[2] !== '') {
      out[key] = scalar(match[2]);
      i += 1;
      continue;
    }
    const next = lines[i + 1];
    if (!next || next.indent <= indent) throw new Error(`line ${line.no}: ${key} has no value`);
    const [value, after] = parseBlock(lines, i + 1, next.indent);
    out[key] = value;
    i = after;
  }
  return [out, i];
}

function parseList(lines: Line[], start: number, indent: number): [Yaml, number] {
  const out: Yaml[] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i];
    if (!line || line.indent < indent || !line.text.startsWith('- ')) break;
    if (line.indent > indent) throw new Error(`line ${line.no}: unexpected indentation`);
    const item = line.text.slice(2);
    if (KEY.test(item)) {
      // A map item: its first key sits after "- ", the others line up under it.
      const inner: Line[] = [{ indent: indent + 2, text: item, no: line.no }];
      let j = i + 1;
      while (j < lines.length && (lines[j]?.indent ?? 0) > indent) {
        inner.push(lines[j] as Line);
        j += 1;
      }
      const [value] = parseMap(inner, 0, indent + 2);
      out.push(value);
      i = j;
    } else {
      out.push(scalar(item));
      i += 1;
    }
  }
  return [out, i];
}

export function parseYamlSubset(source: string): Yaml {
  const lines: Line[] = [];
  source.split('\n').forEach((raw, index) => {
    if (raw.trim() === '' || raw.trim().startsWith('#')) return;
    if (raw.includes('\t')) throw new Error(`line ${index + 1}: tabs are not YAML indentation`);
    lines.push({ indent: raw.length - raw.trimStart().length, text: raw.trim(), no: index + 1 });
  });
  return parseBlock(lines, 0, lines[0]?.indent ?? 0)[0];
}
