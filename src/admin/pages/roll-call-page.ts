import type { FastifyInstance } from 'fastify';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import { ATTENDANCE_OPENS_BEFORE_MINUTES } from '../../domain/sessions/session-definition.ts';
import { NotFoundError } from '../../store/errors.ts';
import {
  loadSessionOverview,
  type InvitedPerson,
  type SessionOverview,
  type VenueOverview,
} from '../../store/sessions/load-session-overview.ts';
import { recordRollCall } from '../../store/sessions/record-roll-call.ts';
import { visibleVenues } from '../../store/access/visible-venues.ts';
import { assertStaffOrTrainer } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { BadRequestError } from '../admin-errors.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminTranslate, csrfField, renderPage, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import { SESSION_STYLE } from './session-style.ts';
import { venueLocalTime, venueName } from './venue-time.ts';

type Params = { sessionId: string; venueId: string };

/**
 * The roll call of one venue, made to be taken on a phone: GET lists everyone invited there with
 * a large tick box (those who gave the code in chat ticked already, and kept so), POST records the
 * ticks (`recordRollCall`, audited) and comes back with how many were marked and unmarked.
 */
export function registerRollCallPage(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Params: Params; Querystring: { marked?: string; unmarked?: string } }>(
    '/admin/sessions/:sessionId/venues/:venueId/roll-call',
    async (request, reply) => {
      const { viewer } = request;
      assertStaffOrTrainer(viewer);
      const { session, venue } = await visibleVenue(deps, viewer, request.params);
      const t = adminTranslate(deps, viewer);
      const { marked, unmarked } = request.query;
      const saved =
        marked !== undefined && unmarked !== undefined
          ? html`<p class="notice" role="status">${t('dashboard-sessions:roll_call.saved', { marked: count(marked), unmarked: count(unmarked) })}</p>`
          : '';
      const body = html`${SESSION_STYLE}
<p><strong>${localizedText(session.title, viewer.language)}</strong><br><span class="muted">${venueLocalTime(venue, viewer.language, t)}</span></p>
${saved}
<p class="present-count" aria-live="polite">${t('dashboard-sessions:roll_call.present_count', { attended: venue.tally.attended, invited: venue.tally.invited })}</p>
${rollCallForm(session, venue, viewer, t, deps.now())}
<p><a href="/admin/sessions/${session.id}">${t('dashboard-sessions:roll_call.back')}</a></p>`;
      return reply.type('text/html; charset=utf-8').send(
        renderPage(viewer, t, {
          title: t('dashboard-sessions:roll_call.title', { venue: venueName(venue, viewer.language, t) }),
          body,
          section: 'sessions',
        }),
      );
    },
  );

  app.post<{ Params: Params }>('/admin/sessions/:sessionId/venues/:venueId/roll-call', async (request, reply) => {
    const { viewer } = request;
    assertStaffOrTrainer(viewer);
    const { session, venue } = await visibleVenue(deps, viewer, request.params);
    if (session.status === 'cancelled')
      throw new BadRequestError(`session ${session.id} is cancelled: no roll call`, {
        key: 'dashboard-sessions:roll_call.cancelled',
      });
    const opensAt = rollCallOpensAt(venue);
    if (deps.now() < opensAt)
      throw new BadRequestError(`venue ${venue.id} roll call opens at ${opensAt.toISOString()}`, {
        key: 'dashboard-sessions:roll_call.not_open',
        values: { opensAt: formatLocalDateTime(opensAt, viewer.timeZone, viewer.language) },
      });
    const result = await recordRollCall(deps.db, {
      venueId: venue.id,
      // A box of someone no longer invited here (a page left open while the audience changed) is left out.
      present: ticked(request.body).filter((personId) => venue.invited.some((person) => person.personId === personId)),
      actorId: viewer.personId,
      now: deps.now(),
    });
    request.log.info(
      { sessionId: session.id, venueId: venue.id, personId: viewer.personId, ...result },
      'roll call recorded',
    );
    return reply.redirect(
      `/admin/sessions/${session.id}/venues/${venue.id}/roll-call?marked=${result.marked}&unmarked=${result.unmarked}`,
      303,
    );
  });
}

/** The session (of one of the viewer's programmes) and its venue (a trainer's: in one of their hubs); 404 for any other. */
async function visibleVenue(
  deps: AdminDependencies,
  viewer: Viewer,
  params: Params,
): Promise<{ session: SessionOverview; venue: VenueOverview }> {
  const session = await loadSessionOverview(deps.db, params.sessionId, {
    programmeIds: viewer.programmeIds,
    venues: visibleVenues(viewer),
  });
  const venue = session.venues.find((candidate) => candidate.id === params.venueId);
  if (!venue) throw new NotFoundError(`venue ${params.venueId} is not a venue of session ${session.id}`);
  return { session, venue };
}

/** The roll call opens as code attendance does, a little before the start; it never closes (staff may fill it in the next day). */
function rollCallOpensAt(venue: VenueOverview): Date {
  return new Date(venue.startsAt.getTime() - ATTENDANCE_OPENS_BEFORE_MINUTES * 60_000);
}

function rollCallForm(
  session: SessionOverview,
  venue: VenueOverview,
  viewer: Viewer,
  t: AdminTranslate,
  now: Date,
): SafeHtml {
  if (session.status === 'cancelled')
    return html`<p class="notice error" role="status">${t('dashboard-sessions:roll_call.cancelled')}</p>`;
  const opensAt = rollCallOpensAt(venue);
  if (now < opensAt)
    return html`<p class="notice" role="status">${t('dashboard-sessions:roll_call.not_open', { opensAt: formatLocalDateTime(opensAt, viewer.timeZone, viewer.language) })}</p>`;
  if (venue.invited.length === 0) return html`<p class="muted">${t('dashboard-sessions:roll_call.nobody')}</p>`;
  return html`<p class="muted">${t('dashboard-sessions:roll_call.hint')}</p>
<form method="post" action="/admin/sessions/${session.id}/venues/${venue.id}/roll-call">${csrfField(viewer)}
<ul class="ticks">${venue.invited.map((person) => tick(person, t))}</ul>
<div class="submit-bar"><button type="submit">${t('dashboard-sessions:roll_call.submit')}</button></div>
</form>`;
}

/** One person: a tick box the size of a thumb; a presence given by code is ticked and cannot be unticked here. */
function tick(person: InvitedPerson, t: AdminTranslate): SafeHtml {
  const byCode = person.attendedBy === 'code';
  const answer =
    person.rsvp === 'yes' && person.waitlistedAt !== null
      ? t('dashboard-sessions:roll_call.waiting')
      : t(`dashboard-sessions:roll_call.rsvp_${person.rsvp ?? 'none'}`);
  return html`<li><label><input type="checkbox" name="present" value="${person.personId}"${person.attendedAt ? html` checked` : ''}${byCode ? html` disabled` : ''}><span><span class="name">${person.name ?? t('dashboard:unnamed')}</span><small>${answer}${byCode ? html` · ${t('dashboard-sessions:roll_call.by_code')}` : ''}</small></span></label>${byCode ? html`<input type="hidden" name="present" value="${person.personId}">` : ''}</li>`;
}

/** The person ids ticked: one field per tick box (a single one arrives as a string). */
function ticked(body: unknown): string[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>).present : undefined;
  const values = Array.isArray(value) ? value : [value];
  return values.filter((id): id is string => typeof id === 'string' && id.length > 0);
}

/** A count from the query string, shown as a whole number whatever was typed there. */
function count(value: string): number {
  const number = Number.parseInt(value, 10);
  return Number.isFinite(number) && number >= 0 ? number : 0;
}
