import type { PromotedInvitation } from '../../conversation/stores/rsvp-store.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { QuietHours } from '../../domain/quiet-hours.ts';
import type { Database } from '../database.ts';
import { Prisma } from '../generated/client.ts';
import { invitationSelect, promotedInvitationView } from '../conversation/invitation-view.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { NOTICE_TIMEOUT_MS } from './claim-change-notice.ts';
import { listInvitationRecipients } from './list-invitation-recipients.ts';
import { promoteWaitlisted } from './promote-waitlisted.ts';
import { canBePromotedSql, holdsSeatSql } from './session-reach.ts';

/** Someone given a seat that the venue gained (more seats, or no limit any more), and how to reach them. */
export interface FreedSeat {
  promoted: PromotedInvitation;
  channelIdentityId: string;
  quietHours: QuietHours | null;
}

/**
 * Gives the seats a venue gained since people started waiting (its capacity raised or removed, in
 * the dashboard or the programme file) to the first people waiting, and writes what `compose`
 * says to each, in one transaction per venue. Venues that have started, or whose session was
 * cancelled, are left alone. A seat freed by someone's answer is given at once by that answer;
 * this catches the other ways a seat appears.
 */
export async function claimFreedSeats(
  db: Database,
  now: Date,
  compose: (seat: FreedSeat) => NewOutboundMessage,
): Promise<OutboxRow[]> {
  const venues = await db.$queryRaw<{ id: string }[]>`
    SELECT v.id FROM "SessionVenue" v JOIN "Session" s ON s.id = v."sessionId"
    WHERE s.status = 'scheduled' AND v."startsAt" > ${now}
      AND EXISTS (SELECT 1 FROM "SessionInvitation" w
        WHERE w."venueId" = v.id AND ${canBePromotedSql(Prisma.sql`w`, Prisma.sql`s."programmeId"`)})
      AND (v.capacity IS NULL OR v.capacity > (SELECT count(*) FROM "SessionInvitation" i
        WHERE i."venueId" = v.id AND ${holdsSeatSql(Prisma.sql`i`, Prisma.sql`s."programmeId"`)}))`;
  const rows: OutboxRow[] = [];
  for (const venue of venues) {
    rows.push(
      ...(await db.$transaction(
        async (tx) => {
          const ids = await promoteWaitlisted(tx, venue.id);
          if (ids.length === 0) return [];
          const invitations = await tx.sessionInvitation.findMany({
            where: { id: { in: ids } },
            select: invitationSelect,
          });
          const settings = parseProgrammeSettings(invitations[0]!.session.programme.settings);
          const byId = new Map(invitations.map((invitation) => [invitation.id, invitation]));
          const messages: NewOutboundMessage[] = [];
          for (const recipient of await listInvitationRecipients(tx, ids, 'notice')) {
            // Promoted, so no longer waiting: the view reads nothing more.
            const promoted = await promotedInvitationView(tx, byId.get(recipient.invitationId)!);
            const told = { ...promoted, recipient: { locale: recipient.locale, timeZone: recipient.timeZone } };
            messages.push(
              compose({
                promoted: told,
                channelIdentityId: recipient.channelIdentityId,
                quietHours: settings.quietHours,
              }),
            );
          }
          return addOutboundMessages(tx, messages, now);
        },
        { timeout: NOTICE_TIMEOUT_MS },
      )),
    );
  }
  return rows;
}
