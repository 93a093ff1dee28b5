import type { ActivityKind } from '../types.js';

/**
 * The team figures the digest and the manager report show. A structural subset of the core's
 * `TeamMetrics`, so the callers pass those as they are and the builders stay free of how they
 * are computed.
 */
export interface MetricsView {
  members: number;
  contributors: number;
  /** contributors / members, 0–1. */
  participationRate: number;
  /** Share of members with any activity (reactions included), 0–1. */
  reach: number;
  posts: number;
  posters: number;
  /** Share of posts written by the top 10% of posters, 0–1. */
  top10Share: number;
  crossDepartment: { interactions: number; crossing: number; ratio: number };
  executives: { total: number; active: number; rate: number };
  /** Member ids whose first contribution falls in the week. */
  newContributors: readonly number[];
}

/** One week of the participation trend; the week is an ISO week label (`2026-W48`). */
export interface TrendPointView {
  week: string;
  participationRate: number;
}

/** A member's score with the parts the App Home explains (a subset of the core's `ScoreBreakdown`). */
export interface ScoreView {
  /** 0–100. */
  score: number;
  /** Decayed sum of capped daily points. */
  raw: number;
  /** The workspace's 90th percentile of raw scores: the level that scores 100. */
  p90: number;
  /** Capped points of the last 14 days. */
  last14Days: number;
  /** Days on which the daily cap cut points. */
  cappedDays: number;
}

/** The scoring rules as the App Home explains them; defaults come from the core's scoring module. */
export interface ScoringRulesView {
  points: Readonly<Record<ActivityKind, number>>;
  dailyCap: number;
  halfLifeDays: number;
}

/** Groups smaller than this get no metric in a manager report (DESIGN.md "Privacy"). */
export const MIN_REPORT_GROUP = 5;
