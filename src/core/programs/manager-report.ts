import { formatPercent, t } from '../i18n/index.js';
import type { Block, Message } from '../message.js';
import type { Locale } from '../types.js';
import { PROGRAM_KINDS } from './action-ids.js';
import { divider, fieldsBlock, listBlock, message, peopleItems, pointsDiff, textBlock } from './blocks.js';
import { type MetricsView, MIN_REPORT_GROUP, type TrendPointView } from './inputs.js';
import { summarizeTrend } from './trend.js';
import { trendLine } from './weekly-digest.js';

export interface ManagerReportInput {
  locale: Locale;
  managerName: string;
  /** ISO week label, `2026-W48`: the last complete week, which the report covers. */
  week: string;
  /** The dates that week covers, as people read them ("3月2日〜3月8日"). */
  periodLabel: string;
  /** The manager's reports (direct and indirect); null when there is nothing to measure. */
  team: MetricsView | null;
  company: MetricsView;
  /** Members in the team; under 5 the report shows no team figure at all. */
  teamSize: number;
  /** The team's participation per week, oldest first, up to 8 weeks. */
  trend: readonly TrendPointView[];
  /** Team members with no contribution for a while (state `inactive` or `never`). */
  inactiveCount: number;
  /** Their names, only when the workspace turned manager names on; null otherwise. */
  inactiveNames: readonly string[] | null;
}

/**
 * The weekly DM to a manager: the team against the company, the team's trend, how many are quiet,
 * and concrete things the manager can do this week. Privacy first: a team under 5 members shows no
 * team figure (only the company's), and names appear only when the caller passes them (workspace
 * setting). The wording never blames anyone: quiet members are invited, not chased. Called by the
 * `manager-reports` job.
 */
export function managerReport(input: ManagerReportInput): Message {
  const { locale, company } = input;
  const name = input.managerName;
  const period = input.periodLabel;
  const blocks: Block[] = [textBlock(t(locale, 'programs.manager.greeting', { name, period }))];
  const team = input.team !== null && input.teamSize >= MIN_REPORT_GROUP ? input.team : null;
  const suggestions: string[] = [
    t(locale, 'programs.manager.suggest.meeting'),
    t(locale, 'programs.manager.suggest.react'),
  ];

  if (team === null) {
    blocks.push(
      textBlock(t(locale, 'programs.manager.tooFew', { min: MIN_REPORT_GROUP })),
      fieldsBlock([
        {
          label: t(locale, 'programs.manager.field.companyParticipation'),
          value: formatPercent(locale, company.participationRate),
        },
        { label: t(locale, 'programs.manager.field.companyReach'), value: formatPercent(locale, company.reach) },
        {
          label: t(locale, 'programs.manager.field.companyCross'),
          value: formatPercent(locale, company.crossDepartment.ratio),
        },
      ]),
    );
  } else {
    const vs = (a: number, b: number): string =>
      t(locale, 'programs.manager.versus', { team: formatPercent(locale, a), company: formatPercent(locale, b) });
    blocks.push(
      fieldsBlock([
        {
          label: t(locale, 'programs.manager.field.participation'),
          value: vs(team.participationRate, company.participationRate),
        },
        { label: t(locale, 'programs.manager.field.reach'), value: vs(team.reach, company.reach) },
        {
          label: t(locale, 'programs.manager.field.cross'),
          value: vs(team.crossDepartment.ratio, company.crossDepartment.ratio),
        },
        {
          label: t(locale, 'programs.manager.field.inactive'),
          value: t(locale, 'programs.manager.field.inactiveValue', {
            count: input.inactiveCount,
            members: team.members,
          }),
        },
      ]),
    );
    const diff = pointsDiff(team.participationRate, company.participationRate);
    blocks.push(
      textBlock(
        diff > 0
          ? t(locale, 'programs.manager.compareAbove', { points: diff })
          : diff < 0
            ? t(locale, 'programs.manager.compareBelow', { points: -diff })
            : t(locale, 'programs.manager.compareSame'),
      ),
    );
    const trend = trendLine(
      locale,
      'programs.manager.trend',
      summarizeTrend(locale, input.week, team.participationRate, input.trend),
    );
    if (trend) blocks.push(textBlock(trend));
    if (input.inactiveNames !== null && input.inactiveCount > 0) {
      blocks.push(
        listBlock(
          peopleItems(locale, input.inactiveNames, input.inactiveCount),
          t(locale, 'programs.manager.inactiveNamesTitle'),
        ),
      );
    }
    if (team.crossDepartment.ratio < company.crossDepartment.ratio)
      suggestions.push(t(locale, 'programs.manager.suggest.cross'));
    if (input.inactiveCount > 0) suggestions.push(t(locale, 'programs.manager.suggest.inactive'));
    if (diff > 0) suggestions.push(t(locale, 'programs.manager.suggest.keepUp'));
  }

  blocks.push(
    divider,
    listBlock(suggestions, t(locale, 'programs.manager.suggestionsTitle')),
    textBlock(t(locale, 'programs.manager.privacy', { name }), true),
  );

  return message({
    kind: PROGRAM_KINDS.managerReport,
    title: t(locale, 'programs.manager.title', { period }),
    blocks,
    fallback: t(locale, 'programs.manager.fallback', { period }),
  });
}
