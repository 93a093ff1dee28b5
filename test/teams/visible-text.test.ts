import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/message.js';
import type { Locale } from '../../src/core/types.js';
import { renderCard } from '../../src/teams/render.js';
import { everyMessage } from '../core/programs/fixtures.js';
import { createHarness, type Harness } from '../support/core-harness.js';

/**
 * What a person sees on Teams: every card a program or a command produces, parsed by the
 * `adaptivecards` package (its browser build; it only needs `window` to load) and read element by
 * element the way the client shows it.
 */
interface CardElement {
  getJsonTypeName(): string;
  text?: string;
  facts?: { name: string; value: string }[];
  placeholder?: string;
  title?: string;
  getItemCount?(): number;
  getItemAt?(i: number): CardElement;
  getActionCount?(): number;
  getActionAt?(i: number): CardElement;
}
interface CardModule {
  AdaptiveCard: new () => CardElement & { parse(json: unknown, errors: unknown[]): void };
}

const require = createRequire(import.meta.url);
function adaptiveCards(): CardModule {
  const g = globalThis as { window?: unknown };
  g.window ??= globalThis;
  return require('adaptivecards/dist/adaptivecards.js') as CardModule;
}

function visibleTexts(message: Message, locale: Locale): { texts: string[]; errors: unknown[] } {
  const { AdaptiveCard } = adaptiveCards();
  const card = new AdaptiveCard();
  const errors: unknown[] = [];
  card.parse(renderCard(message, locale), errors);
  const texts: string[] = [];
  const walk = (el: CardElement): void => {
    if (typeof el.text === 'string') texts.push(el.text);
    if (typeof el.placeholder === 'string') texts.push(el.placeholder);
    if (typeof el.title === 'string') texts.push(el.title);
    for (const f of el.facts ?? []) texts.push(f.name, f.value);
    for (let i = 0; i < (el.getItemCount?.() ?? 0); i++) {
      const child = el.getItemAt?.(i);
      if (child) walk(child);
    }
    for (let i = 0; i < (el.getActionCount?.() ?? 0); i++) {
      const action = el.getActionAt?.(i);
      if (action) walk(action);
    }
  };
  walk(card);
  return { texts, errors };
}

/** Marks a person must never see on Teams. */
function problemsIn(text: string): string[] {
  const found: string[] = [];
  if (text.includes('\\')) found.push('a backslash escape');
  if (text.includes('`')) found.push('a code mark');
  if (/19:[^\s]*@thread/u.test(text)) found.push('a raw Teams channel id');
  if (/\/hiroba/u.test(text)) found.push('a Slack command form');
  if (/\{\w+\}/u.test(text)) found.push('an unfilled placeholder');
  if (/\b\d{4}-W\d{2}\b/u.test(text)) found.push('an ISO week label');
  if (/\*\*/u.test(text)) found.push('bold marks');
  return found;
}

function expectReadable(name: string, message: Message, locale: Locale): void {
  const { texts, errors } = visibleTexts(message, locale);
  expect(errors, `${name}: card elements the client does not know`).toEqual([]);
  expect(texts.length, `${name}: nothing visible`).toBeGreaterThan(0);
  for (const text of texts) expect(problemsIn(text), `${name}: "${text}"`).toEqual([]);
}

describe.each(['ja', 'en'] as Locale[])('every program card reads as written (%s)', (locale) => {
  it.each(everyMessage(locale))('%s', (name, message) => {
    expectReadable(name, message, locale);
  });
});

describe.each(['ja', 'en'] as Locale[])('every command reply card reads as written (%s)', (locale) => {
  let h: Harness;
  afterEach(() => h.close());

  it('as ops, a manager and a member', async () => {
    h = await createHarness({ platform: 'teams' });
    await h.settings({ locale });
    const ops = await h.member(
      { name: '運用 花子', department: '経営企画部', location: '東京本社' },
      { role: 'admin' },
    );
    const boss = await h.member({ name: '斎藤 明美', department: '営業部', location: '大阪支社' });
    for (let i = 0; i < 6; i++)
      await h.member({ name: `営業 ${i}`, department: '営業部', location: '大阪支社' }, { managerId: boss.id });
    const member = await h.member({ name: '一般 太郎', department: '開発部', location: '東京本社' });
    const run = async (who: string, words: string, channelId: string | null = null): Promise<[string, Message]> => [
      words,
      await h.core.runCommand({ workspaceId: h.workspace.id, platformId: who, text: words, channelId }),
    ];
    const o = ops.platformId ?? '';
    const replies: [string, Message][] = [
      await run(o, ''),
      await run(o, 'help'),
      await run(o, 'help stats'),
      await run(o, 'hepl'),
      await run(o, 'channels add <#19:abc123@thread.tacv2|全社SNS>'),
      await run(o, 'channels add', '19:def456@thread.tacv2'),
      await run(o, 'channels list'),
      await run(o, 'digest channel <#19:abc123@thread.tacv2|全社SNS>'),
      await run(o, 'purpose set 部署をこえて学びを共有する場です。'),
      await run(o, 'purpose show'),
      await run(o, 'rules show'),
      await run(o, 'schedule show'),
      await run(o, 'schedule set nudges 0 21 * * *'),
      await run(o, 'stats'),
      await run(o, 'stats 営業'),
      await run(o, 'stats 大阪支社'),
      await run(o, 'stats @斎藤 明美'),
      await run(o, 'stats 部'),
      await run(o, 'inactive'),
      await run(o, 'inactive 営業 page 2'),
      await run(o, 'reach'),
      await run(o, 'rollout status'),
      await run(o, 'rollout departments add 営業'),
      await run(o, 'confirm'),
      await run(o, 'rollout advance'),
      await run(o, 'prompt story 営業部'),
      await run(o, 'confirm'),
      await run(o, 'digest send'),
      await run(o, 'digest preview'),
      await run(boss.platformId ?? '', 'stats'),
      await run(boss.platformId ?? '', 'stats 営業部'),
      await run(member.platformId ?? '', 'help'),
      await run(member.platformId ?? '', 'stats'),
      await run(member.platformId ?? '', 'inactive'),
    ];
    for (const [words, reply] of replies) expectReadable(words || '(nothing)', reply, locale);
  });
});

describe('the visible-text check', () => {
  it('catches what a person must not see', () => {
    expect(problemsIn('\\# 19:abc@thread.tacv2 is now counted')).toEqual([
      'a backslash escape',
      'a raw Teams channel id',
    ]);
    expect(problemsIn('`@Hiroba help` for 2026-W48 {name}')).toEqual([
      'a code mark',
      'an unfilled placeholder',
      'an ISO week label',
    ]);
    expect(problemsIn('#全社SNS を集計対象に追加しました。')).toEqual([]);
  });
});
