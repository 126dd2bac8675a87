import type { FastifyInstance } from 'fastify';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { Language } from '../../domain/programme/language.ts';
import {
  loadSessionOverview,
  type InvitedPerson,
  type SessionOverview,
  type VenueOverview,
} from '../../store/sessions/load-session-overview.ts';
import { visibleVenues } from '../../store/access/visible-venues.ts';
import { assertStaffOrTrainer } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminTranslate, renderPage, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import { SESSION_STYLE } from './session-style.ts';
import { sessionConfirmation } from './session-edit-routes.ts';
import { tallyList } from './tally-list.ts';
import { venueLocalTime, venueName } from './venue-time.ts';

interface View {
  t: AdminTranslate;
  language: Language;
  now: Date;
}

/**
 * GET /admin/sessions/:sessionId, for staff of its programme and the trainers of one of its
 * venues' hubs, who see only those venues and cannot edit it (404 for anyone else's): per venue,
 * where and when in its own hour, the attendance code to show in the room, seats and waiting
 * list, the answers and attendance with the people behind each count, the feedback, and the link
 * to the roll call.
 */
export function registerSessionPage(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Params: { sessionId: string } }>('/admin/sessions/:sessionId', async (request, reply) => {
    const { viewer } = request;
    assertStaffOrTrainer(viewer);
    // A trainer's: 404 unless held in one of their hubs, and only the venues there.
    const venues = visibleVenues(viewer);
    const session = await loadSessionOverview(deps.db, request.params.sessionId, {
      programmeIds: viewer.programmeIds,
      venues,
    });
    const t = adminTranslate(deps, viewer);
    const view = { t, language: viewer.language, now: deps.now() };
    const date = (at: Date) => formatLocalDateTime(at, viewer.timeZone, viewer.language);
    const body = html`${SESSION_STYLE}${sessionConfirmation(t, request.query as Record<string, unknown>)}
<p class="tags"><span class="tag kind-${session.kind}">${t(`dashboard-sessions:list.kind.${session.kind}`)}</span></p>
${session.status === 'cancelled' ? html`<p class="notice error banner-cancelled" role="status">${t('dashboard-sessions:detail.cancelled', { date: session.cancelledAt ? date(session.cancelledAt) : '' })}</p>` : ''}
<p>${localizedText(session.description, viewer.language)}</p>
<p class="muted">${announcement(session, view.now, t, date)}</p>
${venues ? html`<p class="notice">${t('dashboard-trainers:session_scope')}</p>` : ''}
<p class="actions">${venues ? '' : html`<a class="button secondary" href="/admin/sessions/${session.id}/edit">${t('dashboard-sessions:detail.edit')}</a> `}<a href="/admin/sessions">${t('dashboard-sessions:detail.all_sessions')}</a></p>
${session.venues.map((venue) => venueSection(session, venue, view))}`;
    return reply.type('text/html; charset=utf-8').send(
      renderPage(viewer, t, {
        title: localizedText(session.title, viewer.language),
        body,
        section: 'sessions',
      }),
    );
  });
}

/** Announced on…; else, for a session still on, when its announcement goes (the scheduler sends one due within the minute). */
function announcement(session: SessionOverview, now: Date, t: AdminTranslate, date: (at: Date) => string): string {
  if (session.announcedAt) return t('dashboard-sessions:detail.announced', { date: date(session.announcedAt) });
  if (session.status === 'cancelled') return t('dashboard-sessions:detail.not_announced');
  if (session.announceAt && session.announceAt > now)
    return t('dashboard-sessions:detail.announce_planned', { date: date(session.announceAt) });
  return t('dashboard-sessions:detail.announce_soon');
}

function venueSection(session: SessionOverview, venue: VenueOverview, view: View): SafeHtml {
  const { t, language } = view;
  const place = [venue.place === null ? null : localizedText(venue.place, language), venue.address]
    .filter((part) => part)
    .join(', ');
  const seated = venue.tally.yes;
  return html`<section class="venue" aria-labelledby="venue-${venue.id}">
<h2 id="venue-${venue.id}">${venueName(venue, language, t)}</h2>
<dl>
${place ? html`<dt>${t('dashboard-sessions:detail.place')}</dt><dd>${place}</dd>` : ''}
${venue.url ? html`<dt>${t('dashboard-sessions:detail.link')}</dt><dd>${/^https?:\/\//i.test(venue.url) ? html`<a href="${venue.url}" rel="noopener noreferrer">${venue.url}</a>` : venue.url}</dd>` : ''}
<dt>${t('dashboard-sessions:detail.when')}</dt><dd>${venueLocalTime(venue, language, t)}</dd>
<dt>${t('dashboard-sessions:detail.capacity')}</dt><dd>${venue.capacity === null ? t('dashboard-sessions:detail.no_limit') : t('dashboard-sessions:detail.capacity_taken', { count: seated, capacity: venue.capacity })}</dd>
</dl>
${
  session.attendanceModes.includes('code')
    ? html`<p><span class="muted">${t('dashboard-sessions:detail.code')}</span><br><span class="code">${venue.attendanceCode}</span><br><span class="muted">${t(`dashboard-sessions:detail.${venue.hubName === null ? 'code_hint_online' : 'code_hint'}`, { code: venue.attendanceCode })}</span></p>`
    : html`<p class="muted">${t('dashboard-sessions:detail.code_off')}</p>`
}
${tallyList(venue.tally, t, { waiting: venue.capacity !== null || venue.tally.waiting > 0, started: venue.startsAt <= view.now })}
${session.status === 'cancelled' ? '' : html`<p><a class="button" href="/admin/sessions/${session.id}/venues/${venue.id}/roll-call">${t('dashboard-sessions:detail.roll_call')}</a></p>`}
${venue.invited.length === 0 ? html`<p class="muted">${t('dashboard-sessions:detail.nobody_invited')}</p>` : peopleBehindCounts(venue, view)}
${session.feedback || venue.invited.some((person) => person.feedbackScore !== null) ? feedback(venue, view) : ''}
</section>`;
}

/** Each count but zero opens on the names behind it; the waiting list in its order. */
function peopleBehindCounts(venue: VenueOverview, view: View): SafeHtml {
  const { t } = view;
  const waiting = venue.invited
    .filter((person) => person.rsvp === 'yes' && person.waitlistedAt !== null)
    .sort((a, b) => a.waitlistedAt!.getTime() - b.waitlistedAt!.getTime());
  const groups: [string, InvitedPerson[]][] = [
    ['yes', venue.invited.filter((person) => person.rsvp === 'yes' && person.waitlistedAt === null)],
    ['waiting', waiting],
    ['maybe', venue.invited.filter((person) => person.rsvp === 'maybe')],
    ['no', venue.invited.filter((person) => person.rsvp === 'no')],
    ['no_answer', venue.invited.filter((person) => person.rsvp === null)],
    ['attended', venue.invited.filter((person) => person.attendedAt !== null)],
  ];
  return html`<div class="who"><h3>${t('dashboard-sessions:detail.who')}</h3>${groups
    .filter(([, people]) => people.length > 0)
    .map(
      ([key, people]) =>
        html`<details><summary>${t(`dashboard-sessions:list.${key}`)} (${people.length})</summary>${nameList(key, people, t)}</details>`,
    )}</div>`;
}

/** The names behind one count; the waiting list numbered, in its order; who attended says how. */
function nameList(key: string, people: InvitedPerson[], t: AdminTranslate): SafeHtml {
  const items = people.map(
    (person) =>
      html`<li>${personLink(person, t)}${key === 'attended' ? html` <span class="muted">(${t(`dashboard-sessions:detail.by_${person.attendedBy === 'code' ? 'code' : 'roll_call'}`)})</span>` : ''}</li>`,
  );
  return key === 'waiting' ? html`<ol>${items}</ol>` : html`<ul>${items}</ul>`;
}

function feedback(venue: VenueOverview, view: View): SafeHtml {
  const { t, language } = view;
  const rated = venue.invited.filter((person) => person.feedbackScore !== null);
  const comments = venue.invited.filter((person) => person.feedbackComment?.trim());
  const average = rated.reduce((total, person) => total + person.feedbackScore!, 0) / (rated.length || 1);
  return html`<div class="feedback"><h3>${t('dashboard-sessions:detail.feedback')}</h3>
<p>${rated.length === 0 ? t('dashboard-sessions:detail.feedback_none') : t('dashboard-sessions:detail.feedback_average', { average: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(average), count: rated.length })}</p>
${comments.length === 0 ? '' : html`<h4>${t('dashboard-sessions:detail.comments')}</h4><ul class="comments">${comments.map((person) => html`<li><q>${person.feedbackComment}</q> — ${personLink(person, t)}${person.feedbackScore === null ? '' : html` <span class="muted">(${person.feedbackScore}/5)</span>`}</li>`)}</ul>`}
</div>`;
}

/** A participant's name links to their page; a mentor or staff member invited has none. */
function personLink(person: InvitedPerson, t: AdminTranslate): SafeHtml {
  const name = person.name ?? t('dashboard:unnamed');
  return person.participant ? html`<a href="/admin/people/${person.personId}">${name}</a>` : html`${name}`;
}
