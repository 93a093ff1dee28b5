import type { ChartOption } from './render-svg.js';

/** Colours that stay apart for people with the common colour-vision deficiencies (Okabe–Ito). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

const FONT = { fontFamily: 'sans-serif' };
const percent = (value: number | null): number | null => (value === null ? null : Math.round(value * 1000) / 10);

export interface LineSeries {
  name: string;
  /** 0–1 ratios; null where nothing may be shown (a week under five people). */
  values: ReadonlyArray<number | null>;
}

/**
 * Percent lines over weeks: participation and reach on the overview and in the digest, one line per
 * location. A missing point (null) leaves a gap rather than inventing a value.
 */
export function percentLinesChart(input: {
  title?: string;
  labels: readonly string[];
  series: readonly LineSeries[];
}): ChartOption {
  return {
    color: PALETTE,
    textStyle: FONT,
    ...(input.title === undefined ? {} : { title: { text: input.title, left: 'center', textStyle: { fontSize: 16 } } }),
    legend: { bottom: 0, textStyle: { fontSize: 12 } },
    grid: { left: 48, right: 16, top: input.title === undefined ? 16 : 48, bottom: 56 },
    xAxis: { type: 'category', data: [...input.labels], axisLabel: { fontSize: 11, hideOverlap: true } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: input.series.map((s) => ({
      type: 'line',
      name: s.name,
      data: s.values.map(percent),
      connectNulls: false,
      symbolSize: 6,
      label: { show: false },
    })),
  };
}

/** Counts per week as bars (new contributors, executives taking part). */
export function countBarsChart(input: {
  labels: readonly string[];
  name: string;
  values: ReadonlyArray<number | null>;
}): ChartOption {
  return {
    color: [PALETTE[2] ?? '#009E73'],
    textStyle: FONT,
    grid: { left: 40, right: 12, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: [...input.labels], axisLabel: { fontSize: 10, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: input.name, data: [...input.values], label: { show: false } }],
  };
}

/** A Lorenz curve against the line of equality, both axes in percent. */
export function lorenzChart(input: {
  points: ReadonlyArray<{ population: number; share: number }>;
  curveName: string;
  equalityName: string;
  xName: string;
  yName: string;
}): ChartOption {
  return {
    color: [PALETTE[0] ?? '#0072B2', '#999999'],
    textStyle: FONT,
    legend: { bottom: 0 },
    grid: { left: 56, right: 24, top: 16, bottom: 72 },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      name: input.xName,
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { formatter: '{value}%' },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      name: input.yName,
      nameLocation: 'middle',
      nameGap: 40,
      axisLabel: { formatter: '{value}%' },
    },
    series: [
      {
        type: 'line',
        name: input.curveName,
        showSymbol: false,
        areaStyle: { opacity: 0.15 },
        data: input.points.map((p) => [percent(p.population), percent(p.share)]),
      },
      {
        type: 'line',
        name: input.equalityName,
        showSymbol: false,
        lineStyle: { type: 'dashed' },
        data: [
          [0, 0],
          [100, 100],
        ],
      },
    ],
  };
}

/**
 * A heat map: rows × columns of values; null cells stay empty (too few people). `percentValues`
 * shows 0–1 ratios as percent (departments × weeks); otherwise the values are counts (the matrix).
 */
export function heatmapChart(input: {
  rows: readonly string[];
  columns: readonly string[];
  values: ReadonlyArray<ReadonlyArray<number | null>>;
  percentValues: boolean;
  xName?: string;
  yName?: string;
}): ChartOption {
  const data: Array<[number, number, number]> = [];
  let max = 0;
  input.values.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value === null) return;
      const shown = input.percentValues ? (percent(value) ?? 0) : value;
      max = Math.max(max, shown);
      data.push([c, r, shown]);
    });
  });
  const longest = Math.max(4, ...input.rows.map((r) => r.length));
  return {
    textStyle: FONT,
    grid: { left: Math.min(200, 16 + longest * 12), right: 16, top: 16, bottom: 72 },
    xAxis: {
      type: 'category',
      data: [...input.columns],
      ...(input.xName === undefined ? {} : { name: input.xName, nameLocation: 'middle', nameGap: 44 }),
      axisLabel: { fontSize: 10, interval: 0, rotate: input.columns.length > 6 ? 40 : 0 },
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      data: [...input.rows],
      inverse: true,
      ...(input.yName === undefined ? {} : { name: input.yName }),
      axisLabel: { fontSize: 11 },
      splitArea: { show: true },
    },
    visualMap: {
      min: 0,
      max: input.percentValues ? 100 : Math.max(1, max),
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] },
      ...(input.percentValues ? { formatter: '{value}%' } : {}),
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: { show: true, fontSize: 10, ...(input.percentValues ? { formatter: '{@[2]}%' } : {}) },
      },
    ],
  };
}

/** Bars side by side per category (pilot against the rest, before and after each rollout step), in percent. */
export function groupedPercentBarsChart(input: {
  categories: readonly string[];
  series: readonly LineSeries[];
}): ChartOption {
  return {
    color: PALETTE,
    textStyle: FONT,
    legend: { bottom: 0 },
    grid: { left: 48, right: 16, top: 16, bottom: 64 },
    xAxis: {
      type: 'category',
      data: [...input.categories],
      axisLabel: { fontSize: 10, interval: 0, rotate: input.categories.length > 4 ? 30 : 0 },
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: input.series.map((s) => ({ type: 'bar', name: s.name, data: s.values.map(percent) })),
  };
}
