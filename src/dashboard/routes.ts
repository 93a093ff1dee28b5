import express from 'express';
import { type TextKey, t } from '../core/i18n/index.js';
import type { DashboardView } from '../core/index.js';
import {
  type DashboardScope,
  dashboardScope,
  hashSecret,
  type InactiveFilter,
  inactiveFilterParams,
  isWellFormedSecret,
  loadSnapshot,
  localeOf,
  NO_INACTIVE_FILTER,
  readInactiveFilter,
  reportsAmong,
  teamOf,
} from '../core/index.js';
import type { Clock, Repositories } from '../core/ports.js';
import { type Locale, localeSchema, type Member, type Workspace } from '../core/types.js';
import { tableCsv } from './csv.js';
import { html } from './html.js';
import { messagePage, PAGES, type PageId, shell } from './layout.js';
import { connectionsPage } from './pages/connections.js';
import { departmentsPage, locationsPage } from './pages/groups.js';
import { inactivePage } from './pages/inactive.js';
import { overviewPage } from './pages/overview.js';
import type { PageContext, PageResult } from './pages/page.js';
import { rolloutPage } from './pages/rollout.js';
import { storiesPage } from './pages/stories.js';
import { noStore, securityHeaders } from './security.js';
import { currentSession, endSession, startSession } from './session.js';
import { DASHBOARD_CSS } from './style.js';
import { tableHtml } from './table.js';

/** Where the dashboard's unexpected failures are logged (never shown). */
export interface DashboardLogger {
  info(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

export interface DashboardDeps {
  repos: Repositories;
  clock: Clock;
  /** HIROBA_PUBLIC_URL: the address people open; decides the cookie's Secure flag and the allowed form origin. */
  publicUrl: string;
  /** The language of pages shown before anyone is known (an unknown link), when the browser says nothing. */
  defaultLocale: Locale;
  logger: DashboardLogger;
}

const BUILDERS: Record<PageId, (ctx: PageContext) => Promise<PageResult>> = {
  overview: overviewPage,
  departments: departmentsPage,
  connections: connectionsPage,
  locations: locationsPage,
  rollout: rolloutPage,
  inactive: inactivePage,
  stories: storiesPage,
};

interface Viewer {
  workspace: Workspace;
  member: Member;
  scope: DashboardScope;
  view: DashboardView;
  locale: Locale;
}

/** The inactive page's filter from the address; other pages take none. */
function filterOf(page: PageId, req: express.Request): InactiveFilter {
  return page === 'inactive' ? readInactiveFilter(req.query) : NO_INACTIVE_FILTER;
}

/** A dashboard address with the language and the page's filter (the CSV link and the language switch keep it). */
function addressOf(path: string, locale: Locale, filter: InactiveFilter): string {
  return `${path}?${new URLSearchParams([['lang', locale], ...inactiveFilterParams(filter)]).toString()}`;
}

/** `?lang=ja|en` first, then the browser's first language Hiroba speaks. */
function requestedLocale(req: express.Request): Locale | null {
  const query = localeSchema.safeParse(req.query.lang);
  if (query.success) return query.data;
  for (const part of (req.headers['accept-language'] ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'ja' || tag === 'en') return tag;
  }
  return null;
}

/**
 * Mounts the web dashboard under `/dashboard` on Hiroba's HTTP server: sign-in by one-time link
 * (issued by the `dashboard` command), sign-out, the pages and their CSV downloads. Called once by
 * the composition root before the server listens.
 */
export function mountDashboard(app: express.Application, deps: DashboardDeps): void {
  const { repos, clock, logger } = deps;
  const publicOrigin = new URL(deps.publicUrl).origin;
  const secure = new URL(deps.publicUrl).protocol === 'https:';
  const router = express.Router();
  router.use(securityHeaders);

  const sendMessage = (res: express.Response, status: number, locale: Locale, title: TextKey, lines: TextKey[]) => {
    noStore(res);
    res
      .status(status)
      .type('html')
      .send(
        messagePage(
          locale,
          t(locale, title),
          lines.map((key) => t(locale, key)),
        ),
      );
  };

  router.get('/assets/dashboard.css', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/css').send(DASHBOARD_CSS);
  });

  router.get('/login', async (req, res) => {
    const now = clock.now();
    const guess = requestedLocale(req) ?? deps.defaultLocale;
    const token = req.query.token;
    if (!isWellFormedSecret(token)) {
      sendMessage(res, 400, guess, 'dashboard.error.title', ['dashboard.error.unknown', 'dashboard.error.howTo']);
      return;
    }
    const use = await repos.dashboard.useLoginToken(hashSecret(token), now.toISOString());
    if (use.status === 'unknown') {
      sendMessage(res, 400, guess, 'dashboard.error.title', ['dashboard.error.unknown', 'dashboard.error.howTo']);
      return;
    }
    const workspace = await repos.workspaces.get(use.grant.workspaceId);
    const member = await repos.members.get(use.grant.memberId);
    const locale = requestedLocale(req) ?? (workspace ? localeOf(member, workspace) : guess);
    if (use.status !== 'ok' || !workspace || !member) {
      const reason = use.status === 'used' ? 'dashboard.error.used' : 'dashboard.error.expired';
      sendMessage(res, 410, locale, 'dashboard.error.title', [reason, 'dashboard.error.howTo']);
      return;
    }
    // The role is checked again: it may have been taken away since the link was sent.
    if ((await dashboardScope(member, repos.members, workspace)) === null) {
      sendMessage(res, 403, locale, 'dashboard.error.title', ['dashboard.error.refused']);
      return;
    }
    await startSession(repos, res, { workspaceId: workspace.id, memberId: member.id }, now, secure);
    logger.info('dashboard sign-in', { workspace: workspace.id, member: member.id });
    noStore(res);
    // 303 takes the token out of the address bar and the browser's history. A link from `inactive …
    // csv` names the inactive page and its filter; the address is rebuilt from known parts only.
    const params = inactiveFilterParams(readInactiveFilter(req.query));
    res.redirect(
      303,
      req.query.page === 'inactive'
        ? `/dashboard/inactive${params.length > 0 ? `?${new URLSearchParams(params).toString()}` : ''}`
        : '/dashboard',
    );
  });

  router.post('/logout', async (req, res) => {
    const locale = requestedLocale(req) ?? deps.defaultLocale;
    const origin = req.headers.origin;
    const own = `${req.protocol}://${req.headers.host ?? ''}`;
    if (origin !== undefined && origin !== publicOrigin && origin !== own) {
      sendMessage(res, 403, locale, 'dashboard.error.title', ['dashboard.error.forbiddenOrigin']);
      return;
    }
    await endSession(repos, req, res, secure);
    sendMessage(res, 200, locale, 'dashboard.loggedOut.title', ['dashboard.loggedOut.body', 'dashboard.error.howTo']);
  });

  /** The signed-in viewer, or null after answering 401/403 with a page in the caller's language. */
  async function viewer(req: express.Request, res: express.Response): Promise<Viewer | null> {
    noStore(res);
    const now = clock.now();
    const grant = await currentSession(repos, req, now);
    const workspace = grant ? await repos.workspaces.get(grant.workspaceId) : null;
    const member = grant ? await repos.members.get(grant.memberId) : null;
    if (!grant || !workspace || !member) {
      const locale = requestedLocale(req) ?? deps.defaultLocale;
      sendMessage(res, 401, locale, 'dashboard.error.signedOutTitle', [
        'dashboard.error.signedOut',
        'dashboard.error.howTo',
      ]);
      return null;
    }
    const locale = requestedLocale(req) ?? localeOf(member, workspace);
    const snapshot = await loadSnapshot(repos, workspace, now);
    const scope = await dashboardScope(member, reportsAmong(snapshot.members), workspace);
    if (scope === null) {
      sendMessage(res, 403, locale, 'dashboard.error.title', ['dashboard.error.refused']);
      return null;
    }
    return { workspace, member, scope, locale, view: { repos, snapshot, scope } };
  }

  function scopeLabel(v: Viewer): string {
    const { snapshot } = v.view;
    if (v.scope.kind === 'workspace')
      return t(v.locale, 'dashboard.scope.workspace', { workspace: v.workspace.name, count: snapshot.eligible.length });
    const label = t(v.locale, 'dashboard.scope.team', {
      manager: v.member.name,
      count: teamOf(snapshot, v.member.id).length,
    });
    return v.scope.names ? label : `${label} ${t(v.locale, 'dashboard.scope.namesHidden')}`;
  }

  function asOf(v: Viewer): string {
    const time = new Intl.DateTimeFormat(v.locale === 'ja' ? 'ja-JP' : 'en-GB', {
      timeZone: v.workspace.settings.timezone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(v.view.snapshot.now);
    return t(v.locale, 'dashboard.asOf', { time });
  }

  const refusedForManagers = (v: Viewer, page: (typeof PAGES)[number]) => page.ops && v.scope.kind !== 'workspace';

  for (const page of PAGES) {
    const route = page.path.slice('/dashboard'.length) || '/';
    router.get(route, async (req, res) => {
      const v = await viewer(req, res);
      if (!v) return;
      if (refusedForManagers(v, page)) {
        sendMessage(res, 403, v.locale, 'dashboard.error.title', ['dashboard.inactive.opsOnly']);
        return;
      }
      const inactiveFilter = filterOf(page.id, req);
      const result = await BUILDERS[page.id]({ view: v.view, locale: v.locale, charts: true, inactiveFilter });
      const tables = result.tables.map((table) =>
        tableHtml(v.locale, table, addressOf(`/dashboard/csv/${page.id}/${table.id}.csv`, v.locale, inactiveFilter)),
      );
      const other = v.locale === 'ja' ? 'en' : 'ja';
      res.type('html').send(
        shell({
          locale: v.locale,
          page: page.id,
          title: result.title,
          scopeLabel: scopeLabel(v),
          opsPages: v.scope.kind === 'workspace',
          otherLanguageHref: addressOf(page.path, other, inactiveFilter),
          asOf: asOf(v),
          body: html`${result.body}${tables}`,
        }),
      );
    });
  }

  router.get('/csv/:page/:file', async (req, res) => {
    const v = await viewer(req, res);
    if (!v) return;
    const page = PAGES.find((p) => p.id === req.params.page);
    const tableId = /^([a-z-]+)\.csv$/u.exec(String(req.params.file))?.[1];
    if (page === undefined || tableId === undefined) {
      sendMessage(res, 404, v.locale, 'dashboard.error.notFoundTitle', ['dashboard.error.notFound']);
      return;
    }
    if (refusedForManagers(v, page)) {
      sendMessage(res, 403, v.locale, 'dashboard.error.title', ['dashboard.inactive.opsOnly']);
      return;
    }
    const inactiveFilter = filterOf(page.id, req);
    const { tables } = await BUILDERS[page.id]({ view: v.view, locale: v.locale, charts: false, inactiveFilter });
    const table = tables.find((x) => x.id === tableId);
    if (table === undefined) {
      sendMessage(res, 404, v.locale, 'dashboard.error.notFoundTitle', ['dashboard.error.notFound']);
      return;
    }
    const day = v.view.snapshot.today;
    res.setHeader('Content-Disposition', `attachment; filename="hiroba-${page.id}-${table.id}-${day}.csv"`);
    res.type('text/csv; charset=utf-8').send(tableCsv(table));
  });

  router.use((req, res) => {
    sendMessage(res, 404, requestedLocale(req) ?? deps.defaultLocale, 'dashboard.error.notFoundTitle', [
      'dashboard.error.notFound',
    ]);
  });

  // Express 5 hands a rejected async handler's error here, as it does a thrown one.
  router.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    logger.error('dashboard page failed', { error: error instanceof Error ? error.message : String(error) });
    if (res.headersSent) {
      next(error);
      return;
    }
    sendMessage(res, 500, requestedLocale(req) ?? deps.defaultLocale, 'dashboard.error.failedTitle', [
      'dashboard.error.failed',
    ]);
  });

  app.use('/dashboard', router);
}
