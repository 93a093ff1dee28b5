import { t } from '../core/i18n/index.js';
import type { Locale } from '../core/types.js';
import { type Html, html } from './html.js';

/** The dashboard's pages in menu order; `ops` pages are hidden from (and refused to) managers. */
export const PAGES = [
  { id: 'overview', path: '/dashboard', ops: false },
  { id: 'departments', path: '/dashboard/departments', ops: false },
  { id: 'connections', path: '/dashboard/connections', ops: false },
  { id: 'locations', path: '/dashboard/locations', ops: false },
  { id: 'rollout', path: '/dashboard/rollout', ops: false },
  { id: 'inactive', path: '/dashboard/inactive', ops: true },
  { id: 'stories', path: '/dashboard/stories', ops: false },
] as const;
export type PageId = (typeof PAGES)[number]['id'];

export const STYLESHEET_PATH = '/dashboard/assets/dashboard.css';

function head(locale: Locale, title: string): Html {
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} — ${t(locale, 'dashboard.html.title')}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>`;
}

export interface ShellInput {
  locale: Locale;
  page: PageId;
  title: string;
  scopeLabel: string;
  opsPages: boolean;
  /** The same page in the other language. */
  otherLanguageHref: string;
  asOf: string;
  body: Html;
}

/** A signed-in page: header with the scope, menu, language switch and sign-out button; then the page. */
export function shell(input: ShellInput): string {
  const { locale } = input;
  const links = PAGES.filter((p) => input.opsPages || !p.ops).map(
    (p) =>
      html`<li><a href="${p.path}?lang=${locale}"${p.id === input.page ? html` aria-current="page"` : ''}>${t(locale, `dashboard.nav.${p.id}`)}</a></li>`,
  );
  return html`${head(locale, input.title)}
<body>
<header>
<div class="top">
<div><div class="brand">${t(locale, 'dashboard.html.title')}</div><div class="scope">${input.scopeLabel}</div></div>
<div class="account">
<a class="button" href="${input.otherLanguageHref}" lang="${locale === 'ja' ? 'en' : 'ja'}">${t(locale, 'dashboard.nav.otherLanguage')}</a>
<form method="post" action="/dashboard/logout"><button type="submit">${t(locale, 'dashboard.nav.logout')}</button></form>
</div>
</div>
<nav aria-label="${t(locale, 'dashboard.nav.label')}"><ul>${links}</ul></nav>
</header>
<main>
<h1>${input.title}</h1>
${input.body}
</main>
<footer><p>${input.asOf}</p></footer>
</body>
</html>`.value;
}

/** A page without a session: a refused or used link, signed out, not found. Never a stack trace. */
export function messagePage(locale: Locale, title: string, lines: readonly string[]): string {
  return html`${head(locale, title)}
<body>
<main class="message" role="main">
<h1>${title}</h1>
${lines.map((line) => html`<p>${line}</p>`)}
</main>
</body>
</html>`.value;
}
