import type { FastifyInstance } from 'fastify';
import { visibleVenues } from '../../store/access/visible-venues.ts';
import { listProgrammeSessions, type ProgrammeSession } from '../../store/sessions/list-programme-sessions.ts';
import { assertStaffOrTrainer } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminTranslate, renderPage, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import { loadProgrammeChoices } from './broadcast-form.ts';
import { SESSION_STYLE } from './session-style.ts';
import { tallyList } from './tally-list.ts';
import { sessionDates } from './venue-time.ts';

/**
 * GET /admin/sessions, for staff: the sessions of their programmes, upcoming (soonest first) then
 * past (latest first), each with its kind, title, dates in each venue's local hour and the totals
 * of its answers and attendance; links to a new session and to sessions.csv. A trainer sees the
 * sessions held in their hubs, with only those venues and their totals, and no link to create one.
 */
export function registerSessionsPage(app: FastifyInstance, deps: AdminDependencies): void {
  app.get('/admin/sessions', async (request, reply) => {
    const { viewer } = request;
    assertStaffOrTrainer(viewer);
    const t = adminTranslate(deps, viewer);
    const now = deps.now();
    const venues = visibleVenues(viewer);
    const sessions = await listProgrammeSessions(deps.db, { programmeIds: viewer.programmeIds, venues });
    const upcoming = sessions.filter((session) => session.endsAt > now);
    const past = sessions.filter((session) => session.endsAt <= now).reverse();
    const body = html`${SESSION_STYLE}
${venues ? html`<p class="notice">${t('dashboard-trainers:sessions_scope')}</p>` : html`<p class="actions">${await newSessionLinks(deps, viewer, t)}</p>`}
<p class="muted">${t('dashboard-sessions:list.export')}<br><a href="/admin/exports/sessions.csv" download>sessions.csv</a> · <a href="/admin/exports/sessions.xlsx" download>sessions.xlsx</a></p>
<h2>${t('dashboard-sessions:list.upcoming')}</h2>
${sessionList(upcoming, viewer, t, now, 'dashboard-sessions:list.none_upcoming')}
<h2>${t('dashboard-sessions:list.past')}</h2>
${sessionList(past, viewer, t, now, 'dashboard-sessions:list.none_past')}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(viewer, t, { title: t('dashboard-sessions:list.title'), body, section: 'sessions' }));
  });
}

/** One link, or one per programme when the viewer is staff of several. */
async function newSessionLinks(deps: AdminDependencies, viewer: Viewer, t: AdminTranslate): Promise<SafeHtml> {
  if (viewer.programmeIds.length <= 1)
    return html`<a class="button" href="/admin/sessions/new">${t('dashboard-sessions:list.new')}</a>`;
  const programmes = await Promise.all(viewer.programmeIds.map((id) => loadProgrammeChoices(deps.db, viewer, id)));
  return html`${programmes.map(
    (programme) =>
      html`<a class="button" href="/admin/sessions/new?programme=${encodeURIComponent(programme.id)}">${t('dashboard-sessions:list.new_in', { programme: programme.name })}</a> `,
  )}`;
}

function sessionList(
  sessions: ProgrammeSession[],
  viewer: Viewer,
  t: AdminTranslate,
  now: Date,
  noneKey: string,
): SafeHtml {
  if (sessions.length === 0) return html`<p class="muted">${t(noneKey)}</p>`;
  return html`<p class="muted">${t('dashboard-sessions:list.local_hours')}</p>
<ul class="session-list">${sessions.map((session) => sessionCard(session, viewer, t, now))}</ul>`;
}

function sessionCard(session: ProgrammeSession, viewer: Viewer, t: AdminTranslate, now: Date): SafeHtml {
  const language = viewer.language;
  const cancelled = session.status === 'cancelled';
  return html`<li class="session-card${cancelled ? ' is-cancelled' : ''}">
<p class="tags"><span class="tag kind-${session.kind}">${t(`dashboard-sessions:list.kind.${session.kind}`)}</span>${cancelled ? html` <span class="tag tag-cancelled">${t('dashboard-sessions:list.cancelled')}</span>` : ''}${!cancelled && !session.announcedAt ? html` <span class="tag">${t('dashboard-sessions:list.not_announced')}</span>` : ''}</p>
<h3><a href="/admin/sessions/${session.id}">${localizedText(session.title, language)}</a></h3>
<ul class="dates">${sessionDates(session.venues, language, t).map((line) => html`<li>${line}</li>`)}</ul>
${tallyList(session.tally, t, { waiting: session.tally.waiting > 0, started: session.venues.some((venue) => venue.startsAt <= now), announced: cancelled || session.announcedAt !== null })}
</li>`;
}
