import { describe, expect, it } from 'vitest';
import { messageChartPng, messageChartSvg } from '../../src/charts/message-chart.js';
import { svgToPng } from '../../src/charts/png.js';
import type { MessageChart } from '../../src/core/message.js';
import { inkPixels, pngSize } from '../support/png-ink.js';

/** A line of text alone, drawn like the charts' labels. */
function label(text: string): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="48"><text x="8" y="34" style="font-size:28px;font-family:sans-serif;">${text}</text></svg>`;
  return svgToPng(svg, 1);
}

const chart: MessageChart = {
  kind: 'participation-trend',
  title: '参加率の推移（直近13週）',
  alt: '直近13週の参加率の折れ線グラフ',
  labels: Array.from({ length: 13 }, (_, i) => `第${36 + i}週`),
  series: [
    { name: '参加率', values: Array.from({ length: 13 }, (_, i) => (i === 4 ? null : 0.1 + i * 0.03)) },
    { name: '到達率', values: Array.from({ length: 13 }, (_, i) => 0.3 + i * 0.03) },
  ],
};

describe('chart PNG', () => {
  it('is drawn by ECharts (SVG) and resvg (PNG), at the asked scale, and is not blank', () => {
    const svg = messageChartSvg(chart);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('参加率の推移');
    const png = messageChartPng(chart, 2);
    expect(pngSize(png)).toEqual({ width: 1440, height: 720 });
    const ink = inkPixels(png);
    // Axes, two lines, labels: plenty of ink, but far from a filled picture.
    expect(ink).toBeGreaterThan(20_000);
    expect(ink).toBeLessThan(1440 * 720 * 0.5);
  });

  it('sets Japanese labels in a real font, not as tofu boxes', () => {
    // Without a CJK font every character is the same empty box: two different words would look alike.
    const participation = label('参加率の推移');
    const reach = label('到達率と投稿');
    const tofu = label('\u{E000}\u{E001}\u{E002}\u{E003}\u{E004}\u{E005}');
    expect(participation.equals(reach)).toBe(false);
    const inkA = inkPixels(participation);
    const inkB = inkPixels(reach);
    expect(inkA).toBeGreaterThan(300);
    expect(inkB).toBeGreaterThan(300);
    expect(Math.abs(inkA - inkB)).toBeGreaterThan(20);
    // Glyphs the font lacks draw nothing or a box; real kanji carry more ink than that.
    expect(inkA).not.toBe(inkPixels(tofu));
  });

  it('throws on an SVG it cannot read (the adapters then send the message without the chart)', () => {
    expect(() => svgToPng('<svg', 1)).toThrow();
  });
});
