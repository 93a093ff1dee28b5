import type { DailyPoints } from './ports.js';
import { daysBetween } from './time.js';
import type { ActivityKind } from './types.js';

/** Points per activity kind (DESIGN.md "Points"); recordActivity stores them with each activity. */
export const POINTS: Record<ActivityKind, number> = {
  post: 3,
  reply: 2,
  reaction: 1,
  story: 5,
  idea: 4,
  prompt_answer: 2,
};

/** At most this many points count per member per day, so spamming does not buy a score. */
export const DAILY_CAP = 15;

/** A day's points weigh half as much after this many days. */
export const HALF_LIFE_DAYS = 14;

/**
 * How far back callers should load daily rollups for a score: seven half-lives, after which a
 * full day weighs under 1% (15 × 0.5⁷ ≈ 0.12 points), too little to move a 0–100 score.
 */
export const SCORE_LOOKBACK_DAYS = HALF_LIFE_DAYS * 7;

/** A day's points after the daily cap. Negative totals (a retraction gone wrong) count as 0. */
export function cappedPoints(points: number): number {
  return Math.min(DAILY_CAP, Math.max(0, points));
}

/** Weight of a day `age` days before today: 0.5^(age / half-life). */
export function decayWeight(age: number): number {
  return 0.5 ** (age / HALF_LIFE_DAYS);
}

/** Sums entries that share a day, then drops days after `today`: the cap applies to the whole day. */
function pointsByDay(days: readonly { day: string; points: number }[], today: string): Map<string, number> {
  const byDay = new Map<string, number>();
  for (const d of days) {
    if (daysBetween(d.day, today) < 0) continue;
    byDay.set(d.day, (byDay.get(d.day) ?? 0) + d.points);
  }
  return byDay;
}

/**
 * A member's raw participation score on `today`:
 * Σ min(15, points_d) × 0.5^((today − d) / 14) over their days d ≤ today.
 * Days after today (a clock ahead of ours) are ignored.
 */
export function decayedScore(days: readonly { day: string; points: number }[], today: string): number {
  let raw = 0;
  for (const [day, points] of pointsByDay(days, today))
    raw += cappedPoints(points) * decayWeight(daysBetween(day, today));
  return raw;
}

/**
 * Nearest-rank 90th percentile of the positive values (0 when there are none): sort ascending,
 * take the ⌈0.9·n⌉-th. Zeros are left out on purpose: early in a rollout most members have never
 * posted, so a percentile over everyone would be 0 (or tiny) and every single post would score 100.
 * Scaling against the people who take part keeps the score meaningful from the first week on.
 */
export function percentile90(values: readonly number[]): number {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (positive.length === 0) return 0;
  const rank = Math.ceil(0.9 * positive.length);
  return positive[rank - 1] ?? 0;
}

export interface ScoreDay {
  day: string;
  /** Points earned that day before the cap. */
  points: number;
  /** Points that count (after the daily cap). */
  capped: number;
  /** Decay weight 0.5^(age/14). */
  weight: number;
}

/** A member's score with its parts, as `/hiroba stats @user` and the App Home explain it. */
export interface ScoreBreakdown {
  /** 0–100 integer: min(100, round(100 × raw / p90)); 0 when p90 is 0. */
  score: number;
  /** Decayed sum of capped daily points. */
  raw: number;
  /** The workspace's 90th percentile of raw scores (positive ones). */
  p90: number;
  /** Days with points, up to today. */
  daysCounted: number;
  /** Days on which the daily cap cut points. */
  cappedDays: number;
  /** Capped points of the 14 days ending today (today and the 13 days before it). */
  last14Days: number;
  /** Days with points, most recent first, at most 28. */
  byDay: ScoreDay[];
}

const BY_DAY_LIMIT = 28;
/** Window of `last14Days`: today and the 13 days before it. */
const RECENT_DAYS = 14;

/**
 * Scores every member in `memberIds` on `today` and explains each score. The scale (p90) is taken
 * over exactly these members, so pass the workspace's eligible members even when one score is
 * wanted. Rollups of other members are ignored. Called by the stats command, the App Home and
 * the digest.
 */
export function scoreMembers(
  memberIds: readonly number[],
  daily: readonly DailyPoints[],
  today: string,
): Map<number, ScoreBreakdown> {
  const wanted = new Set(memberIds);
  const perMember = new Map<number, { day: string; points: number }[]>();
  for (const d of daily) {
    if (!wanted.has(d.memberId)) continue;
    const list = perMember.get(d.memberId) ?? [];
    list.push({ day: d.day, points: d.points });
    perMember.set(d.memberId, list);
  }

  const raws = new Map<number, number>();
  for (const id of wanted) raws.set(id, decayedScore(perMember.get(id) ?? [], today));
  const p90 = percentile90([...raws.values()]);

  const out = new Map<number, ScoreBreakdown>();
  for (const id of wanted) out.set(id, scoreBreakdown(perMember.get(id) ?? [], today, p90, raws.get(id) ?? 0));
  return out;
}

/**
 * One member's score against a scale `p90` kept for the day (`scoreMembers` takes the scale from
 * everyone; a member's own view reads only their own rollups and the kept scale). `raw` may be given
 * when already computed with `decayedScore` on the same days.
 */
export function scoreBreakdown(
  memberDays: readonly { day: string; points: number }[],
  today: string,
  p90: number,
  raw: number = decayedScore(memberDays, today),
): ScoreBreakdown {
  const days = [...pointsByDay(memberDays, today)]
    .filter(([, points]) => points > 0)
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0));
  let cappedDays = 0;
  let last14Days = 0;
  for (const [day, points] of days) {
    if (points > DAILY_CAP) cappedDays++;
    if (daysBetween(day, today) < RECENT_DAYS) last14Days += cappedPoints(points);
  }
  return {
    score: p90 > 0 ? Math.min(100, Math.round((100 * raw) / p90)) : 0,
    raw,
    p90,
    daysCounted: days.length,
    cappedDays,
    last14Days,
    byDay: days.slice(0, BY_DAY_LIMIT).map(([day, points]) => ({
      day,
      points,
      capped: cappedPoints(points),
      weight: decayWeight(daysBetween(day, today)),
    })),
  };
}

/** Estimates closer than this (relative) to the percentile's are recomputed exactly before ranking. */
const ESTIMATE_MARGIN = 1e-9;

/**
 * `percentile90` of exact raw scores, from estimates that differ from them only by float rounding
 * (relative error far below `ESTIMATE_MARGIN`): scores clearly above or below the percentile keep
 * their side whatever their last bits, so only the estimates within the margin of the percentile's
 * are recomputed with `exact` (a handful of members) and ranked among themselves.
 */
export function percentile90Refined(estimates: readonly [number, number][], exact: (id: number) => number): number {
  const window = refineWindow(estimates);
  if (window === null) return 0;
  const refined = window.ids.map((id) => exact(id)).sort((a, b) => a - b);
  return refined[window.rank - 1 - window.lo] ?? 0;
}

/**
 * The ids whose exact scores `percentile90Refined` asks for, in the order it asks: a caller whose
 * exact scores come from the store reads these first, then ranks with what it read.
 */
export function percentile90RefineIds(estimates: readonly [number, number][]): number[] {
  return refineWindow(estimates)?.ids ?? [];
}

/** The estimates within the margin of the percentile's, and where they sit among the positive ones. */
function refineWindow(estimates: readonly [number, number][]): { ids: number[]; rank: number; lo: number } | null {
  const positive = estimates.filter(([, v]) => v > 0).sort(([, a], [, b]) => a - b);
  if (positive.length === 0) return null;
  const rank = Math.ceil(0.9 * positive.length);
  const near = positive[rank - 1]?.[1] ?? 0;
  const margin = near * ESTIMATE_MARGIN;
  const lo = positive.findIndex(([, v]) => v >= near - margin);
  let hi = rank - 1;
  while (hi + 1 < positive.length && (positive[hi + 1]?.[1] ?? 0) <= near + margin) hi++;
  return { ids: positive.slice(lo, hi + 1).map(([id]) => id), rank, lo };
}
