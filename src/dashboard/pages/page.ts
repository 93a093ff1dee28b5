import type { ChartOption, ChartSize } from '../../charts/render-svg.js';
import { renderChartSvg } from '../../charts/render-svg.js';
import { t } from '../../core/i18n/index.js';
import type { DashboardView, InactiveFilter } from '../../core/index.js';
import { chartWeekLabel, weekLabel } from '../../core/index.js';
import { localDay } from '../../core/time.js';
import type { Locale } from '../../core/types.js';
import { type Html, html, raw } from '../html.js';
import type { Table } from '../table.js';

/** What a page builder gets: the request's view of the workspace, the language, and whether to draw. */
export interface PageContext {
  view: DashboardView;
  locale: Locale;
  /** False for a CSV download: the tables are needed, the charts are not. */
  charts: boolean;
  /** The inactive page's filter, from its address (none elsewhere, and when absent). */
  inactiveFilter?: InactiveFilter;
}

/** A built page: its title, its body, and its tables (each downloadable as CSV). */
export interface PageResult {
  title: string;
  body: Html;
  tables: Table[];
}

/** A chart figure: ECharts' server-side SVG with a caption; nothing when charts are off. */
export function chartFigure(
  ctx: PageContext,
  caption: string,
  option: () => ChartOption,
  size: ChartSize,
  narrow = false,
): Html {
  if (!ctx.charts) return html``;
  return html`<figure class="${narrow ? 'chart narrow' : 'chart'}"><figcaption>${caption}</figcaption>${raw(renderChartSvg(option(), size))}</figure>`;
}

export function weekShort(ctx: PageContext, week: string): string {
  return chartWeekLabel(ctx.locale, week);
}

export function weekLong(ctx: PageContext, week: string): string {
  return weekLabel(ctx.locale, week);
}

/** A day in the workspace's time zone (`2026-11-24`). */
export function day(ctx: PageContext, iso: string): string {
  return localDay(iso, ctx.view.snapshot.workspace.settings.timezone);
}

/** A group name as shown: '' is "(not set)". */
export function groupName(ctx: PageContext, name: string): string {
  return name === '' ? t(ctx.locale, 'dashboard.unknownGroup') : name;
}

export function note(text: string): Html {
  return html`<p class="note">${text}</p>`;
}
