import { t } from '../i18n/index.js';
import type { Message } from '../message.js';
import type { NudgeState, Recipient, Repositories } from '../ports.js';
import { ideaCall, nudge, purposeReminder, storyPrompt } from '../programs/index.js';
import { isNeverNudged, messageRefusal } from '../reach.js';
import { isoWeekOf, isoWeekRange, shiftWeek } from '../time.js';
import { type JobName, type Member, snsChannel, type Workspace } from '../types.js';
import { localeOf } from './locale.js';
import { inStorySlice, isNudgeCandidate, nextNudge } from './nudges.js';
import { buildDigest, buildLeaderStories, buildManagerReport, recentStories, storyViews } from './reports.js';
import { audience, loadSnapshot, type Snapshot } from './snapshot.js';

/** One message a program wants sent; the scheduler's job runner keys it and waits out quiet hours. */
export interface ProgramRow {
  recipient: Recipient;
  message: Message;
}

/** What a program job builds for one run: messages, a line for the ledger, and state to save on commit. */
export interface ProgramBuild {
  rows: ProgramRow[];
  detail: string;
  /** Runs in the same transaction as the ledger entry and the outbox rows, only when they commit. */
  commit?: () => Promise<void>;
}

export interface ProgramContext {
  workspace: Workspace;
  now: Date;
  repos: Repositories;
}

/**
 * A program job as the core defines it: what to send now, read from the store and changing nothing
 * until `commit`. The scheduler decides when each runs (cron, ledger, catch-up); the core decides
 * what and to whom, through the one rule of `reach.ts`.
 */
export interface ProgramJob {
  name: JobName;
  build(ctx: ProgramContext): Promise<ProgramBuild>;
}

function dmTo(platformId: string | null): Recipient | null {
  return platformId === null ? null : { kind: 'member', id: platformId };
}

/** Weekly channel digest to the digest channel, and the leaders' DM with the week's stories. */
const digest: ProgramJob = {
  name: 'digest',
  async build({ workspace, now, repos }) {
    const channel = workspace.settings.digestChannel;
    const snapshot = await loadSnapshot(repos, workspace, now);
    const rows: ProgramRow[] = [];
    if (channel)
      rows.push({
        recipient: { kind: 'channel', id: channel },
        message: await buildDigest(repos, snapshot, workspace.settings.locale),
      });
    const stories = await recentStories(repos, snapshot);
    let leaders = 0;
    for (const member of audience(snapshot)) {
      if (!member.isExecutive || (await messageRefusal(repos, workspace, member, now, 'notice')) !== null) continue;
      if (member.includedAt === null) continue;
      const message = buildLeaderStories(snapshot, stories, member);
      const to = dmTo(member.platformId);
      if (message === null || to === null) continue;
      rows.push({ recipient: to, message });
      leaders += 1;
    }
    const l = workspace.settings.locale;
    const what = t(l, channel ? 'programs.job.digest' : 'programs.job.noDigestChannel');
    return { rows, detail: leaders > 0 ? t(l, 'programs.job.withLeaders', { what, count: leaders }) : what };
  },
};

/** Monthly purpose reminder (purpose and posting rules) in the SNS channel. */
const purposeReminderJob: ProgramJob = {
  name: 'purpose-reminder',
  async build({ workspace }) {
    const channel = snsChannel(workspace.settings);
    const l = workspace.settings.locale;
    if (!channel) return { rows: [], detail: t(l, 'programs.job.noSnsChannel') };
    if (!workspace.settings.purpose) return { rows: [], detail: t(l, 'programs.job.noPurpose') };
    const { locale, purpose, rules } = workspace.settings;
    return {
      rows: [{ recipient: { kind: 'channel', id: channel }, message: purposeReminder({ locale, purpose, rules }) }],
      detail: t(l, 'programs.job.reminder'),
    };
  },
};

/**
 * Whether a prompt (story or idea) may not go to this member now: the reach rules, with their last
 * contribution read from the run's snapshot instead of once more from the store.
 */
async function promptRefusedFor(
  repos: Repositories,
  workspace: Workspace,
  snapshot: Snapshot,
  member: Member,
  now: Date,
): Promise<boolean> {
  return (
    (await messageRefusal(repos, workspace, member, now, 'prompt', snapshot.bounds.get(member.id)?.last ?? null)) !==
    null
  );
}

/** Monthly call for ideas: a DM with the idea form to the audience, within the one messaging rule. */
const ideaCallJob: ProgramJob = {
  name: 'idea-call',
  async build({ workspace, now, repos }) {
    const snapshot = await loadSnapshot(repos, workspace, now);
    const rows: ProgramRow[] = [];
    let skipped = 0;
    for (const member of audience(snapshot)) {
      const to = dmTo(member.platformId);
      if (to === null || (await promptRefusedFor(repos, workspace, snapshot, member, now))) {
        skipped += 1;
        continue;
      }
      rows.push({ recipient: to, message: ideaCall({ locale: localeOf(member, workspace), memberName: member.name }) });
    }
    return {
      rows,
      detail: t(workspace.settings.locale, 'programs.job.ideaCalls', { count: rows.length, skipped }),
    };
  },
};

/** Weekly story prompts to this week's slice of the audience (everyone about once a quarter). */
const storyPromptsJob: ProgramJob = {
  name: 'story-prompts',
  async build({ workspace, now, repos }) {
    const snapshot = await loadSnapshot(repos, workspace, now);
    const week = isoWeekOf(now, workspace.settings.timezone);
    const rows: ProgramRow[] = [];
    let skipped = 0;
    for (const member of audience(snapshot)) {
      const to = dmTo(member.platformId);
      if (!inStorySlice(member, week) || to === null) continue;
      if (await promptRefusedFor(repos, workspace, snapshot, member, now)) {
        skipped += 1;
        continue;
      }
      rows.push({
        recipient: to,
        message: storyPrompt({ locale: localeOf(member, workspace), memberName: member.name }),
      });
    }
    return { rows, detail: t(workspace.settings.locale, 'programs.job.prompts', { count: rows.length, skipped }) };
  },
};

/** Monday report to every manager in the audience about their reports (privacy rules in the program). */
const managerReportsJob: ProgramJob = {
  name: 'manager-reports',
  async build({ workspace, now, repos }) {
    const snapshot = await loadSnapshot(repos, workspace, now);
    const managers = new Set(snapshot.eligible.map((m) => m.managerId).filter((id): id is number => id !== null));
    const tz = workspace.settings.timezone;
    const reportedEnd = isoWeekRange(shiftWeek(isoWeekOf(now, tz), -1), tz).to.toISOString();
    const rows: ProgramRow[] = [];
    for (const manager of audience(snapshot)) {
      const to = dmTo(manager.platformId);
      // A report covers last week: a manager the rollout reached only after it has nothing to read yet.
      if (!managers.has(manager.id) || to === null || manager.includedAt === null || manager.includedAt >= reportedEnd)
        continue;
      if ((await messageRefusal(repos, workspace, manager, now, 'notice')) !== null) continue;
      rows.push({
        recipient: to,
        message: await buildManagerReport(repos, snapshot, manager, localeOf(manager, workspace)),
      });
    }
    return { rows, detail: t(workspace.settings.locale, 'programs.job.reports', { count: rows.length }) };
  },
};

/**
 * The nudge ladder for quiet members in the audience (never executives or ops), within the one
 * messaging rule. Nudge states change only when the run commits. Nobody else is told who was nudged.
 */
const nudgesJob: ProgramJob = {
  name: 'nudges',
  async build({ workspace, now, repos }) {
    const snapshot = await loadSnapshot(repos, workspace, now);
    const lastActivity = await repos.activities.lastActivity(workspace.id);
    const stories = storyViews([
      ...(await recentStories(repos, snapshot, 1)),
      ...(await recentStories(repos, snapshot)),
    ]);
    const rows: ProgramRow[] = [];
    const updates: NudgeState[] = [];
    let waiting = 0;
    for (const member of audience(snapshot)) {
      const to = dmTo(member.platformId);
      if (!isNudgeCandidate(snapshot.states.get(member.id)) || to === null || isNeverNudged(member)) continue;
      const state = await repos.nudges.get(member.id);
      const decision = nextNudge(
        state,
        {
          lastActivity: lastActivity.get(member.id) ?? null,
          lastContribution: snapshot.bounds.get(member.id)?.last ?? null,
        },
        now,
      );
      // The rest (and the cap) are read by the one rule; a decision to wait still saves a reset ladder.
      if (decision.action !== 'send') {
        if (decision.next) updates.push(decision.next);
        waiting += 1;
        continue;
      }
      if ((await messageRefusal(repos, workspace, member, now, 'nudge')) !== null) continue;
      updates.push(decision.next);
      const mine = stories.filter((s) => s.authorName !== member.name).slice(-3);
      rows.push({
        recipient: to,
        message: nudge({
          locale: localeOf(member, workspace),
          step: decision.step,
          memberName: member.name,
          stories: mine,
        }),
      });
    }
    return {
      rows,
      detail: t(workspace.settings.locale, 'programs.job.nudges', { count: rows.length, waiting }),
      commit: async () => {
        for (const s of updates) await repos.nudges.save(s);
      },
    };
  },
};

/** Every program job the core defines, in the order a day runs them. */
export const PROGRAM_JOB_LIST: readonly ProgramJob[] = [
  purposeReminderJob,
  storyPromptsJob,
  ideaCallJob,
  digest,
  managerReportsJob,
  nudgesJob,
];
