import { formatPercent, t } from '../i18n/index.js';
import type { Block, Message } from '../message.js';
import type { Repositories } from '../ports.js';
import { fieldsBlock, listBlock, message, textBlock } from '../programs/blocks.js';
import { MIN_REPORT_GROUP } from '../programs/inputs.js';
import { dayLabel, instantLabel } from '../programs/period-label.js';
import { type Locale, type Member, type PilotReadiness, ROLLOUT_PHASES } from '../types.js';
import { ANNOUNCEMENT_JOB } from './rollout.js';
import { activitiesIn, activitiesOf, metricsFor, type Snapshot } from './snapshot.js';

const WEEK_MS = 7 * 86_400_000;

interface GroupFigures {
  participation: number;
  reach: number;
  crossDepartment: number;
  stories: number;
  members: number;
}

/** One group's figures over a range; null when the group is too small to report. */
async function figures(
  repos: Repositories,
  snapshot: Snapshot,
  group: readonly Member[],
  from: Date,
  to: Date,
): Promise<GroupFigures | null> {
  const range = { from, to };
  const acts = activitiesOf(group, await activitiesIn(repos, snapshot, range));
  const m = metricsFor(snapshot, group, acts, range);
  if (m.members < MIN_REPORT_GROUP) return null;
  return {
    participation: m.participationRate,
    reach: m.reach,
    crossDepartment: m.crossDepartment.ratio,
    stories: acts.filter((a) => a.kind === 'story').length,
    members: m.members,
  };
}

function line(locale: Locale, label: string, f: GroupFigures | null): string {
  if (f === null) return t(locale, 'programs.rollout.groupTooFew', { label, min: MIN_REPORT_GROUP });
  return t(locale, 'programs.rollout.groupLine', {
    label,
    participation: formatPercent(locale, f.participation),
    reach: formatPercent(locale, f.reach),
    cross: formatPercent(locale, f.crossDepartment),
    stories: f.stories,
  });
}

/** The pilot's thresholds as lines ("参加率：30%以上"), those just changed marked. */
export function readinessItems(
  locale: Locale,
  th: PilotReadiness,
  changed: readonly (keyof PilotReadiness)[] = [],
): string[] {
  return (['participation', 'reach', 'crossDepartment', 'stories'] as const).map((name) => {
    const value = name === 'stories' ? String(th.stories) : formatPercent(locale, th[name]);
    const line = t(locale, `programs.rollout.threshold.${name}`, { value });
    return changed.includes(name) ? t(locale, 'programs.rollout.threshold.changed', { line }) : line;
  });
}

/**
 * `rollout status`: the phase; the pilot against the rest over the last 7 days and in the 7 days
 * before and after each step taken (the steps are the announcements the rollout program sent); and
 * whether the pilot is ready for the next step by the thresholds ops set (`pilotReadiness`).
 */
export async function rolloutStatusReport(repos: Repositories, snapshot: Snapshot, locale: Locale): Promise<Message> {
  const s = snapshot.workspace.settings;
  const tz = s.timezone;
  const pilot = snapshot.eligible.filter((m) => m.isPilot);
  const rest = snapshot.eligible.filter((m) => !m.isPilot);
  const labels = { pilot: t(locale, 'programs.rollout.pilot'), rest: t(locale, 'programs.rollout.rest') };
  const now = snapshot.now;
  const lastWeek = new Date(now.getTime() - WEEK_MS);
  const pilotNow = await figures(repos, snapshot, pilot, lastWeek, now);
  const restNow = await figures(repos, snapshot, rest, lastWeek, now);
  const blocks: Block[] = [
    fieldsBlock([
      { label: t(locale, 'programs.rollout.phase'), value: t(locale, `programs.rollout.phaseName.${s.rolloutPhase}`) },
      { label: t(locale, 'programs.rollout.pilotMembers'), value: String(pilot.length) },
      {
        label: t(locale, 'programs.rollout.departments'),
        value: s.rolloutDepartments.join(locale === 'ja' ? '・' : ', ') || t(locale, 'common.none'),
      },
    ]),
    listBlock(
      [line(locale, labels.pilot, pilotNow), line(locale, labels.rest, restNow)],
      t(locale, 'programs.rollout.lastWeek'),
    ),
  ];

  const steps = (await repos.outbox.list(snapshot.workspace.id, { job: ANNOUNCEMENT_JOB }))
    .filter((row) => row.period !== 'pilot')
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  for (const step of steps) {
    const at = new Date(step.createdAt);
    const before = new Date(at.getTime() - WEEK_MS);
    const after = new Date(Math.min(at.getTime() + WEEK_MS, now.getTime()));
    const pilotBefore = await figures(repos, snapshot, pilot, before, at);
    const restBefore = await figures(repos, snapshot, rest, before, at);
    const pilotAfter = await figures(repos, snapshot, pilot, at, after);
    const restAfter = await figures(repos, snapshot, rest, at, after);
    blocks.push(
      listBlock(
        [
          line(locale, `${labels.pilot}・${t(locale, 'programs.rollout.before')}`, pilotBefore),
          line(locale, `${labels.rest}・${t(locale, 'programs.rollout.before')}`, restBefore),
          line(locale, `${labels.pilot}・${t(locale, 'programs.rollout.after')}`, pilotAfter),
          line(locale, `${labels.rest}・${t(locale, 'programs.rollout.after')}`, restAfter),
        ],
        t(locale, 'programs.rollout.step', {
          step: step.message.title ?? step.period,
          at: instantLabel(locale, at, tz),
        }),
      ),
    );
  }

  const next = ROLLOUT_PHASES[ROLLOUT_PHASES.indexOf(s.rolloutPhase) + 1];
  const th = s.pilotReadiness;
  if (next) {
    const gaps: string[] = [];
    if (pilotNow === null) gaps.push(t(locale, 'programs.rollout.gap.tooFew', { min: MIN_REPORT_GROUP }));
    else {
      const pct = (r: number): string => formatPercent(locale, r);
      if (pilotNow.participation < th.participation)
        gaps.push(
          t(locale, 'programs.rollout.gap.participation', {
            now: pct(pilotNow.participation),
            need: pct(th.participation),
          }),
        );
      if (pilotNow.reach < th.reach)
        gaps.push(t(locale, 'programs.rollout.gap.reach', { now: pct(pilotNow.reach), need: pct(th.reach) }));
      if (pilotNow.crossDepartment < th.crossDepartment)
        gaps.push(
          t(locale, 'programs.rollout.gap.cross', {
            now: pct(pilotNow.crossDepartment),
            need: pct(th.crossDepartment),
          }),
        );
      if (pilotNow.stories < th.stories)
        gaps.push(t(locale, 'programs.rollout.gap.stories', { now: pilotNow.stories, need: th.stories }));
    }
    const phase = t(locale, `programs.rollout.phaseName.${next}`);
    blocks.push(listBlock(readinessItems(locale, th), t(locale, 'programs.rollout.thresholdsTitle')));
    blocks.push(
      gaps.length === 0
        ? textBlock(t(locale, 'programs.rollout.ready', { phase }))
        : listBlock(gaps, t(locale, 'programs.rollout.notReady', { phase })),
    );
  } else blocks.push(textBlock(t(locale, 'programs.rollout.final')));
  blocks.push(textBlock(t(locale, 'programs.rollout.note', { day: dayLabel(locale, snapshot.today) }), true));
  const title = t(locale, 'programs.rollout.title');
  return message({ kind: 'rollout', title, blocks, fallback: title });
}
