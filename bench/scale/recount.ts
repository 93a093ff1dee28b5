import { formatPercent, t } from '../../src/core/i18n/index.js';
import type { Message } from '../../src/core/message.js';
import type { Database } from '../../src/store/database.js';

/**
 * Item 7 of issue 12: the weekly figures recounted from raw rows with plain SQL written here (not
 * the product's metrics, groups or time code), then looked for in the messages the jobs built.
 * Only the wording comes from the product (its i18n), so that a number can be found in the text.
 */

export interface Figures {
  members: number;
  contributors: number;
  reached: number;
  posts: number;
  posters: number;
}

/** Local calendar date (YYYY-MM-DD) of an instant in a zone, from Intl only. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function shiftDate(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday and Sunday (local dates) of the ISO week holding `day`, `weeksBack` weeks earlier. */
export function weekDays(day: string, weeksBack = 0): { monday: string; sunday: string } {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = shiftDate(day, -weekday - 7 * weeksBack);
  return { monday, sunday: shiftDate(monday, 6) };
}

/** Local midnight (as an ISO instant) starting a local date in a zone, from Intl only. */
export function localMidnight(day: string, timeZone: string): string {
  const guess = Date.parse(`${day}T00:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(guess));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(guess - (wall - guess)).toISOString();
}

/** The digest's window: the seven whole local days before the day it runs (the core's recentWeek). */
export function digestWindow(now: string, timeZone: string): { from: string; to: string } {
  const today = localDate(new Date(now), timeZone);
  return { from: localMidnight(shiftDate(today, -7), timeZone), to: localMidnight(today, timeZone) };
}

/**
 * Figures of a group over the local days [monday, sunday]: members who count at `at` (not bots,
 * joined before it, not deactivated by it), and their activity. `teamOf` limits the group to one
 * manager's direct and indirect reports (a recursive walk of manager_id in SQL).
 */
export function recount(
  db: Database,
  week: { monday: string; sunday: string; from?: string; to?: string } | { from: string; to: string },
  at: string,
  teamOf: number | null = null,
): Figures {
  // Local days for the manager reports' calendar week; instants [from, to) for the digest's 7 days,
  // whose group is the members the rollout had included by its end.
  const days = 'monday' in week;
  const team =
    teamOf === null
      ? 'SELECT id FROM members'
      : `WITH RECURSIVE tree(id) AS (SELECT id FROM members WHERE manager_id = @manager
           UNION SELECT m.id FROM members m JOIN tree ON m.manager_id = tree.id)
         SELECT id FROM tree WHERE id <> @manager`;
  const sql = `
    WITH grp AS (
      SELECT id FROM members
      WHERE is_bot = 0 AND joined_at < @at AND (deactivated_at IS NULL OR deactivated_at > @at)
        AND id IN (${team})
        ${days ? '' : 'AND included_at IS NOT NULL AND included_at <= @at'}
    ),
    acts AS MATERIALIZED (
      SELECT a.member_id, a.kind FROM activities a JOIN grp ON grp.id = a.member_id
      WHERE ${days ? 'a.day BETWEEN @monday AND @sunday' : 'a.occurred_at >= @from AND a.occurred_at < @to'}
        ${days && week.from !== undefined ? 'AND a.occurred_at >= @from AND a.occurred_at < @to' : ''}
    )
    SELECT
      (SELECT count(*) FROM grp) AS members,
      (SELECT count(DISTINCT member_id) FROM acts WHERE kind IN ('post', 'reply', 'story', 'idea')) AS contributors,
      (SELECT count(DISTINCT member_id) FROM acts) AS reached,
      (SELECT count(*) FROM acts WHERE kind IN ('post', 'story', 'idea')) AS posts,
      (SELECT count(DISTINCT member_id) FROM acts WHERE kind IN ('post', 'story', 'idea')) AS posters`;
  // With the days' instants given too, the time index narrows the rows first (the local-day test
  // still decides); without them every activity's day is read.
  const params: Record<string, string | number> = days
    ? {
        at,
        monday: week.monday,
        sunday: week.sunday,
        ...(week.from !== undefined ? { from: week.from, to: week.to ?? '' } : {}),
      }
    : { at, from: week.from, to: week.to };
  if (teamOf !== null) params.manager = teamOf;
  return db.prepare(sql).get(params) as Figures;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/** All the text of a message (titles, blocks, fallback), for looking figures up in it. */
export function messageText(message: Message): string {
  return JSON.stringify(message);
}

export interface Check {
  what: string;
  ok: boolean;
  expected: string;
}

/** The digest's headline (participation, members, contributors), reach and posts, as recounted. */
export function digestChecks(message: Message, f: Figures): Check[] {
  const text = messageText(message);
  const expect = (what: string, expected: string): Check => ({ what, expected, ok: text.includes(expected) });
  return [
    expect(
      'digest participation',
      t('ja', 'programs.digest.participation', {
        rate: formatPercent('ja', share(f.contributors, f.members)),
        members: f.members,
        contributors: f.contributors,
      }),
    ),
    expect('digest reach', JSON.stringify(formatPercent('ja', share(f.reached, f.members)))),
    expect('digest posts', t('ja', 'programs.digest.field.postsValue', { posts: f.posts, posters: f.posters })),
  ];
}

/** A manager report's team-against-company participation and reach, as recounted. */
export function managerChecks(message: Message, team: Figures, company: Figures, label: string): Check[] {
  const text = messageText(message);
  if (team.members < 5) {
    const expected = t('ja', 'programs.manager.tooFew', { min: 5 });
    return [{ what: `${label}: team under 5`, expected, ok: text.includes(expected) }];
  }
  const vs = (a: Figures, b: Figures, pick: (f: Figures) => number): string =>
    t('ja', 'programs.manager.versus', {
      team: formatPercent('ja', share(pick(a), a.members)),
      company: formatPercent('ja', share(pick(b), b.members)),
    });
  return [
    { what: `${label} participation`, expected: vs(team, company, (f) => f.contributors), ok: false },
    { what: `${label} reach`, expected: vs(team, company, (f) => f.reached), ok: false },
  ].map((c) => ({ ...c, ok: text.includes(c.expected) }));
}
