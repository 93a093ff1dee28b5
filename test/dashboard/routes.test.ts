import { afterEach, describe, expect, it } from 'vitest';
import { BOM } from '../../src/dashboard/csv.js';
import { SESSION_COOKIE } from '../../src/dashboard/session.js';
import {
  type Company,
  dashboardLink,
  linkIn,
  type Served,
  seedCompany,
  serveDashboard,
  shareStory,
} from './company.js';

let c: Company;
let s: Served;
afterEach(async () => {
  await s?.close();
  await c?.h.close();
});

/** The link the chat gave, pointed at the test server. */
function local(link: string): string {
  const url = new URL(link);
  return `${s.base}${url.pathname}${url.search}`;
}

async function signIn(who: Company['ops']): Promise<string> {
  const res = await fetch(local(await dashboardLink(c, who)), { redirect: 'manual' });
  expect(res.status).toBe(303);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('sign-in by one-time link', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie with a fixed lifetime and sends the browser on without the token', async () => {
    c = await seedCompany();
    s = await serveDashboard(c);
    const res = await fetch(local(await dashboardLink(c, c.ops)), { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dashboard');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; `, 'u'));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Max-Age=28800');
    expect(cookie).toContain('Path=/dashboard');
    expect(cookie).not.toContain('Secure');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // Only the session's hash is stored.
    const secret = cookie.split(';')[0]?.split('=')[1] ?? '';
    const stored = c.h.store.sqlite!.prepare('SELECT session_hash FROM dashboard_sessions').all();
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(stored).toHaveLength(1);
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    c = await seedCompany();
    s = await serveDashboard(c, 'https://hiroba.example.co.jp');
    const res = await fetch(local(await dashboardLink(c, c.ops)), { redirect: 'manual' });
    expect(res.headers.get('set-cookie')).toContain('; Secure');
  });

  it('refuses a link used twice, an expired link and a made-up one with a clear page, never a stack trace', async () => {
    c = await seedCompany();
    s = await serveDashboard(c);
    const link = local(await dashboardLink(c, c.ops));
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(303);
    const again = await fetch(link, { redirect: 'manual' });
    expect(again.status).toBe(410);
    const againText = await again.text();
    expect(againText).toContain('このログインリンクはすでに使用されています');
    expect(againText).toContain('/hiroba dashboard');
    expect(again.headers.get('set-cookie')).toBeNull();

    const late = local(await dashboardLink(c, c.ops));
    c.h.clock.advance(15 * 60_000 + 1);
    const expired = await fetch(late, { redirect: 'manual' });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('有効期限');

    const madeUp = await fetch(`${s.base}/dashboard/login?token=${'A'.repeat(43)}`, {
      headers: { 'accept-language': 'en-US,en;q=0.8' },
    });
    expect(madeUp.status).toBe(400);
    const text = await madeUp.text();
    expect(text).toContain('This sign-in link is not valid');
    expect(text).not.toMatch(/at .*\.ts:\d+|Error:/u);
    expect((await fetch(`${s.base}/dashboard/login?token=<script>`)).status).toBe(400);
  });

  it("answers in the caller's language: an English member's used link gets English", async () => {
    c = await seedCompany();
    s = await serveDashboard(c);
    await c.h.repos.members.update(c.ops.id, { locale: 'en' });
    const link = local(await dashboardLink(c, c.ops));
    await fetch(link, { redirect: 'manual' });
    const again = await fetch(link);
    expect(await again.text()).toContain('This sign-in link has already been used');
  });

  it('refuses a link whose holder lost the right to the dashboard since it was sent', async () => {
    c = await seedCompany();
    s = await serveDashboard(c);
    const link = local(await dashboardLink(c, c.ops));
    await c.h.repos.members.update(c.ops.id, { role: 'member' });
    const res = await fetch(link, { redirect: 'manual' });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});

describe('pages', () => {
  it('serve ops every page with security headers, no-store and charts drawn on the server', async () => {
    c = await seedCompany();
    s = await serveDashboard(c);
    const cookie = await signIn(c.ops);
    for (const path of ['', '/departments', '/connections', '/locations', '/rollout', '/inactive', '/stories']) {
      const res = await fetch(`${s.base}/dashboard${path}`, { headers: { cookie } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'none'");
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = await res.text();
      expect(body).not.toContain('<script');
      if (path !== '/inactive' && path !== '/stories') expect(body, path).toContain('<svg');
    }
    const overview = await (await fetch(`${s.base}/dashboard`, { headers: { cookie } })).text();
    expect(overview).toContain('ジニ係数は');
    expect(overview).toContain('Test Co 全体（27名）');
    const inactive = await (await fetch(`${s.base}/dashboard/inactive`, { headers: { cookie } })).text();
    expect(inactive).toContain(c.optedOut.name);
    expect(inactive).toContain('配信停止中');
    expect(inactive).toContain('送信');
  });

  it('show a manager only their own team, without names, and not the inactive list', async () => {
    c = await seedCompany();
    s = await serveDashboard(c);
    const cookie = await signIn(c.salesHead);
    const overview = await (await fetch(`${s.base}/dashboard`, { headers: { cookie } })).text();
    expect(overview).toContain('営業 部長さんのチーム（9名）');
    const departments = await (await fetch(`${s.base}/dashboard/departments`, { headers: { cookie } })).text();
    expect(departments).toContain('営業部');
    expect(departments).not.toContain('開発部');
    expect(departments).not.toContain('総務部');
    const inactive = await fetch(`${s.base}/dashboard/inactive`, { headers: { cookie } });
    expect(inactive.status).toBe(403);
    expect(await inactive.text()).toContain('運用担当者と管理者のみ');
    expect((await fetch(`${s.base}/dashboard/csv/inactive/inactive.csv`, { headers: { cookie } })).status).toBe(403);
    expect(overview).not.toContain('/dashboard/inactive');
  });

  it('show a manager of fewer than five no figure at all', async () => {
    c = await seedCompany();
    s = await serveDashboard(c);
    const cookie = await signIn(c.smallBoss);
    const overview = await (await fetch(`${s.base}/dashboard`, { headers: { cookie } })).text();
    expect(overview).toContain('チームの人数が5名未満のため');
    expect(overview).not.toMatch(/\d+%<\/span>/u);
  });

  it('switch language with ?lang and keep the story links', async () => {
    c = await seedCompany();
    s = await serveDashboard(c);
    await shareStory(c, c.member, 'Quote template');
    const cookie = await signIn(c.ops);
    const en = await (await fetch(`${s.base}/dashboard/stories?lang=en`, { headers: { cookie } })).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Stories and ideas shared (last 13 weeks)');
    expect(en).toContain('Quote template');
  });

  it('ask a visitor without a session to get a link from the chat, and 404 unknown pages politely', async () => {
    c = await seedCompany();
    s = await serveDashboard(c);
    const res = await fetch(`${s.base}/dashboard`);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('/hiroba dashboard');
    const forged = await fetch(`${s.base}/dashboard`, { headers: { cookie: `${SESSION_COOKIE}=${'B'.repeat(43)}` } });
    expect(forged.status).toBe(401);
    const cookie = await signIn(c.ops);
    const missing = await fetch(`${s.base}/dashboard/nothing-here`, { headers: { cookie } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('ページが見つかりません');
  });

  it('end the session at the fixed lifetime', async () => {
    c = await seedCompany();
    s = await serveDashboard(c);
    const cookie = await signIn(c.ops);
    c.h.clock.advance(8 * 3600_000 - 1000);
    expect((await fetch(`${s.base}/dashboard/rollout`, { headers: { cookie } })).status).toBe(200);
    c.h.clock.advance(2000);
    expect((await fetch(`${s.base}/dashboard/rollout`, { headers: { cookie } })).status).toBe(401);
  });
});

describe('logout', () => {
  it('ends the session and clears the cookie; a form from another site is refused', async () => {
    c = await seedCompany();
    s = await serveDashboard(c);
    const cookie = await signIn(c.ops);
    const foreign = await fetch(`${s.base}/dashboard/logout`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect((await fetch(`${s.base}/dashboard`, { headers: { cookie } })).status).toBe(200);
    const out = await fetch(`${s.base}/dashboard/logout`, { method: 'POST', headers: { cookie, origin: s.base } });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect(await out.text()).toContain('ログアウトしました');
    expect((await fetch(`${s.base}/dashboard`, { headers: { cookie } })).status).toBe(401);
    expect(c.h.store.sqlite!.prepare('SELECT COUNT(*) AS n FROM dashboard_sessions').get()).toEqual({ n: 0 });
  });
});

describe('CSV downloads', () => {
  it('are UTF-8 with a BOM, CRLF lines, percent columns and the same rows as the page', async () => {
    c = await seedCompany();
    s = await serveDashboard(c);
    const cookie = await signIn(c.ops);
    const res = await fetch(`${s.base}/dashboard/csv/departments/departments.csv`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="hiroba-departments-departments-2026-11-24.csv"',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(BOM)).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]?.startsWith('部署,対象人数,2026年 第36週 (%)')).toBe(true);
    expect(lines.slice(1, 4).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      '営業部,10',
      '開発部,8',
      '総務部,6',
    ]);
    expect((await fetch(`${s.base}/dashboard/csv/departments/nope.csv`, { headers: { cookie } })).status).toBe(404);
    expect((await fetch(`${s.base}/dashboard/csv/departments/departments.csv`)).status).toBe(401);
  });
});

describe('inactive csv on Teams: the dashboard link keeps the filter', () => {
  /** What `inactive … csv` answers where files cannot go (the harness has no sendFile, as on Teams). */
  async function csvLink(text: string): Promise<string> {
    const reply = await c.h.core.runCommand({
      workspaceId: c.h.workspace.id,
      platformId: c.ops.platformId ?? '',
      text,
    });
    expect(reply.kind).toBe('dashboard-link');
    return linkIn(reply) ?? '';
  }
  const csvHrefIn = (page: string): string =>
    (/href="(\/dashboard\/csv\/inactive\/inactive\.csv[^"]*)"/u.exec(page)?.[1] ?? '').replaceAll('&amp;', '&');

  it('opens the inactive page with the department and state asked for, and its CSV is that list', async () => {
    c = await seedCompany();
    s = await serveDashboard(c);
    // Quiet people elsewhere: they are in the whole list, not in 開発部's.
    await c.h.member({ name: '人事 新人', department: '人事部', location: '東京' });
    await c.h.member({ name: '開発 新人', department: ' 開発部\u3000', location: '大阪' });

    const link = await csvLink('inactive 開発 never csv');
    const asked = new URL(link).searchParams;
    expect([asked.get('page'), asked.get('department'), asked.get('state')]).toEqual(['inactive', '開発部', 'never']);
    const login = await fetch(local(link), { redirect: 'manual' });
    expect(login.status).toBe(303);
    const location = login.headers.get('location') ?? '';
    expect(location).toBe(`/dashboard/inactive?department=${encodeURIComponent('開発部')}&state=never`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    const page = await (await fetch(`${s.base}${location}`, { headers: { cookie } })).text();
    expect(page).toContain('絞り込み：部署「開発部」・未投稿');
    expect(page).toContain('開発 新人');
    expect(page).not.toContain('人事 新人');
    const href = csvHrefIn(page);
    expect(href).toBe(
      `/dashboard/csv/inactive/inactive.csv?lang=ja&department=${encodeURIComponent('開発部')}&state=never`,
    );
    const csv = await (await fetch(`${s.base}${href}`, { headers: { cookie } })).text();
    expect(csv).toContain('開発 新人');
    expect(csv).not.toContain('人事 新人');
    // The language switch keeps the filter too.
    expect(page).toContain(
      `href="/dashboard/inactive?lang=en&amp;department=${encodeURIComponent('開発部')}&amp;state=never"`,
    );

    // Without a filter, the page and its CSV hold everyone quiet.
    const all = await (await fetch(`${s.base}/dashboard/inactive`, { headers: { cookie } })).text();
    expect(csvHrefIn(all)).toBe('/dashboard/csv/inactive/inactive.csv?lang=ja');
    const allCsv = await (await fetch(`${s.base}${csvHrefIn(all)}`, { headers: { cookie } })).text();
    expect(allCsv).toContain('人事 新人');
    expect(allCsv).toContain('開発 新人');
  });

  it('filters by location, and sends a link without a filter to the plain inactive page', async () => {
    c = await seedCompany();
    s = await serveDashboard(c);
    await c.h.member({ name: '人事 新人', department: '人事部', location: '東京' });
    const login = await fetch(local(await csvLink('inactive 東京 csv')), { redirect: 'manual' });
    expect(login.headers.get('location')).toBe(`/dashboard/inactive?location=${encodeURIComponent('東京')}`);
    const plain = await fetch(local(await csvLink('inactive csv')), { redirect: 'manual' });
    expect(plain.headers.get('location')).toBe('/dashboard/inactive');
  });

  it('rebuilds the landing address from known parts only', async () => {
    c = await seedCompany();
    s = await serveDashboard(c);
    const link = new URL(local(await dashboardLink(c, c.ops)));
    link.searchParams.set('page', 'https://evil.example/');
    link.searchParams.set('state', 'everyone');
    const res = await fetch(link, { redirect: 'manual' });
    expect(res.headers.get('location')).toBe('/dashboard');
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const odd = await fetch(`${s.base}/dashboard/inactive?department=%3Cscript%3E&state=everyone`, {
      headers: { cookie },
    });
    expect(odd.status).toBe(200);
    const body = await odd.text();
    expect(body).not.toContain('<script>');
    expect(body).toContain('部署「&lt;script&gt;」');
  });
});
