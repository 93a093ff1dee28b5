import type { JobDefinition } from '../../src/scheduler/job-runner.js';

/**
 * Jobs for the job-thread tests, loaded by the thread as its `jobsModule`: `digest` computes for
 * the milliseconds in the workspace's digest channel name (`busy:1500`) then posts one row, as a
 * weekly job at a large company keeps its thread busy; `nudges` fails as a locked database does;
 * `idea-call` fails as a bug does.
 */
export const threadJobs: readonly JobDefinition[] = [
  {
    name: 'digest',
    build({ workspace, period }) {
      const channel = workspace.settings.digestChannel ?? 'busy:0';
      const ms = Number(channel.split(':')[1] ?? 0);
      const until = Date.now() + ms;
      let spins = 0;
      while (Date.now() < until) spins += 1;
      return {
        rows: [
          {
            recipient: { kind: 'channel', id: channel },
            message: {
              kind: 'test',
              blocks: [{ type: 'text', text: `digest ${period}` }],
              fallback: `digest ${period}`,
            },
          },
        ],
        detail: `busy ${ms} ms (${spins > 0 ? 'spun' : 'no spin'})`,
      };
    },
  },
  {
    name: 'nudges',
    build() {
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    },
  },
  {
    name: 'idea-call',
    build() {
      throw new TypeError('a bug in the idea call');
    },
  },
];
