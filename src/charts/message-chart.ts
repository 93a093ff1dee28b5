import type { MessageChart } from '../core/message.js';
import { percentLinesChart } from './charts.js';
import { svgToPng } from './png.js';
import { type ChartSize, renderChartSvg } from './render-svg.js';

/** The size a message's chart is drawn at: wide enough for 13 week labels, small enough for a Teams card. */
export const MESSAGE_CHART_SIZE: ChartSize = { width: 720, height: 360 };

/** A message's chart (the digest's participation trend) as SVG: the same chart as the dashboard's overview. */
export function messageChartSvg(chart: MessageChart, size: ChartSize = MESSAGE_CHART_SIZE): string {
  return renderChartSvg(percentLinesChart({ title: chart.title, labels: chart.labels, series: chart.series }), size);
}

/** A smaller drawing for an Adaptive Card, whose whole activity must stay under Teams' ~28 KB. */
export const CARD_CHART_SIZE: ChartSize = { width: 480, height: 260 };

/** The same chart as PNG (Slack upload, Teams card image). Throws when it cannot be drawn. */
export function messageChartPng(chart: MessageChart, scale = 2, size: ChartSize = MESSAGE_CHART_SIZE): Buffer {
  return svgToPng(messageChartSvg(chart, size), scale);
}
