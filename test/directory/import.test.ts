import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Repositories } from '../../src/core/ports.js';
import { defaultSettings, type Member } from '../../src/core/types.js';
import { importDirectory } from '../../src/directory/import.js';
import { importDirectoryCsv } from '../../src/directory/import-csv.js';
import { parseDirectoryCsv } from '../../src/directory/parse-csv.js';
import { openSqliteStore, type Store } from '../../src/store/sqlite-store.js';
import { fixture } from './fixtures.js';

const NOW = new Date('2026-04-01T00:00:00.000Z');
const LATER = new Date('2026-05-01T00:00:00.000Z');

let dir: string;
let store: Store;
let repos: Repositories;
let workspaceId: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hiroba-directory-'));
  store = openSqliteStore(join(dir, 'hiroba.db'));
  repos = store.repos;
  workspaceId = (
    await repos.workspaces.create({
      platform: 'memory',
      externalId: 'T-DIR',
      name: 'Directory test',
      settings: defaultSettings(),
      createdAt: NOW.toISOString(),
    })
  ).id;
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const csv = (text: string): Buffer => Buffer.from(text, 'utf8');

async function member(email: string): Promise<Member> {
  const found = await repos.members.byEmail(workspaceId, email);
  if (!found) throw new Error(`no member ${email}`);
  return found;
}

async function managerEmail(email: string): Promise<string | null> {
  const managerId = (await member(email)).managerId;
  return managerId === null ? null : ((await repos.members.get(managerId))?.email ?? null);
}

describe('importDirectory', () => {
  it('creates members known only by email, with managers from the file', async () => {
    const { rows } = parseDirectoryCsv(fixture('org-utf8-bom.csv'));
    expect(await importDirectory(repos, workspaceId, rows, NOW)).toEqual({ created: 3, updated: 0, errors: [] });

    const taro = await member('taro.yamada@example.co.jp');
    expect(taro).toMatchObject({
      platformId: null,
      name: '山田 太郎',
      department: '経営企画部',
      location: '東京本社',
      isExecutive: true,
      managerId: null,
      joinedAt: NOW.toISOString(),
      role: 'member',
    });
    expect(await managerEmail('hanako.sato@example.co.jp')).toBe('taro.yamada@example.co.jp');
    expect(await managerEmail('ichiro.takahashi@example.co.jp')).toBe('hanako.sato@example.co.jp');
    expect((await member('hanako.sato@example.co.jp')).department).toBe('営業部, 東日本');
  });

  it('updates in place on re-import (Shift_JIS file, one department changed)', async () => {
    await importDirectory(repos, workspaceId, parseDirectoryCsv(fixture('org-utf8-bom.csv')).rows, NOW);
    const before = await repos.members.list(workspaceId);
    const ichiroId = (await member('ichiro.takahashi@example.co.jp')).id;

    const result = await importDirectory(
      repos,
      workspaceId,
      parseDirectoryCsv(fixture('org-shift-jis.csv')).rows,
      LATER,
    );

    expect(result).toEqual({ created: 0, updated: 3, errors: [] });
    const after = await repos.members.list(workspaceId);
    expect(after).toHaveLength(3);
    expect(after.map((m) => m.id)).toEqual(before.map((m) => m.id));
    expect(await member('ichiro.takahashi@example.co.jp')).toMatchObject({
      id: ichiroId,
      department: '品質保証部',
      joinedAt: NOW.toISOString(),
    });
    expect(await managerEmail('ichiro.takahashi@example.co.jp')).toBe('hanako.sato@example.co.jp');
  });

  it('a re-import with fewer columns keeps what the missing columns held', async () => {
    await importDirectory(repos, workspaceId, parseDirectoryCsv(fixture('org-utf8-bom.csv')).rows, NOW);
    const before = await member('hanako.sato@example.co.jp');
    const rows = parseDirectoryCsv(
      Buffer.from('email,name\nhanako.sato@example.co.jp,佐藤 花子（営業）\n', 'utf8'),
    ).rows;
    expect(await importDirectory(repos, workspaceId, rows, LATER)).toEqual({ created: 0, updated: 1, errors: [] });
    expect(await member('hanako.sato@example.co.jp')).toMatchObject({
      name: '佐藤 花子（営業）',
      department: before.department,
      location: before.location,
      isExecutive: before.isExecutive,
      managerId: before.managerId,
    });
    expect(before.managerId).not.toBeNull();
  });

  it('matches a member the platform already knows by email and keeps their platform data', async () => {
    const known = await repos.members.create({
      workspaceId,
      name: 'Hanako',
      joinedAt: NOW.toISOString(),
      email: 'Hanako.Sato@example.co.jp',
      platformId: 'U0HANAKO',
      role: 'ops',
      isPilot: true,
    });
    const result = await importDirectory(
      repos,
      workspaceId,
      parseDirectoryCsv(fixture('org-utf8-bom.csv')).rows,
      LATER,
    );
    expect(result).toEqual({ created: 2, updated: 1, errors: [] });
    expect(await repos.members.get(known.id)).toMatchObject({
      platformId: 'U0HANAKO',
      name: '佐藤 花子',
      department: '営業部, 東日本',
      role: 'ops',
      isPilot: true,
      joinedAt: NOW.toISOString(),
    });
    expect(await repos.members.list(workspaceId)).toHaveLength(3);
  });

  it('uses a manager who is already a member but not in the file', async () => {
    await repos.members.create({
      workspaceId,
      name: 'Boss',
      joinedAt: NOW.toISOString(),
      email: 'boss@example.com',
      platformId: 'U0BOSS',
    });
    const { rows } = parseDirectoryCsv(csv('email,name,manager_email\nworker@example.com,Worker,BOSS@example.com\n'));
    expect(await importDirectory(repos, workspaceId, rows, NOW)).toEqual({ created: 1, updated: 0, errors: [] });
    expect(await managerEmail('worker@example.com')).toBe('boss@example.com');
  });

  it('keeps a row whose manager is unknown, without a manager', async () => {
    const { rows, errors } = parseDirectoryCsv(fixture('org-bad-rows.csv'));
    expect(errors).toHaveLength(7);
    const result = await importDirectory(repos, workspaceId, rows, NOW, 'en');
    expect(result).toEqual({
      created: 4,
      updated: 0,
      errors: [
        {
          line: 12,
          reason:
            "The manager's email nobody@example.com is not in the directory; the member was imported without a manager. Add a line for the manager and import again.",
        },
      ],
    });
    expect((await member('ghost@example.com')).managerId).toBeNull();
    expect(await managerEmail('jiro@example.com')).toBe('ceo@example.com');
    expect(await managerEmail('ok@example.com')).toBe('jiro@example.com');
  });

  it('rejects a reporting cycle on the line that would close it', async () => {
    const { rows } = parseDirectoryCsv(
      csv(
        [
          'email,name,manager_email',
          'a@example.com,A,b@example.com',
          'b@example.com,B,c@example.com',
          'c@example.com,C,a@example.com',
        ].join('\n'),
      ),
    );
    const result = await importDirectory(repos, workspaceId, rows, NOW, 'en');
    expect(result.created).toBe(3);
    expect(result.errors).toEqual([
      {
        line: 4,
        reason:
          'Manager a@example.com would make a reporting cycle (c@example.com → a@example.com → b@example.com → c@example.com); the member was imported without a manager.',
      },
    ]);
    expect(await managerEmail('a@example.com')).toBe('b@example.com');
    expect(await managerEmail('b@example.com')).toBe('c@example.com');
    expect(await managerEmail('c@example.com')).toBeNull();
  });

  it('rejects a cycle through a stored manager outside the file', async () => {
    const outside = await repos.members.create({
      workspaceId,
      name: 'Outside',
      joinedAt: NOW.toISOString(),
      email: 'out@example.com',
    });
    await importDirectory(repos, workspaceId, parseDirectoryCsv(csv('email,name\nin@example.com,In\n')).rows, NOW);
    await repos.members.update(outside.id, { managerId: (await member('in@example.com')).id });

    const result = await importDirectory(
      repos,
      workspaceId,
      parseDirectoryCsv(csv('email,name,manager_email\nin@example.com,In,out@example.com\n')).rows,
      LATER,
      'en',
    );
    expect(result.errors).toEqual([
      {
        line: 2,
        reason:
          'Manager out@example.com would make a reporting cycle (in@example.com → out@example.com → in@example.com); the member was imported without a manager.',
      },
    ]);
    expect((await member('in@example.com')).managerId).toBeNull();
  });

  it('lets a re-import reverse a reporting line without calling it a cycle', async () => {
    const first = csv('email,name,manager_email\nx@example.com,X,y@example.com\ny@example.com,Y,\n');
    const second = csv('email,name,manager_email\nx@example.com,X,\ny@example.com,Y,x@example.com\n');
    await importDirectory(repos, workspaceId, parseDirectoryCsv(first).rows, NOW);
    expect(await importDirectory(repos, workspaceId, parseDirectoryCsv(second).rows, LATER)).toEqual({
      created: 0,
      updated: 2,
      errors: [],
    });
    expect(await managerEmail('y@example.com')).toBe('x@example.com');
    expect(await managerEmail('x@example.com')).toBeNull();
  });

  it('writes nothing when the transaction fails', async () => {
    const { rows } = parseDirectoryCsv(fixture('org-utf8-bom.csv'));
    await expect(importDirectory(repos, 9999, rows, NOW)).rejects.toThrow();
    expect(await repos.members.list(9999)).toEqual([]);
    expect(await repos.members.list(workspaceId)).toEqual([]);
  });

  it('gives manager reasons in Japanese by default', async () => {
    const { rows } = parseDirectoryCsv(csv('email,name,manager_email\nw@example.com,W,nobody@example.com\n'));
    expect((await importDirectory(repos, workspaceId, rows, NOW)).errors).toEqual([
      {
        line: 2,
        reason:
          '上長のメールアドレス nobody@example.com のメンバーが名簿にありません。上長なしで登録しました。上長の行を追加して、もう一度取り込んでください。',
      },
    ]);
  });

  it('stores department, location, manager and executive from a Japanese HR export (issue 9)', async () => {
    const text = [
      '氏名,メールアドレス,部門,事業所,上司メールアドレス,役員',
      '山田 花子,hanako@example.co.jp,営業部,大阪支社,,はい',
      '鈴木 太郎,taro@example.co.jp,営業部,大阪支社,hanako@example.co.jp,いいえ',
    ].join('\n');
    const { rows, errors } = parseDirectoryCsv(csv(text));
    expect(errors).toEqual([]);
    expect(await importDirectory(repos, workspaceId, rows, NOW)).toEqual({ created: 2, updated: 0, errors: [] });
    expect(await member('hanako@example.co.jp')).toMatchObject({
      department: '営業部',
      location: '大阪支社',
      isExecutive: true,
      managerId: null,
    });
    expect(await member('taro@example.co.jp')).toMatchObject({
      department: '営業部',
      location: '大阪支社',
      isExecutive: false,
    });
    expect(await managerEmail('taro@example.co.jp')).toBe('hanako@example.co.jp');
  });
});

describe('importDirectoryCsv', () => {
  it('reports parse and manager errors together, by line', async () => {
    const result = await importDirectoryCsv(repos, workspaceId, fixture('org-bad-rows.csv'), NOW);
    expect(result.rows).toBe(4);
    expect(result.created).toBe(4);
    expect(result.errors.map((e) => e.line)).toEqual([4, 5, 6, 7, 10, 11, 12, 13]);
    expect((await repos.members.list(workspaceId)).map((m) => m.email)).toEqual([
      'ceo@example.com',
      'jiro@example.com',
      'ghost@example.com',
      'ok@example.com',
    ]);
  });
});
