import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inkPixels, pngSize } from '../support/png-ink.js';
import { type Company, dashboardLink, type Served, seedCompany, serveDashboard } from './company.js';

/** Debian's chromium (`apt-get install -y chromium`; `.ci/run` installs it when missing). */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let browser: Browser;
let c: Company;
let s: Served;
let shots: string;

function local(link: string): string {
  const url = new URL(link);
  return `${s.base}${url.pathname}${url.search}`;
}

beforeAll(async () => {
  // Never skipped: without the browser these checks would silently not run.
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install it with "apt-get install -y chromium" (.ci/run does this)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  c = await seedCompany();
  s = await serveDashboard(c);
  shots = mkdtempSync(join(tmpdir(), 'hiroba-shots-'));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
  await c?.h.close();
  if (shots) rmSync(shots, { recursive: true, force: true });
});

describe('dashboard in a real browser (chromium)', () => {
  it("a manager's link shows only that manager's team", async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(local(await dashboardLink(c, c.salesHead)));
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await expect(page.locator('.scope').textContent()).resolves.toContain('営業 部長さんのチーム（9名）');
    await page.getByRole('link', { name: '部署別' }).click();
    const table = await page.locator('#table-departments tbody').textContent();
    expect(table).toContain('営業部');
    expect(table).not.toContain('開発部');
    expect(table).not.toContain('総務部');
    expect(await page.getByRole('link', { name: '活動が止まっている方' }).count()).toBe(0);
    await context.close();
  }, 30_000);

  it('an ops link shows the departments heat map and the department matrix', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(local(await dashboardLink(c, c.ops)));
    await page.getByRole('link', { name: '部署別' }).click();
    const heatmap = page.locator('figure.chart svg');
    expect(await heatmap.count()).toBe(1);
    // One coloured cell per department and week: 3 departments × 13 weeks.
    expect(await heatmap.locator('path[fill]').count()).toBeGreaterThanOrEqual(39);
    await page.getByRole('link', { name: '部署間のつながり' }).click();
    expect(await page.locator('figure.chart svg').count()).toBe(1);
    const replies = await page.locator('#table-replies').textContent();
    for (const department of ['営業部', '開発部', '総務部']) expect(replies).toContain(department);
    await context.close();
  }, 30_000);

  it('an expired link is refused with a page that says what to do', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    const link = local(await dashboardLink(c, c.ops));
    c.h.clock.advance(16 * 60_000);
    const res = await page.goto(link);
    expect(res?.status()).toBe(410);
    const text = await page.locator('main').textContent();
    expect(text).toContain('有効期限');
    expect(text).toContain('/hiroba dashboard');
    expect((await context.cookies()).length).toBe(0);
    await context.close();
  }, 30_000);

  it('a CSV download opens as UTF-8 with a BOM', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(local(await dashboardLink(c, c.ops)));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#table-weekly').getByRole('link', { name: 'CSVをダウンロード' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^hiroba-overview-weekly-\d{4}-\d{2}-\d{2}\.csv$/u);
    const bytes = readFileSync((await download.path()) ?? '');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toContain('参加率 (%)');
    expect(lines.filter((l) => l.startsWith('2026年'))).toHaveLength(13);
    await context.close();
  }, 30_000);

  it('the overview renders: a screenshot written to a temp folder is not blank', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(local(await dashboardLink(c, c.ops)));
    const file = join(shots, 'overview.png');
    await page.screenshot({ path: file, fullPage: true });
    const png = readFileSync(file);
    expect(pngSize(png).width).toBe(1200);
    const { width, height } = pngSize(png);
    const ink = inkPixels(png);
    // Text, charts and tables, on a mostly white page.
    expect(ink).toBeGreaterThan(width * height * 0.01);
    expect(ink).toBeLessThan(width * height * 0.6);
    // And on a phone the page still fits the screen's width.
    await page.setViewportSize({ width: 390, height: 844 });
    // A string: the test code runs in Node, whose types know no DOM.
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  }, 30_000);
});
