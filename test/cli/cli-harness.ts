import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/io.js';

/** A CliIo that records what a command printed. */
export interface RecordingIo extends CliIo {
  stdout: string[];
  stderr: string[];
}

export function recordingIo(env: NodeJS.ProcessEnv = {}): RecordingIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, env, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

/** A fresh temporary directory and its cleanup. */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'hiroba-cli-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
