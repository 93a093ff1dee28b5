import { type Word, wordOf } from './aliases.js';

/** One word of the command text, with where it sits in the original (for verbatim rests). */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/**
 * A Teams at-mention (`<at>Taro Yamada</at>`, spaces inside) and a Slack mention or link (`<@U1|taro>`,
 * `<mailto:a@b.jp|a@b.jp>`) are one token each; otherwise any run of non-space characters. `\s` covers
 * the ideographic space U+3000 that Japanese input methods type.
 */
const TOKEN = /<at>[\s\S]*?<\/at>|<[^<>]*>|[^\s<]+(?:<(?!at>)[^\s<]*)*|<[^\s<]*/giu;

/** Splits command text into tokens. Called by the parser once per command. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    tokens.push({ text: match[0], start, end: start + match[0].length });
  }
  return tokens;
}

/** Reads tokens left to right; the grammar's only view of the text. */
export class Cursor {
  private index = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  peek(): Token | undefined {
    return this.tokens[this.index];
  }

  /** The canonical word of the next token, without consuming it. */
  peekWord(): Word | null {
    const token = this.peek();
    return token === undefined ? null : wordOf(token.text);
  }

  next(): Token | undefined {
    const token = this.tokens[this.index];
    if (token !== undefined) this.index += 1;
    return token;
  }

  done(): boolean {
    return this.index >= this.tokens.length;
  }

  /** The tokens not read yet; consumes them. */
  remaining(): Token[] {
    const rest = this.tokens.slice(this.index);
    this.index = this.tokens.length;
    return rest;
  }

  /** The original text from the next token to the end, trimmed; consumes everything. */
  restVerbatim(): string {
    const first = this.peek();
    this.index = this.tokens.length;
    return first === undefined ? '' : this.source.slice(first.start).trim();
  }

  /** The original text spanned by `tokens` (kept in order), leaving out the spans of `drop`. */
  span(tokens: readonly Token[], drop: readonly Token[] = []): string {
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    if (first === undefined || last === undefined) return '';
    let out = '';
    let at = first.start;
    for (const d of drop) {
      if (d.start < first.start || d.end > last.end) continue;
      out += this.source.slice(at, d.start);
      const after = tokens.find((t) => t.start >= d.end);
      at = after === undefined ? d.end : after.start;
    }
    out += this.source.slice(at, last.end);
    return out.trim();
  }
}
