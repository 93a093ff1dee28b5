import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { defaultSettings } from '../../src/core/types.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { recordingIo, tempDir } from './cli-harness.js';

const HEADER = 'email,name,department,location,manager_email,executive';

describe('hiroba import-directory', () => {
  let dir: string;
  let db: string;
  let cleanup: () => void;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    db = join(dir, 'hiroba.db');
  });
  afterEach(() => cleanup());

  function addWorkspace(externalId: string, name: string): void {
    const store = openStore(db);
    store.repos.workspaces.create({
      platform: 'slack',
      externalId,
      name,
      settings: defaultSettings(),
      createdAt: '2026-03-01T00:00:00.000Z',
    });
    store.close();
  }

  function csv(name: string, lines: string[]): string {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  }

  function members(): Array<{ email: string | null; name: string; department: string | null; manager: string | null }> {
    const store = openStore(db);
    const [workspace] = store.repos.workspaces.list();
    const list = workspace === undefined ? [] : store.repos.members.list(workspace.id);
    const byId = new Map(list.map((member) => [member.id, member]));
    store.close();
    return list.map((member) => ({
      email: member.email,
      name: member.name,
      department: member.department,
      manager: member.managerId === null ? null : (byId.get(member.managerId)?.email ?? null),
    }));
  }

  it('keeps the valid rows, reports each bad row as "line N: reason", exit 0', async () => {
    addWorkspace('T0123', 'Example Co');
    const file = csv('org.csv', [
      HEADER,
      'hanako@example.co.jp,山田 花子,営業部,東京本社,,yes',
      'taro@example.co.jp,鈴木 太郎,営業部,大阪支社,hanako@example.co.jp,no',
      'not-an-email,佐藤,営業部,,,',
      'jiro@example.co.jp,,開発部,,,',
    ]);
    const io = recordingIo();
    expect(await runCli(['import-directory', file, '--db', db], io)).toBe(0);
    expect(io.stdout).toEqual([
      `${file} → Example Co (T0123): 2 created, 0 updated, 2 problem(s)`,
      'line 4: email "not-an-email" is not an email address.',
      'line 5: name is empty.',
    ]);
    expect(members()).toEqual([
      { email: 'hanako@example.co.jp', name: '山田 花子', department: '営業部', manager: null },
      { email: 'taro@example.co.jp', name: '鈴木 太郎', department: '営業部', manager: 'hanako@example.co.jp' },
    ]);
  });

  it('updates members in place on a re-import', async () => {
    addWorkspace('T0123', 'Example Co');
    const first = csv('first.csv', [HEADER, 'hanako@example.co.jp,山田 花子,営業部,東京本社,,no']);
    await runCli(['import-directory', first, '--db', db], recordingIo());
    const second = csv('second.csv', [HEADER, 'hanako@example.co.jp,山田 花子,マーケティング部,東京本社,,no']);
    const io = recordingIo();
    expect(await runCli(['import-directory', second, '--db', db, '--workspace', 'T0123'], io)).toBe(0);
    expect(io.stdout).toEqual([`${second} → Example Co (T0123): 0 created, 1 updated, 0 problem(s)`]);
    expect(members()).toEqual([
      { email: 'hanako@example.co.jp', name: '山田 花子', department: 'マーケティング部', manager: null },
    ]);
  });

  it('exits 2 when no row is valid', async () => {
    addWorkspace('T0123', 'Example Co');
    const file = csv('bad.csv', ['foo,bar', '1,2']);
    const io = recordingIo();
    expect(await runCli(['import-directory', file, '--db', db], io)).toBe(2);
    expect(io.stdout).toEqual([
      `${file} → Example Co (T0123): 0 created, 0 updated, 1 problem(s)`,
      'line 1: The header row is missing email, name. The first line must name the columns: email,name,department,location,manager_email,executive.',
    ]);
    expect(io.stderr).toEqual([
      'import-directory: no row could be imported; fix the lines above (header: email,name,department,location,manager_email,executive)',
    ]);
  });

  it('exits 2 when the file cannot be read', async () => {
    const io = recordingIo();
    expect(await runCli(['import-directory', join(dir, 'missing.csv'), '--db', db], io)).toBe(2);
    expect(io.stderr).toEqual([`import-directory: cannot read ${join(dir, 'missing.csv')}: no such file`]);
  });

  it('refuses a database path that does not exist instead of creating one', async () => {
    const file = csv('org.csv', [HEADER, 'hanako@example.co.jp,山田 花子,営業部,東京本社,,no']);
    const io = recordingIo();
    const typo = `${db}.typo`;
    expect(await runCli(['import-directory', file, '--db', typo], io)).toBe(1);
    expect(io.stderr[0]).toContain(`there is no database at ${typo}`);
    expect(existsSync(typo)).toBe(false);
  });

  it('exits 2 when the database has no workspace yet', async () => {
    const file = csv('org.csv', [HEADER, 'hanako@example.co.jp,山田 花子,営業部,東京本社,,no']);
    expect(await runCli(['migrate', '--db', db], recordingIo())).toBe(0);
    const io = recordingIo();
    expect(await runCli(['import-directory', file, '--db', db], io)).toBe(2);
    expect(io.stderr).toEqual([
      'import-directory: the database has no workspace yet: start Hiroba and install it in Slack or Teams first (or run `hiroba demo`)',
    ]);
  });

  it('asks for --workspace when there are several, and names an unknown one', async () => {
    addWorkspace('T0123', 'Example Co');
    addWorkspace('T0456', 'Other Co');
    const file = csv('org.csv', [HEADER, 'hanako@example.co.jp,山田 花子,営業部,東京本社,,no']);
    const several = recordingIo();
    expect(await runCli(['import-directory', file, '--db', db], several)).toBe(2);
    expect(several.stderr).toEqual([
      'import-directory: the database has 2 workspaces; choose one with --workspace: T0123 (slack, Example Co), T0456 (slack, Other Co)',
    ]);
    const unknown = recordingIo();
    expect(await runCli(['import-directory', file, '--db', db, '--workspace', 'T9'], unknown)).toBe(2);
    expect(unknown.stderr).toEqual([
      'import-directory: no workspace T9 in the database; it holds: T0123 (slack, Example Co), T0456 (slack, Other Co)',
    ]);
  });
});
