import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/message.js';
import { jsonBytes } from '../../src/teams/card-text.js';
import { renderWithChart } from '../../src/teams/chart-image.js';
import { MAX_RENDERED_BYTES } from '../../src/teams/render.js';
import { cardErrors } from './card-schema.js';

const digest: Message = {
  kind: 'digest',
  title: '週間ダイジェスト',
  blocks: [
    { type: 'text', text: '今週もご参加ありがとうございました。' },
    { type: 'text', text: '今週の参加率は42%でした。' },
    { type: 'fields', fields: [{ label: '到達率', value: '61%' }] },
  ],
  fallback: '週間ダイジェスト',
  chart: {
    kind: 'participation-trend',
    title: '参加率の推移（直近13週）',
    alt: '直近13週の参加率の折れ線グラフ',
    labels: Array.from({ length: 13 }, (_, i) => `第${36 + i}週`),
    series: [
      { name: '参加率', values: Array.from({ length: 13 }, (_, i) => 0.2 + i * 0.02) },
      { name: '到達率', values: Array.from({ length: 13 }, (_, i) => (i < 2 ? null : 0.4 + i * 0.02)) },
    ],
  },
};

describe('digest chart on Teams', () => {
  it('puts the chart into the Adaptive Card as a PNG data URI, within the size limit and the schema', () => {
    const warnings: string[] = [];
    const activity = renderWithChart(digest, 'ja', { warn: (m) => warnings.push(m) });
    const body = activity.attachments[0].content.body;
    const image = body.find((e) => e.type === 'Image');
    expect(image).toMatchObject({ type: 'Image', altText: '直近13週の参加率の折れ線グラフ', size: 'Stretch' });
    expect(image && 'url' in image ? image.url.startsWith('data:image/png;base64,iVBORw0KGgo') : false).toBe(true);
    expect(body.indexOf(image as never)).toBe(3);
    expect(jsonBytes(activity)).toBeLessThanOrEqual(MAX_RENDERED_BYTES);
    expect(cardErrors(activity.attachments[0].content)).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('sends the card without the chart when it cannot be drawn, and says why', () => {
    const warnings: Array<[string, unknown]> = [];
    const activity = renderWithChart(digest, 'ja', { warn: (m, d) => warnings.push([m, d]) }, () => {
      throw new Error('font file missing');
    });
    expect(activity.attachments[0].content.body.some((e) => e.type === 'Image')).toBe(false);
    expect(warnings).toEqual([['digest chart not drawn; the card goes without it', { reason: 'font file missing' }]]);
  });

  it('leaves the chart out when it cannot fit the card, and says so', () => {
    const warnings: string[] = [];
    const activity = renderWithChart(digest, 'ja', { warn: (m) => warnings.push(m) }, () => Buffer.alloc(30_000, 1));
    expect(activity.attachments[0].content.body.some((e) => e.type === 'Image')).toBe(false);
    expect(warnings).toEqual(['digest chart too large for a Teams card; the card goes without it']);
  });
});
