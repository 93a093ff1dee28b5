import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Task, TaskInput, TaskOutput } from './task-child.js';

const CHILD = fileURLToPath(new URL('./task-child.ts', import.meta.url));

export type TaskResult =
  | ({ ok: true } & TaskOutput)
  | {
      ok: false;
      reason: string;
      ms: number /** RSS high-water when it was stopped (Linux), if known. */;
      peakKb?: number;
    };

/** The RSS high-water of a running process (Linux `VmHWM`), or undefined elsewhere. */
function peakOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmHWM:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs one task in a fresh Node process (tsx loader) and reads its JSON line. A task that runs past
 * `timeoutMs` is killed (its own process only) and reported as such, so one slow job cannot hold
 * the whole benchmark.
 */
export async function runTask(db: string, task: Task, input: TaskInput, timeoutMs: number): Promise<TaskResult> {
  const [result] = await runTasks(db, [task], input, timeoutMs);
  return result ?? { ok: false, reason: 'failed: no result', ms: 0 };
}

/**
 * Runs tasks one after another in one fresh Node process (the quick run: its start-up paid once)
 * and reads one JSON line per task; each task's peak memory is then the process's so far. When the
 * process fails or is killed, the tasks without a line share its reason.
 */
export function runTasks(
  db: string,
  tasks: readonly Task[],
  input: TaskInput,
  timeoutMs: number,
): Promise<TaskResult[]> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, tasks.join(','), JSON.stringify(input)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    let timedOut = false;
    let peakKb: number | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      peakKb = peakOf(child.pid);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      const done: TaskResult[] = [];
      for (const line of stdout.split('\n').filter((l) => l.trim().startsWith('{'))) {
        try {
          done.push({ ok: true, ...(JSON.parse(line) as TaskOutput) });
        } catch {
          break;
        }
      }
      let failure: TaskResult | null = null;
      if (timedOut) {
        const peak = peakKb === undefined ? '' : `, ${(peakKb / 1024).toFixed(0)} MB by then`;
        failure = { ok: false, reason: `killed after ${(timeoutMs / 1000).toFixed(0)} s${peak}`, ms, peakKb };
      } else if (code !== 0 || done.length < tasks.length) {
        const why = stderr.trim().split('\n').slice(-3).join(' | ') || `exit ${code}`;
        failure = { ok: false, reason: `failed: ${why}`, ms };
      }
      resolve(tasks.map((_, i) => done[i] ?? failure ?? { ok: false, reason: 'failed: no result', ms }));
    });
  });
}
