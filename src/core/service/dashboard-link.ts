import { type InactiveFilter, inactiveFilterParams } from '../dashboard/inactive-filter.js';
import { dashboardScope } from '../dashboard/scope.js';
import { hashSecret, LOGIN_LINK_MINUTES, newSecret } from '../dashboard/secrets.js';
import { t } from '../i18n/index.js';
import type { Message } from '../message.js';
import { actionsBlock, message, textBlock } from '../programs/blocks.js';
import type { CommandContext } from './context.js';
import { problem } from './replies.js';

/** The kind of the reply that carries a login link: adapters keep it out of shared conversations. */
export const DASHBOARD_LINK_KIND = 'dashboard-link';

/** Where the login route lives under the public URL. */
export const DASHBOARD_LOGIN_PATH = '/dashboard/login';

/** Where the sign-in lands instead of the overview: the inactive-members page, filtered. */
export interface DashboardDestination {
  page: 'inactive';
  filter: InactiveFilter;
}

/**
 * `dashboard`: a one-time link to the web dashboard, for the caller's eyes only. Ops and admins get
 * the whole workspace, managers their own reports; anyone else is told who may use it. The link
 * holds a fresh random token that works once, for 15 minutes; only its hash is stored. With a
 * destination (`inactive … csv` on Teams) the link says which page to open, and its filter.
 */
export async function dashboardLink(ctx: CommandContext, destination?: DashboardDestination): Promise<Message> {
  const { deps, workspace, caller, locale, now } = ctx;
  const base = deps.dashboardUrl;
  if (base === undefined) return problem(locale, 'dashboard.link.unavailable');
  const scope = await dashboardScope(caller, deps.repos.members, workspace);
  if (scope === null) return problem(locale, 'dashboard.link.refused');
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + LOGIN_LINK_MINUTES * 60_000);
  await deps.repos.transaction(async () => {
    await deps.repos.dashboard.deleteExpired(now.toISOString());
    await deps.repos.dashboard.createLoginToken(hashSecret(token), {
      workspaceId: workspace.id,
      memberId: caller.id,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
  });
  const url = new URL(DASHBOARD_LOGIN_PATH, base.endsWith('/') ? base : `${base}/`);
  url.searchParams.set('token', token);
  if (destination) {
    url.searchParams.set('page', destination.page);
    for (const [key, value] of inactiveFilterParams(destination.filter)) url.searchParams.set(key, value);
  }
  const text = t(locale, scope.kind === 'workspace' ? 'dashboard.link.workspace' : 'dashboard.link.team', {
    minutes: LOGIN_LINK_MINUTES,
  });
  return message({
    kind: DASHBOARD_LINK_KIND,
    title: t(locale, 'dashboard.link.title'),
    blocks: [
      textBlock(text),
      actionsBlock([
        { actionId: 'hiroba.dashboard.open', label: t(locale, 'dashboard.link.open'), url: url.toString() },
      ]),
      textBlock(t(locale, 'dashboard.link.private'), true),
    ],
    fallback: t(locale, 'dashboard.link.title'),
  });
}
