import type { RsvpStore } from '../../conversation/stores/rsvp-store.ts';
import type { Prisma } from '../generated/client.ts';
import { promoteWaitlisted } from '../sessions/promote-waitlisted.ts';
import { invitationSelect, invitationView, promotedInvitationView } from './invitation-view.ts';

/** People's invitations to sessions, and their answers with the venue's seats and waiting list. */
export function createRsvpStore(tx: Prisma.TransactionClient): RsvpStore {
  const invitation = (id: string) =>
    tx.sessionInvitation.findUniqueOrThrow({ where: { id }, select: invitationSelect });

  return {
    upcomingInvitations: async (personId, now) => {
      const rows = await tx.sessionInvitation.findMany({
        where: { personId, session: { status: 'scheduled' }, venue: { endsAt: { gt: now } } },
        orderBy: [{ venue: { startsAt: 'asc' } }, { id: 'asc' }],
        select: invitationSelect,
      });
      return Promise.all(rows.map((row) => invitationView(tx, row)));
    },

    answerInvitation: async ({ invitationId, personId, answer, at }) => {
      const found = await tx.sessionInvitation.findFirst({
        where: { id: invitationId, personId },
        select: { venueId: true },
      });
      if (!found) return { outcome: 'not_found' };
      // The venue's row stays locked until the transaction ends: seats are counted once at a time.
      const [venue] = await tx.$queryRaw<{ capacity: number | null }[]>`
        SELECT capacity FROM "SessionVenue" WHERE id = ${found.venueId} FOR UPDATE`;
      const row = await invitation(invitationId);
      if (!row.session.rsvp || !venue) return { outcome: 'not_found' };
      if (row.session.status === 'cancelled')
        return { outcome: 'cancelled', invitation: await invitationView(tx, row) };
      if (at >= row.venue.endsAt) return { outcome: 'ended', invitation: await invitationView(tx, row) };
      if (at >= row.venue.startsAt) return { outcome: 'started', invitation: await invitationView(tx, row) };

      const wasWaiting = row.rsvp === 'yes' && row.waitlistedAt !== null;
      // A press delivered after a later one (a weak network) changes nothing: the last pressed stands.
      const superseded = row.rsvpAt !== null && at < row.rsvpAt;
      if (row.rsvp !== answer && !superseded) {
        // A new yes at a venue with seats joins the queue; the promotion below seats it at once
        // when a seat is free and nobody waits before it.
        const waitlistedAt = answer === 'yes' && venue.capacity !== null ? at : null;
        await tx.sessionInvitation.update({
          where: { id: invitationId },
          data: { rsvp: answer, rsvpAt: at, waitlistedAt },
        });
      }
      const promotedIds = (await promoteWaitlisted(tx, row.venueId)).filter((id) => id !== invitationId);
      const promoted = await tx.sessionInvitation.findMany({
        where: { id: { in: promotedIds } },
        select: invitationSelect,
      });
      return {
        outcome: 'answered',
        invitation: await invitationView(tx, await invitation(invitationId)),
        wasWaiting,
        promoted: await Promise.all(promoted.map((promotedRow) => promotedInvitationView(tx, promotedRow))),
      };
    },
  };
}
