import * as echarts from 'echarts';

export type ChartOption = echarts.EChartsOption;

export interface ChartSize {
  width: number;
  height: number;
}

/**
 * Renders an Apache ECharts option to an SVG string on the server (SSR: no DOM, no canvas).
 * Animation is off so the SVG shows the final state; the same SVG goes into the dashboard's HTML
 * and, through resvg, into the digest's PNG. ECharts escapes the text it writes.
 */
export function renderChartSvg(option: ChartOption, size: ChartSize): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
