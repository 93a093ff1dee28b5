import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/core/ports.js';
import { createLogger } from '../../src/logger.js';
import { main, NO_CREDENTIALS_LINE, type Running, startHiroba } from '../../src/main.js';
import { recordingIo, tempDir } from './cli-harness.js';

const clock: Clock = { now: () => new Date('2026-03-13T07:00:00.000Z') };

describe('hiroba start (the composition root)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('exits 1 with exactly one line pointing to the demo when no platform is configured', async () => {
    const io = recordingIo({});
    expect(await runCli(['start'], io)).toBe(1);
    expect(io.stderr).toEqual([NO_CREDENTIALS_LINE]);
    expect(NO_CREDENTIALS_LINE).toBe(
      'No Slack or Teams credentials found (set SLACK_BOT_TOKEN+SLACK_SIGNING_SECRET or MicrosoftAppId/TEAMS_ENABLED); to see Hiroba work without them, run: npm run demo',
    );
  });

  it('prints every configuration problem, one per line, and exits 1', async () => {
    const io = recordingIo({ PORT: 'eighty', SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(await runCli(['start'], io)).toBe(1);
    expect(io.stderr).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "eighty")',
      'SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set (Slack app settings → Basic Information → Signing Secret)',
    ]);
  });

  it('exits 1 with one line when the database cannot be opened', async () => {
    const temp = tempDir();
    cleanups.push(temp.cleanup);
    const io = recordingIo();
    // The database path is a directory.
    const result = await main(
      { TEAMS_ENABLED: 'true', HOST: '127.0.0.1', HIROBA_DB: temp.dir, PORT: '0' },
      { io, handleSignals: false },
    );
    expect(result).toEqual({ ok: false, exitCode: 1 });
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]?.startsWith('Hiroba could not start: ')).toBe(true);
  });

  it('wires store, core, Teams adapter, scheduler and outbox on one server with /healthz, and stops cleanly', async () => {
    const temp = tempDir();
    cleanups.push(temp.cleanup);
    const db = join(temp.dir, 'data', 'hiroba.db');
    const loaded = loadConfig({
      TEAMS_ENABLED: 'true',
      HOST: '127.0.0.1',
      HIROBA_DB: db,
      PORT: '0',
      HIROBA_LOG_LEVEL: 'error',
    });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const config: Config = loaded.config;
    const logLines: string[] = [];
    const running: Running = await startHiroba(config, {
      logger: createLogger('error', (line) => logLines.push(line)),
      clock,
      host: '127.0.0.1',
    });
    let stopped = false;
    cleanups.push(async () => {
      if (!stopped) await running.stop();
    });
    expect(existsSync(db)).toBe(true);

    const health = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'ok',
      db: 'ok',
      adapters: { slack: 'off', teams: 'on' },
      outbox: { pending: 0, oldestPendingAgeSeconds: null, possibleDuplicates: 0, unrecorded: 0 },
      events: { held: 0 },
      scheduler: { leader: true },
      jobs: {},
    });

    // The Teams route is mounted on the same server (Bot Framework POSTs JSON activities here).
    const teams = await fetch(`http://127.0.0.1:${running.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(teams.status).not.toBe(404);
    expect(await teams.text()).not.toMatch(/\n\s+at /u);
    // Slack is off: its route is not there.
    const slack = await fetch(`http://127.0.0.1:${running.port}/slack/events`, { method: 'POST' });
    expect(slack.status).toBe(404);

    await running.stop();
    stopped = true;
    await expect(fetch(`http://127.0.0.1:${running.port}/healthz`)).rejects.toThrow();
    expect(logLines.every((line) => !line.includes('    at '))).toBe(true);
  });
});
