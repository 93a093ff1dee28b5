import { describe, expect, it } from 'vitest';
import { normalizeToken, WORD_ALIASES, type Word, wordOf } from '../../../src/core/commands/aliases.js';
import { COMMAND_TOPICS, RESERVED_WORDS } from '../../../src/core/commands/command.js';
import { GRAMMAR } from '../../../src/core/commands/grammar.js';
import { tokenize } from '../../../src/core/commands/tokens.js';

describe('alias table', () => {
  it('maps every alias back to its own word', () => {
    for (const [word, aliases] of Object.entries(WORD_ALIASES) as [Word, readonly string[]][]) {
      expect(wordOf(word)).toBe(word);
      for (const alias of aliases) expect(wordOf(alias), alias).toBe(word);
    }
  });

  it('has no form listed twice', () => {
    const forms = Object.entries(WORD_ALIASES).flatMap(([word, aliases]) => [word, ...aliases].map(normalizeToken));
    expect(new Set(forms).size).toBe(forms.length);
  });

  it('has a grammar entry for every top-level word', () => {
    expect(Object.keys(GRAMMAR).sort()).toEqual([...COMMAND_TOPICS, ...RESERVED_WORDS].sort());
  });

  it('normalises width and case', () => {
    expect(wordOf('ＨＥＬＰ')).toBe('help');
    expect(wordOf('ﾀﾞｲｼﾞｪｽﾄ')).toBe('digest');
    expect(wordOf('？')).toBe('help');
    expect(wordOf('nonsense')).toBeNull();
  });
});

describe('tokenize', () => {
  it('keeps mentions whole and splits on ideographic spaces', () => {
    expect(tokenize('stats　<at>山田 太郎</at> <@U1|taro yamada>  x').map((t) => t.text)).toEqual([
      'stats',
      '<at>山田 太郎</at>',
      '<@U1|taro yamada>',
      'x',
    ]);
  });

  it('records where each token starts and ends', () => {
    expect(tokenize(' ab  c')).toEqual([
      { text: 'ab', start: 1, end: 3 },
      { text: 'c', start: 5, end: 6 },
    ]);
  });

  it('does not lose stray angle brackets', () => {
    expect(tokenize('a < b <c').map((t) => t.text)).toEqual(['a', '<', 'b', '<c']);
  });
});
