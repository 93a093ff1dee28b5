import { t } from '../../core/i18n/index.js';
import {
  type ChatPlatform,
  type HirobaCore,
  type Platform,
  PROGRAM_JOB_LIST,
  type ProgramJob,
} from '../../core/index.js';
import type { JobBuild, JobContext, JobDefinition } from '../job-runner.js';

/** A core program job as the scheduler runs it: the core builds, the runner keys, waits and commits. */
function scheduled(job: ProgramJob): JobDefinition {
  return {
    name: job.name,
    build({ workspace, now, repos }: JobContext): Promise<JobBuild> {
      return job.build({ workspace, now, repos });
    },
  };
}

function byName(name: ProgramJob['name']): JobDefinition {
  const job = PROGRAM_JOB_LIST.find((j) => j.name === name);
  if (!job) throw new Error(`The core defines no program job "${name}"`);
  return scheduled(job);
}

export const digestJob = byName('digest');
export const purposeReminderJob = byName('purpose-reminder');
export const ideaCallJob = byName('idea-call');
export const storyPromptsJob = byName('story-prompts');
export const managerReportsJob = byName('manager-reports');
export const nudgesJob = byName('nudges');

/** Daily directory sync from each platform (names, emails, deactivations; bots excluded). */
export function directorySyncJob(deps: {
  core: HirobaCore;
  platforms: Partial<Record<Platform, ChatPlatform>>;
}): JobDefinition {
  return {
    name: 'directory-sync',
    async build({ workspace }: JobContext): Promise<JobBuild> {
      const platform = deps.platforms[workspace.platform];
      const l = workspace.settings.locale;
      if (!platform)
        return { rows: [], detail: t(l, 'scheduler.directorySync.noAdapter', { platform: workspace.platform }) };
      const entries = await platform.listMembers(workspace);
      return {
        rows: [],
        detail: t(l, 'scheduler.directorySync.entries', { count: entries.length }),
        commit: async () => {
          await deps.core.syncDirectory(workspace.id, entries);
        },
      };
    },
  };
}

/** Every program job; main.ts adds directory-sync (it needs the adapters) and retention. */
export const PROGRAM_JOBS: readonly JobDefinition[] = PROGRAM_JOB_LIST.map(scheduled);
