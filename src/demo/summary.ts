import type { TeamMetrics } from '../core/index.js';
import { activitiesIn, departmentMembers, loadSnapshot, metricsFor } from '../core/index.js';
import type { Repositories } from '../core/ports.js';
import { isoWeekOf, isoWeekRange } from '../core/time.js';
import type { RolloutPhase, Workspace } from '../core/types.js';
import type { DemoTimeline } from './activity.js';

export interface WeekRow {
  week: string;
  phase: RolloutPhase;
  metrics: TeamMetrics;
}

export interface DepartmentRow {
  department: string;
  metrics: TeamMetrics;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The phase the rollout was in during a simulated week. */
export function phaseOfWeek(timeline: DemoTimeline, week: number): RolloutPhase {
  if (week >= timeline.companyWeek) return 'company';
  return week >= timeline.expansionWeek ? 'expansion' : 'pilot';
}

/**
 * Whole-company team metrics for each simulated ISO week (the last one up to now), read back from
 * the store through the core's own definitions. Called by the demo runner for its summary table.
 */
export async function weeklyRows(
  repos: Repositories,
  workspace: Workspace,
  now: Date,
  timeline: DemoTimeline,
): Promise<WeekRow[]> {
  const snapshot = await loadSnapshot(repos, workspace, now);
  const tz = workspace.settings.timezone;
  const start = Date.parse(timeline.start);
  const rows: WeekRow[] = [];
  for (let index = 0; index < timeline.weeks; index += 1) {
    const week = isoWeekOf(new Date(start + index * WEEK_MS), tz);
    const range = isoWeekRange(week, tz);
    const to = range.to.getTime() > now.getTime() ? now : range.to;
    const clipped = { from: range.from, to };
    const metrics = metricsFor(snapshot, snapshot.members, await activitiesIn(repos, snapshot, clipped), clipped);
    rows.push({ week, phase: phaseOfWeek(timeline, index), metrics });
  }
  return rows;
}

/** Each department's metrics over the current week (up to now). */
export async function departmentRows(
  repos: Repositories,
  workspace: Workspace,
  now: Date,
  departments: readonly string[],
): Promise<DepartmentRow[]> {
  const snapshot = await loadSnapshot(repos, workspace, now);
  const range = isoWeekRange(isoWeekOf(now, workspace.settings.timezone), workspace.settings.timezone);
  const clipped = { from: range.from, to: now };
  const activities = await activitiesIn(repos, snapshot, clipped);
  return departments.map((department) => ({
    department,
    metrics: metricsFor(snapshot, departmentMembers(snapshot, department), activities, clipped),
  }));
}
