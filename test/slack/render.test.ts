import { describe, expect, it } from 'vitest';
import type { Form, Message } from '../../src/core/message.js';
import { SlackViewMetadataTooLongError } from '../../src/slack/errors.js';
import { baseActionId, renderBlocks, renderHome, renderMessage, renderModal } from '../../src/slack/render.js';
import { cutText, escapeSlack, splitText } from '../../src/slack/slack-text.js';
import { blocksProblems, viewProblems } from './block-kit-limits.js';

const msg = (blocks: Message['blocks'], extra: Partial<Message> = {}): Message => ({
  kind: 'test',
  blocks,
  fallback: 'fallback',
  ...extra,
});

describe('renderBlocks', () => {
  it('renders a title as a plain-text header and text as an escaped mrkdwn section', () => {
    expect(
      renderBlocks(msg([{ type: 'text', text: 'a < b & c > d' }], { title: 'Weekly <digest> & more' }), 'en'),
    ).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Weekly <digest> & more', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: 'a &lt; b &amp; c &gt; d' } },
    ]);
  });

  it('cuts a header to 150 characters and leaves out an empty title', () => {
    const [header] = renderBlocks(msg([], { title: 'あ'.repeat(200) }), 'ja');
    expect(header).toEqual({ type: 'header', text: { type: 'plain_text', text: `${'あ'.repeat(149)}…`, emoji: true } });
    expect(renderBlocks(msg([], { title: '  ' }), 'ja')).toEqual([]);
  });

  it('muted text becomes a context block', () => {
    expect(renderBlocks(msg([{ type: 'text', text: 'quiet <note>', muted: true }]), 'en')).toEqual([
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'quiet &lt;note&gt;' }] },
    ]);
  });

  it('splits a long text into sections of at most 3000 characters, losing nothing', () => {
    const text = Array.from({ length: 200 }, (_, i) => `line ${i} & ${'x'.repeat(30)}`).join('\n');
    const blocks = renderBlocks(msg([{ type: 'text', text }]), 'en') as Array<{ type: string; text: { text: string } }>;
    expect(escapeSlack(text).length).toBe(9089);
    expect(blocks.length).toBe(4);
    for (const b of blocks) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect(blocks.map((b) => b.text.text).join('\n')).toBe(escapeSlack(text));
  });

  it('puts at most 10 fields in a section, each cut to 2000 characters', () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({
      label: `L${i}`,
      value: i === 0 ? 'v'.repeat(2500) : `v${i}`,
    }));
    const blocks = renderBlocks(msg([{ type: 'fields', fields }]), 'en') as Array<{
      type: string;
      fields: Array<{ type: string; text: string }>;
    }>;
    expect(blocks.map((b) => b.fields.length)).toEqual([10, 10, 3]);
    expect(blocks[0]?.fields[0]?.text.length).toBe(2000);
    expect(blocks[0]?.fields[0]?.text.endsWith('…')).toBe(true);
    expect(blocks[2]?.fields[2]).toEqual({ type: 'mrkdwn', text: '*L22*\nv22' });
  });

  it('renders a list as bullet lines under a bold title', () => {
    expect(renderBlocks(msg([{ type: 'list', title: 'Top <3>', items: ['Aoki', 'Bob & Co'] }]), 'en')).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*Top &lt;3&gt;*\n• Aoki\n• Bob &amp; Co' } },
    ]);
  });

  it('cuts a long list after three sections with "and N more" in the reader\'s language', () => {
    const items = Array.from({ length: 600 }, (_, i) => `メンバー番号 ${i} のとても長い名前と部署名`);
    const blocks = renderBlocks(msg([{ type: 'list', title: '投稿者', items }]), 'ja') as Array<{
      text: { text: string };
    }>;
    expect(blocks.length).toBe(3);
    for (const b of blocks) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    const lines = blocks.flatMap((b) => b.text.text.split('\n'));
    const shown = lines.filter((l) => l.startsWith('• ')).length;
    expect(lines.at(-1)).toBe(`ほか${600 - shown}件`);
    expect(shown).toBeGreaterThan(100);
    expect(
      renderBlocks(msg([{ type: 'list', items: Array.from({ length: 600 }, () => 'x'.repeat(40)) }]), 'en').at(-1),
    ).toMatchObject({
      text: { text: expect.stringMatching(/\nand \d+ more$/u) as unknown },
    });
  });

  it('an empty list shows its empty text, or nothing', () => {
    expect(renderBlocks(msg([{ type: 'list', title: 'New', items: [], empty: 'none yet' }]), 'en')).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*New*\nnone yet' } },
    ]);
    expect(renderBlocks(msg([{ type: 'list', items: [] }]), 'en')).toEqual([]);
  });

  it('renders buttons with style, value and url, and makes repeated action ids unique', () => {
    const blocks = renderBlocks(
      msg([
        {
          type: 'actions',
          buttons: [
            { actionId: 'hiroba.moderation.approve', label: 'Approve', value: '1', style: 'primary' },
            { actionId: 'hiroba.moderation.approve', label: 'Approve 2', value: '2' },
            { actionId: 'hiroba.link', label: 'Open', url: 'https://example.com/x' },
          ],
        },
        { type: 'divider' },
      ]),
      'en',
    );
    expect(blocks).toEqual([
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'hiroba.moderation.approve',
            text: { type: 'plain_text', text: 'Approve', emoji: true },
            value: '1',
            style: 'primary',
          },
          {
            type: 'button',
            action_id: 'hiroba.moderation.approve#2',
            text: { type: 'plain_text', text: 'Approve 2', emoji: true },
            value: '2',
          },
          {
            type: 'button',
            action_id: 'hiroba.link',
            text: { type: 'plain_text', text: 'Open', emoji: true },
            url: 'https://example.com/x',
          },
        ],
      },
      { type: 'divider' },
    ]);
    expect(baseActionId('hiroba.moderation.approve#2')).toBe('hiroba.moderation.approve');
    expect(baseActionId('hiroba.optout')).toBe('hiroba.optout');
  });

  it('adds a form as a primary button hiroba.form.open whose value is the kind', () => {
    const form: Form = {
      kind: 'idea',
      title: 'Idea',
      submitLabel: 'Send',
      openLabel: 'Share an idea',
      fields: [{ id: 'idea', label: 'Idea', multiline: true, required: true, minLength: 0, maxLength: 500 }],
    };
    expect(renderBlocks(msg([], { form }), 'en')).toEqual([
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'hiroba.form.open',
            text: { type: 'plain_text', text: 'Share an idea', emoji: true },
            value: 'idea',
            style: 'primary',
          },
        ],
      },
    ]);
  });

  it('cuts past 50 blocks with a note of how many were left out, keeping the form button last', () => {
    const form: Form = {
      kind: 'story',
      title: 'Story',
      submitLabel: 'Send',
      openLabel: 'Share',
      fields: [{ id: 'a', label: 'A', multiline: false, required: true, minLength: 0, maxLength: 10 }],
    };
    const texts = Array.from({ length: 80 }, (_, i) => ({ type: 'text' as const, text: `p${i}` }));
    const blocks = renderBlocks(msg(texts, { form }), 'en');
    expect(blocks.length).toBe(50);
    expect(blocks[47]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'p47' } });
    expect(blocks[48]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: "32 more items were left out to fit Slack's message size limit." }],
    });
    expect(blocks[49]).toMatchObject({
      type: 'actions',
      elements: [{ action_id: 'hiroba.form.open', value: 'story' }],
    });
    expect(blocksProblems(blocks, 'message')).toEqual([]);
  });

  it('a message at exactly 50 blocks is not cut', () => {
    const texts = Array.from({ length: 50 }, (_, i) => ({ type: 'text' as const, text: `p${i}` }));
    expect(renderBlocks(msg(texts), 'en').at(-1)).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'p49' } });
  });

  it('the fallback text is escaped and the Home tab takes up to 100 blocks', () => {
    expect(renderMessage(msg([], { fallback: 'A & B' }), 'en')).toEqual({ blocks: [], text: 'A &amp; B' });
    const texts = Array.from({ length: 120 }, (_, i) => ({ type: 'text' as const, text: `p${i}` }));
    const home = renderHome(msg(texts), 'ja');
    expect(home.type).toBe('home');
    expect(home.blocks.length).toBe(100);
    expect(home.blocks[99]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'メッセージの長さの上限に合わせて、ほか21件の項目を省略しています。' }],
    });
    expect(viewProblems(home)).toEqual([]);
  });
});

describe('renderModal', () => {
  const form: Form = {
    kind: 'story',
    title: 'あなたの成功事例を教えてください',
    intro: '三つの質問に答えるだけです。<短くて大丈夫>',
    submitLabel: '送信する',
    openLabel: '成功事例を書く',
    fields: [
      {
        id: 'title',
        label: 'タイトル',
        multiline: false,
        required: false,
        minLength: 0,
        maxLength: 80,
        placeholder: '例：問い合わせ対応の工夫',
      },
      {
        id: 'situation',
        label: '状況',
        multiline: true,
        required: true,
        minLength: 10,
        maxLength: 1000,
        hint: '何に困っていましたか',
      },
    ],
  };

  it('renders title, submit, close, intro and one input per field (block id = field id)', () => {
    expect(renderModal(form, 'ja', '{"channelId":"D0DM000001"}')).toEqual({
      type: 'modal',
      callback_id: 'hiroba.form.story',
      title: { type: 'plain_text', text: 'あなたの成功事例を教えてください', emoji: true },
      submit: { type: 'plain_text', text: '送信する', emoji: true },
      close: { type: 'plain_text', text: 'キャンセル', emoji: true },
      private_metadata: '{"channelId":"D0DM000001"}',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: '三つの質問に答えるだけです。&lt;短くて大丈夫&gt;' } },
        {
          type: 'input',
          block_id: 'title',
          optional: true,
          label: { type: 'plain_text', text: 'タイトル', emoji: true },
          element: {
            type: 'plain_text_input',
            action_id: 'value',
            multiline: false,
            max_length: 80,
            placeholder: { type: 'plain_text', text: '例：問い合わせ対応の工夫', emoji: true },
          },
        },
        {
          type: 'input',
          block_id: 'situation',
          optional: false,
          label: { type: 'plain_text', text: '状況', emoji: true },
          hint: { type: 'plain_text', text: '何に困っていましたか', emoji: true },
          element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 1000, min_length: 10 },
        },
      ],
    });
  });

  it('cuts a title over 24 characters and refuses metadata over 3000', () => {
    const long = renderModal({ ...form, title: 'Tell us about your success story please' }, 'en', '{}');
    expect(long.title.text).toBe('Tell us about your succ…');
    expect(long.close?.text).toBe('Cancel');
    expect(viewProblems(long)).toEqual([]);
    expect(() => renderModal(form, 'en', 'x'.repeat(3001))).toThrow(SlackViewMetadataTooLongError);
  });
});

describe('slack text helpers', () => {
  it('never cuts inside an entity or a surrogate pair', () => {
    expect(cutText('ab&amp;cd', 5)).toBe('ab…');
    expect(cutText('a😀😀', 4)).toBe('a😀…');
    expect(cutText('short', 10)).toBe('short');
    expect(splitText('x'.repeat(7), 3)).toEqual(['xxx', 'xxx', 'x']);
    expect(splitText('a\n\nb', 10)).toEqual(['a\n\nb']);
  });
});
