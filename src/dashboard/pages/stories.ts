import { t } from '../../core/i18n/index.js';
import { formFor, sharedStories } from '../../core/index.js';
import { html } from '../html.js';
import { chatLink } from '../message-links.js';
import type { Table } from '../table.js';
import { day, note, type PageContext, type PageResult } from './page.js';

/** Stories and ideas shared through Hiroba, newest first, each with a link to its post in the chat. */
export async function storiesPage(ctx: PageContext): Promise<PageResult> {
  const l = ctx.locale;
  const ws = ctx.view.snapshot.workspace;
  const stories = (await sharedStories(ctx.view)).slice(0, 200);
  const labelOf = (kind: 'story' | 'idea' | 'first_post', id: string) =>
    formFor(kind, l).fields.find((f) => f.id === id)?.label ?? id;
  const links = stories.map((s) => (s.posted ? chatLink(ws, s.posted.channelId, s.posted.messageId) : null));
  const summary = (fields: Record<string, string>) => Object.values(fields).find((v) => v.trim() !== '') ?? '';
  const table: Table = {
    id: 'stories',
    caption: t(l, 'dashboard.stories.title'),
    columns: [
      { label: t(l, 'dashboard.col.date'), kind: 'text' },
      { label: t(l, 'dashboard.col.kind'), kind: 'text' },
      { label: t(l, 'dashboard.col.author'), kind: 'text' },
      { label: t(l, 'dashboard.col.department'), kind: 'text' },
      { label: t(l, 'dashboard.col.content'), kind: 'text' },
    ],
    rows: stories.map((s) => [
      day(ctx, s.createdAt),
      t(l, `dashboard.kind.${s.kind}`),
      s.authorName ?? '—',
      s.department ?? t(l, 'dashboard.unknownGroup'),
      summary(s.fields),
    ]),
    links,
  };
  const body = html`${stories.length === 0 ? note(t(l, 'dashboard.stories.none')) : ''}
${stories.map((s, i) => {
  const link = links[i] ?? null;
  return html`<article class="story">
<div><strong>${t(l, `dashboard.kind.${s.kind}`)}</strong> · ${day(ctx, s.createdAt)}${s.authorName ? html` · ${s.authorName}` : ''}${s.department ? html` · ${s.department}` : ''}</div>
<dl>${Object.entries(s.fields).map(([id, value]) => html`<dt>${labelOf(s.kind, id)}</dt><dd>${value}</dd>`)}</dl>
${link ? html`<a href="${link}" rel="noopener noreferrer">${t(l, 'dashboard.stories.open')}</a>` : s.posted ? '' : html`<span class="note">${t(l, 'dashboard.stories.notPosted')}</span>`}
</article>`;
})}`;
  return { title: t(l, 'dashboard.stories.title'), body, tables: stories.length === 0 ? [] : [table] };
}
