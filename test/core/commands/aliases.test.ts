import { describe, expect, it } from 'vitest';
import { Lexicon, normalizeToken, WORD_ALIASES, type Word, wordOf } from '../../../src/core/commands/aliases.js';
import { createCommandRegistry } from '../../../src/core/commands/registry.js';
import { editDistance, nearestForm } from '../../../src/core/commands/suggest.js';
import { tokenize } from '../../../src/core/commands/tokens.js';

describe('shared words', () => {
  it('maps every alias back to its own word', () => {
    for (const [word, aliases] of Object.entries(WORD_ALIASES) as [Word, readonly string[]][]) {
      expect(wordOf(word)).toBe(word);
      for (const alias of aliases) expect(wordOf(alias), alias).toBe(word);
    }
  });

  it('normalises width and case', () => {
    expect(wordOf('ＳＨＯＷ')).toBe('show');
    expect(wordOf('ｵﾝ')).toBe('on');
    expect(wordOf('nonsense')).toBeNull();
  });
});

describe('the registry lexicon', () => {
  const registry = createCommandRegistry();

  it('knows every command word and its Japanese forms', () => {
    expect(registry.topicOf('ＨＥＬＰ')).toBe('help');
    expect(registry.topicOf('ﾀﾞｲｼﾞｪｽﾄ')).toBe('digest');
    expect(registry.topicOf('？')).toBe('help');
    expect(registry.topicOf('統計')).toBe('stats');
    expect(registry.topicOf('nonsense')).toBeNull();
  });

  it('refuses a form listed for two words', () => {
    expect(() => new Lexicon([{ show: ['表示'] }, { list: ['表示'] }])).toThrow(/表示/u);
  });
});

describe('did you mean', () => {
  it('counts a swap of two letters once, and Japanese per character', () => {
    expect(editDistance('hepl', 'help')).toBe(1);
    expect(editDistance('スケジュル', 'スケジュール')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
  });

  it('suggests nothing for words far from every form', () => {
    expect(nearestForm('frobnicate', ['help', 'stats'])).toBeNull();
    expect(nearestForm('statistics', ['help', 'stat', 'stats'])).toBe('stat');
  });
});

describe('tokenizer', () => {
  it('keeps mentions whole and splits on ideographic spaces', () => {
    expect(tokenize('stats　<at>山田 太郎</at> <#C1|社内 sns>').map((t) => t.text)).toEqual([
      'stats',
      '<at>山田 太郎</at>',
      '<#C1|社内 sns>',
    ]);
    expect(normalizeToken('ＡＢＣ')).toBe('abc');
  });
});
