import { normalizeToken } from './aliases.js';

/**
 * Edit distance with adjacent swaps counted once (optimal string alignment), over code points:
 * `hepl` is one edit from `help`, and Japanese counts per character.
 */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i <= x.length; i += 1) {
    const row = d[i] ?? [];
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(x.length, y.length);
}

/**
 * The known form nearest to what was typed, for "did you mean": a form within a third of its length
 * in edits (at least one, so `hepl` → `help`, `スケジュル` → `スケジュール`), or a form the typed word
 * starts with (`statistics` → `stat`, `channelz` → `channel`). Null when nothing is close.
 */
export function nearestForm(typed: string, forms: readonly string[]): string | null {
  const word = normalizeToken(typed);
  if (word === '') return null;
  const wordLength = Array.from(word).length;
  let best: { form: string; score: number } | null = null;
  for (const form of forms) {
    const key = normalizeToken(form);
    if (key.startsWith('-') || key === '?') continue;
    const keyLength = Array.from(key).length;
    const allowed = Math.max(1, Math.floor(keyLength / 3));
    // The distance is at least the difference in length: a word far longer than any form (a pasted
    // paragraph) is never measured, which would take seconds.
    const distance = Math.abs(wordLength - keyLength) > allowed ? Number.POSITIVE_INFINITY : editDistance(word, key);
    let score = distance <= allowed ? distance : Number.POSITIVE_INFINITY;
    if (Array.from(key).length >= 3 && word.startsWith(key)) score = Math.min(score, 0.5);
    if (score < (best?.score ?? Number.POSITIVE_INFINITY)) best = { form, score };
  }
  return best?.form ?? null;
}
