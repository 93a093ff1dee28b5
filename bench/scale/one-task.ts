import { existsSync } from 'node:fs';
import { companyFile, defaultCacheDir, planOf, SCALE_EVENTS_PER_MEMBER_WEEK } from './company-db.js';
import { runTask } from './run-task.js';
import { inputFor } from './scale-suite.js';
import { TASKS, type Task } from './task-child.js';

/**
 * Times one task on a company already in the cache, without the rest of the scale section:
 * `node --import tsx bench/scale/one-task.ts <task> [members] [days] [seed]` (defaults 100000, 90,
 * 20261120). It never builds a company: a missing file is an error naming it.
 */
async function main(): Promise<void> {
  const [task, members = '100000', days = '90', seed = '20261120'] = process.argv.slice(2);
  if (!task || !(TASKS as readonly string[]).includes(task))
    throw new Error(`usage: one-task.ts <${TASKS.join('|')}> [members] [days] [seed]`);
  const spec = {
    members: Number(members),
    days: Number(days),
    seed: Number(seed),
    eventsPerMemberWeek: SCALE_EVENTS_PER_MEMBER_WEEK,
  };
  const path = companyFile(defaultCacheDir(), spec);
  if (!existsSync(path)) throw new Error(`bench: no cached company at ${path}; run npm run bench first`);
  const { input } = inputFor(planOf(spec), path);
  const result = await runTask(path, task as Task, input, 900_000);
  const { samples: _samples, ...shown } = result.ok ? result : { ...result, samples: undefined };
  process.stdout.write(`${JSON.stringify({ task, members: spec.members, ...shown })}\n`);
}

await main();
