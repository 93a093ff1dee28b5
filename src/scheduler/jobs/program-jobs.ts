import type { ChatPlatform, HirobaCore, NudgeState } from '../../core/ports.js';
import { ideaCall, nudge, purposeReminder, storyPrompt } from '../../core/programs/index.js';
import { promptRefusal } from '../../core/service/caps.js';
import { inStorySlice, isNudgeCandidate, nextNudge } from '../../core/service/nudges.js';
import { buildDigest, buildManagerReport, localeOf } from '../../core/service/reports.js';
import { audience, loadSnapshot } from '../../core/service/snapshot.js';
import { isoWeekOf } from '../../core/time.js';
import { type Platform, snsChannel } from '../../core/types.js';
import type { JobBuild, JobContext, JobDefinition, JobRow } from '../job-runner.js';

function nothing(detail: string): JobBuild {
  return { rows: [], detail };
}

/** Weekly channel digest (Friday 16:00 by default) to the digest channel. */
export const digestJob: JobDefinition = {
  name: 'digest',
  build({ workspace, now, repos }: JobContext): JobBuild {
    const channel = workspace.settings.digestChannel;
    if (!channel) return nothing('no digest channel set');
    const message = buildDigest(repos, loadSnapshot(repos, workspace, now), workspace.settings.locale);
    return { rows: [{ recipient: { kind: 'channel', id: channel }, message }], detail: 'digest' };
  },
};

/** Monthly purpose reminder (purpose and posting rules) in the SNS channel. */
export const purposeReminderJob: JobDefinition = {
  name: 'purpose-reminder',
  build({ workspace }: JobContext): JobBuild {
    const channel = snsChannel(workspace.settings);
    if (!channel) return nothing('no SNS channel set');
    if (!workspace.settings.purpose) return nothing('no purpose set');
    const { locale, purpose, rules } = workspace.settings;
    return {
      rows: [{ recipient: { kind: 'channel', id: channel }, message: purposeReminder({ locale, purpose, rules }) }],
    };
  },
};

/** Monthly call for ideas: a DM with the idea form to the audience, within the weekly prompt cap. */
export const ideaCallJob: JobDefinition = {
  name: 'idea-call',
  build({ workspace, now, repos }: JobContext): JobBuild {
    const snapshot = loadSnapshot(repos, workspace, now);
    const rows: JobRow[] = [];
    let skipped = 0;
    for (const member of audience(snapshot)) {
      if (member.platformId === null || promptRefusal(repos, workspace, member, now)) {
        skipped += 1;
        continue;
      }
      const message = ideaCall({ locale: localeOf(member, workspace), memberName: member.name });
      rows.push({ recipient: { kind: 'member', id: member.platformId }, message });
    }
    return { rows, detail: `${rows.length} idea call(s); ${skipped} skipped (cap, opt-out or unreachable)` };
  },
};

/**
 * Weekly story prompts to this week's slice of the audience (everyone about once a quarter), within
 * the weekly prompt cap and never to those who opted out or cannot be reached.
 */
export const storyPromptsJob: JobDefinition = {
  name: 'story-prompts',
  build({ workspace, now, repos }: JobContext): JobBuild {
    const snapshot = loadSnapshot(repos, workspace, now);
    const week = isoWeekOf(now, workspace.settings.timezone);
    const rows: JobRow[] = [];
    let capped = 0;
    for (const member of audience(snapshot)) {
      if (!inStorySlice(member, week) || member.platformId === null) continue;
      if (promptRefusal(repos, workspace, member, now)) {
        capped += 1;
        continue;
      }
      const locale = localeOf(member, workspace);
      rows.push({
        recipient: { kind: 'member', id: member.platformId },
        message: storyPrompt({ locale, memberName: member.name }),
      });
    }
    return { rows, detail: `${rows.length} prompt(s); ${capped} skipped (cap, opt-out or unreachable)` };
  },
};

/** Monday report to every manager in the audience about their reports (privacy rules in the program). */
export const managerReportsJob: JobDefinition = {
  name: 'manager-reports',
  build({ workspace, now, repos }: JobContext): JobBuild {
    const snapshot = loadSnapshot(repos, workspace, now);
    const managers = new Set(snapshot.eligible.map((m) => m.managerId).filter((id): id is number => id !== null));
    const rows: JobRow[] = [];
    for (const manager of audience(snapshot)) {
      if (!managers.has(manager.id) || manager.platformId === null) continue;
      const message = buildManagerReport(repos, snapshot, manager, localeOf(manager, workspace));
      rows.push({ recipient: { kind: 'member', id: manager.platformId }, message });
    }
    return { rows, detail: `${rows.length} report(s)` };
  },
};

/**
 * The nudge ladder for inactive members in the audience: at most one step per 14 days, 90 days of
 * rest after three unanswered steps, within the weekly prompt cap. Nudge states change only when
 * the run commits. Nobody else is told who was nudged or who did not answer.
 */
export const nudgesJob: JobDefinition = {
  name: 'nudges',
  build({ workspace, now, repos }: JobContext): JobBuild {
    const snapshot = loadSnapshot(repos, workspace, now);
    const lastActivity = repos.activities.lastActivity(workspace.id);
    const rows: JobRow[] = [];
    const updates: NudgeState[] = [];
    let waiting = 0;
    for (const member of audience(snapshot)) {
      if (!isNudgeCandidate(snapshot.states.get(member.id)) || member.platformId === null) continue;
      if (promptRefusal(repos, workspace, member, now)) continue;
      const decision = nextNudge(repos.nudges.get(member.id), lastActivity.get(member.id) ?? null, now);
      if (decision.next) updates.push(decision.next);
      if (decision.action !== 'send') {
        waiting += 1;
        continue;
      }
      const locale = localeOf(member, workspace);
      rows.push({
        recipient: { kind: 'member', id: member.platformId },
        message: nudge({ locale, step: decision.step, memberName: member.name }),
      });
    }
    return {
      rows,
      detail: `${rows.length} nudge(s); ${waiting} waiting or resting`,
      commit: () => {
        for (const state of updates) repos.nudges.save(state);
      },
    };
  },
};

/** Daily directory sync from each platform (names, emails, deactivations; bots excluded). */
export function directorySyncJob(deps: {
  core: HirobaCore;
  platforms: Partial<Record<Platform, ChatPlatform>>;
}): JobDefinition {
  return {
    name: 'directory-sync',
    async build({ workspace }: JobContext): Promise<JobBuild> {
      const platform = deps.platforms[workspace.platform];
      if (!platform) return nothing(`no ${workspace.platform} adapter running`);
      const entries = await platform.listMembers(workspace);
      return {
        rows: [],
        detail: `${entries.length} directory entries`,
        commit: () => {
          deps.core.syncDirectory(workspace.id, entries);
        },
      };
    },
  };
}

/** Every program job; main.ts adds directory-sync (it needs the adapters) and retention. */
export const PROGRAM_JOBS: readonly JobDefinition[] = [
  purposeReminderJob,
  storyPromptsJob,
  ideaCallJob,
  digestJob,
  managerReportsJob,
  nudgesJob,
];
