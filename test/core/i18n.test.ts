import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/core/i18n/index.js';

/**
 * Keys whose Japanese text is rightly the same as the English (brand names). Add a key here only
 * with the reason; everything else must be written in Japanese.
 */
const SAME_IN_JAPANESE = new Set<string>([
  'common.appName', // the product's name, written the same in both languages
  'dashboard.nav.otherLanguage', // the switch to English is labelled in English, as readers of English look for it
]);

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\u3000-\u303f\uff01-\uff5e]/u;

/** A pure format ("{score} / 100") has no words to translate: nothing but placeholders, digits and signs. */
function hasWords(text: string): boolean {
  return /\p{L}/u.test(text.replace(/\{\w+\}/gu, ''));
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[1] ?? ''))].sort();
}

const jaKeys = Object.keys(catalogues.ja).sort();
const enKeys = Object.keys(catalogues.en).sort();

describe('i18n catalogues', () => {
  it('has every Japanese key in English', () => {
    expect(jaKeys.filter((k) => !(k in catalogues.en))).toEqual([]);
  });

  it('has every English key in Japanese', () => {
    expect(enKeys.filter((k) => !(k in catalogues.ja))).toEqual([]);
  });

  it('has no empty text in either language', () => {
    for (const locale of ['ja', 'en'] as const) {
      const empty = Object.entries(catalogues[locale])
        .filter(([, v]) => v.trim() === '')
        .map(([k]) => `${locale}:${k}`);
      expect(empty).toEqual([]);
    }
  });

  it('uses the same {placeholders} for a key in both languages', () => {
    const differ: string[] = [];
    for (const key of jaKeys) {
      const ja = placeholders((catalogues.ja as Record<string, string>)[key] ?? '');
      const en = placeholders((catalogues.en as Record<string, string>)[key] ?? '');
      if (ja.join(',') !== en.join(',')) differ.push(`${key}: ja {${ja.join(',')}} en {${en.join(',')}}`);
    }
    expect(differ).toEqual([]);
  });

  it('writes the Japanese catalogue in Japanese', () => {
    const notJapanese = Object.entries(catalogues.ja)
      .filter(([key, value]) => !SAME_IN_JAPANESE.has(key) && hasWords(value) && !JAPANESE.test(value))
      .map(([key, value]) => `${key}: ${value}`);
    expect(notJapanese).toEqual([]);
  });

  it('keeps brace pairs balanced so every placeholder is well formed', () => {
    const broken: string[] = [];
    for (const locale of ['ja', 'en'] as const) {
      for (const [key, value] of Object.entries(catalogues[locale])) {
        const stripped = value.replace(/\{\w+\}/gu, '');
        if (/[{}]/u.test(stripped)) broken.push(`${locale}:${key}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
