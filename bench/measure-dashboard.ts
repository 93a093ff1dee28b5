import { loadSnapshot } from '../src/core/service/snapshot.js';
import { html } from '../src/dashboard/html.js';
import { shell } from '../src/dashboard/layout.js';
import { connectionsPage } from '../src/dashboard/pages/connections.js';
import { overviewPage } from '../src/dashboard/pages/overview.js';
import { tableHtml } from '../src/dashboard/table.js';
import { atMost, type BenchLine, formatNumber } from './report.js';
import { median, timeMsAsync } from './timing.js';
import { type BenchDir, bulkLoadActivity, createWorld, planCompany, workloadOptions } from './workload.js';

/** The budget for the overview page of a 10,000-member workspace on this machine. */
export const OVERVIEW_BUDGET_MS = 1000;

export interface DashboardBenchOptions {
  members: number;
  days: number;
  seed: number;
  repetitions: number;
}

/**
 * The dashboard's overview page for an ops viewer, rendered the way a request renders it: the
 * snapshot, 13 weeks of figures, the ECharts SVG charts, the tables and the page around them.
 * Built on its own company (10,000 members by default) with 13 weeks of bulk-loaded activity;
 * the first render (ECharts warming up) is not counted. The connections page is timed alongside.
 */
export async function measureDashboard(
  dir: BenchDir,
  options: DashboardBenchOptions,
  progress: (text: string) => void = () => undefined,
): Promise<BenchLine> {
  const plan = planCompany(workloadOptions({ members: options.members, days: options.days, seed: options.seed }));
  const world = await createWorld(dir, 'dashboard.db', plan);
  try {
    progress(`loading ${plan.members.length.toLocaleString('en-US')} members' activity for the dashboard line`);
    const rows = bulkLoadActivity(world);
    const now = new Date(plan.options.end);
    const scope = { kind: 'workspace', role: 'ops' } as const;
    const render = async (): Promise<number> => {
      let bytes = 0;
      const { ms } = await timeMsAsync(async () => {
        const snapshot = await loadSnapshot(world.repos, world.workspace, now);
        const page = await overviewPage({ view: { repos: world.repos, snapshot, scope }, locale: 'ja', charts: true });
        bytes = shell({
          locale: 'ja',
          page: 'overview',
          title: page.title,
          scopeLabel: world.workspace.name,
          opsPages: true,
          otherLanguageHref: '/dashboard?lang=en',
          asOf: '',
          body: html`${page.body}${page.tables.map((t) => tableHtml('ja', t, '/dashboard/csv'))}`,
        }).length;
      });
      if (bytes === 0) throw new Error('bench: the overview rendered empty');
      return ms;
    };
    await render();
    const times: number[] = [];
    for (let i = 0; i < options.repetitions; i += 1) times.push(await render());
    const connections: number[] = [];
    for (let i = 0; i < options.repetitions; i += 1) {
      const { ms } = await timeMsAsync(async () => {
        const snapshot = await loadSnapshot(world.repos, world.workspace, now);
        await connectionsPage({ view: { repos: world.repos, snapshot, scope }, locale: 'ja', charts: true });
      });
      connections.push(ms);
    }
    const value = median(times);
    return {
      name: 'dashboard-overview',
      value,
      unit: 'ms',
      ratio: value / OVERVIEW_BUDGET_MS,
      ratioMeaning: `overview render ÷ ${OVERVIEW_BUDGET_MS} ms budget`,
      target: atMost(1),
      detail:
        `${plan.members.length.toLocaleString('en-US')} members, ${rows.toLocaleString('en-US')} activities, ` +
        `13 weeks, charts and tables; connections page ${formatNumber(median(connections))} ms; median of ${times.length}`,
    };
  } finally {
    await world.store.close();
  }
}
