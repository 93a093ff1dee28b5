import { describe, expect, it } from 'vitest';
import { MESSAGE_CHART_SIZE } from '../../src/charts/message-chart.js';
import { chartThread } from '../../src/charts/png-thread.js';
import type { MessageChart } from '../../src/core/message.js';

const chart: MessageChart = {
  kind: 'participation-trend',
  title: '参加率の推移',
  alt: '13週間の参加率',
  labels: Array.from({ length: 13 }, (_, i) => `W${i + 1}`),
  series: [
    { name: '全体', values: Array.from({ length: 13 }, (_, i) => 0.3 + i / 100) },
    { name: '営業部', values: Array.from({ length: 13 }, (_, i) => (i === 4 ? null : 0.2 + i / 80)) },
  ],
};

describe('chartThread', () => {
  it('draws the PNG on another thread while this one keeps answering, and says why a chart failed', async () => {
    const draw = chartThread();
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 5);
    const started = performance.now();
    const [first, second] = await Promise.all([draw(chart, 2, MESSAGE_CHART_SIZE), draw(chart, 1, MESSAGE_CHART_SIZE)]);
    const ms = performance.now() - started;
    clearInterval(timer);
    // PNG signature, and the second at half the scale is the smaller picture.
    expect(first.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(second.length).toBeLessThan(first.length);
    // The event loop ran all along: about one tick per 5 ms of drawing (half allows for a busy machine).
    expect(ticks).toBeGreaterThan(ms / 5 / 2);
    await expect(
      draw({ ...chart, series: [] } as unknown as MessageChart, 1, { width: -1, height: 0 }),
    ).rejects.toThrow();
  });
});
