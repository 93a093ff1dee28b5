import { type ChildProcess, spawn } from 'node:child_process';

/**
 * Hiroba as a person runs it: a child process in its own process group (so a failed test can kill
 * `npm`, `tsx` and node together), its output kept line by line, and waits that poll instead of sleeping.
 */
export interface HirobaProcess {
  child: ChildProcess;
  port: number;
  /** Everything written to stderr (Hiroba logs there), line by line. */
  stderr: string[];
  stdout: string[];
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Waits until a stderr line matches. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGTERM to the process Hiroba's user would signal (npm, or node), then its exit code. */
  terminate(): Promise<number | null>;
  /** Kills the whole process group (cleanup after a failure). */
  kill(): void;
}

export function spawnHiroba(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, port: number) {
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, PORT: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  const stdout: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const collect = (into: string[], check: boolean) => {
    let rest = '';
    return (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        into.push(line);
        if (!check) continue;
        // With PORT=0 the system picks a free port; the running line says which (no race with other tests).
        const port = runningPort(line);
        if (port !== null) handle.port = port;
        for (const waiter of waiters.splice(0)) {
          if (waiter.pattern.test(line)) waiter.resolve(line);
          else waiters.push(waiter);
        }
      }
    };
  };
  child.stderr?.on('data', collect(stderr, true));
  child.stdout?.on('data', collect(stdout, false));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const handle: HirobaProcess = {
    child,
    port,
    stderr,
    stdout,
    exited,
    waitForLine(pattern, timeoutMs = 30_000) {
      const seen = stderr.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no stderr line matched ${pattern} in ${timeoutMs} ms:\n${stderr.join('\n')}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`Hiroba exited before a line matched ${pattern}:\n${stderr.join('\n')}`));
        });
      });
    },
    async terminate() {
      child.kill('SIGTERM');
      return exited;
    },
    kill() {
      if (child.exitCode !== null || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
  return handle;
}

/** Polls `check` until it returns a value other than undefined (a wait, not a timed assertion). */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The port in the JSON log line `{"level":"info",…,"port":N,…,"msg":"Hiroba is running"}`; null for other lines. */
export function runningPort(line: string): number | null {
  if (!line.includes('"msg":"Hiroba is running"')) return null;
  try {
    const entry = JSON.parse(line) as { port?: unknown };
    return typeof entry.port === 'number' ? entry.port : null;
  } catch {
    return null;
  }
}
