import type { JobDefinition } from '../../src/scheduler/job-runner.js';
import { threadJobs as realJobs } from '../../src/scheduler/thread-jobs.js';

/**
 * The job thread's jobs for tests, loaded by the thread as its `jobsModule`: the real ones, except
 * `digest`, which does what the workspace's digest channel says: `busy:1500` computes for 1.5 s then
 * posts one row (a weekly job at a large company keeps its thread busy like this), `commit:1500`
 * holds the write lock for 1.5 s in its commit, `locked` fails
 * as a locked database does, `bug` fails as a bug does.
 */
function spin(ms: number): number {
  const until = Date.now() + ms;
  let spins = 0;
  while (Date.now() < until) spins += 1;
  return spins;
}

const digest: JobDefinition = {
  name: 'digest',
  build({ workspace, period }) {
    const channel = workspace.settings.digestChannel ?? 'busy:0';
    if (channel === 'locked') throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    if (channel === 'bug') throw new TypeError('a bug in the digest');
    if (channel.startsWith('commit:')) {
      const ms = Number(channel.split(':')[1]);
      return {
        rows: [],
        detail: `commit ${ms} ms`,
        commit: async () => {
          spin(ms);
        },
      };
    }
    const ms = Number(channel.split(':')[1] ?? 0);
    const spins = spin(ms);
    const text = `digest ${period}`;
    return {
      rows: [
        {
          recipient: { kind: 'channel', id: channel },
          message: { kind: 'test', blocks: [{ type: 'text', text }], fallback: text },
        },
      ],
      detail: `busy ${ms} ms (${spins > 0 ? 'spun' : 'no spin'})`,
    };
  },
};

export const threadJobs: readonly JobDefinition[] = [digest, ...realJobs.filter((job) => job.name !== 'digest')];
