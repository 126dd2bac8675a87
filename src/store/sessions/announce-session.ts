import type { SessionDetails } from '../../conversation/notices/session-details.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { QuietHours } from '../../domain/quiet-hours.ts';
import { parseSessionAudience, venueFor } from '../../domain/sessions/session-definition.ts';
import type { Database } from '../database.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { listSessionAudience, type SessionAudienceMember } from './list-session-audience.ts';
import { sessionDetailsSelect, toSessionDetails } from './session-details-row.ts';

/** One person to tell of a session, with what they are to read. */
export interface AnnouncementRecipient {
  member: SessionAudienceMember;
  invitationId: string;
  details: SessionDetails;
  programme: { defaultLocale: string; quietHours: QuietHours | null };
}

/** A large audience is written in one transaction: give it time. */
const TRANSACTION_TIMEOUT_MS = 120_000;

/**
 * Announces a due session to everyone in its audience who has not had it yet (or to the people
 * named, a newcomer who just finished joining): creates their invitation at their venue, and
 * writes what `compose` says to the outbox, in one transaction. The session is locked while it is
 * done, so two runs never tell the same person twice. Nothing is announced for a session
 * cancelled, not yet due, or over; nor to someone whose venue has started or who has none.
 */
export async function announceSession(
  db: Database,
  options: { sessionId: string; now: Date; personIds?: string[] },
  compose: (recipient: AnnouncementRecipient) => NewOutboundMessage,
): Promise<{ announced: number; outbox: OutboxRow[] }> {
  const { sessionId, now, personIds } = options;
  const none = { announced: 0, outbox: [] };
  return db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Session" WHERE id = ${sessionId} FOR UPDATE`;
      const session = await tx.session.findUnique({
        where: { id: sessionId },
        select: { ...sessionDetailsSelect, audience: true, announceAt: true, announcedAt: true },
      });
      if (!session || session.status !== 'scheduled') return none;
      if (session.announceAt && session.announceAt > now) return none;
      const audience = parseSessionAudience(session.audience);
      if (!audience) return none;
      const members = await listSessionAudience(tx, session.programmeId, audience, {
        ...(personIds && { personIds }),
        notToldOf: sessionId,
      });
      // Someone who joins the audience once their venue has started is not asked whether they will come.
      const open = session.venues.filter((venue) => venue.startsAt > now);
      const toTell = members.flatMap((member) => {
        const venue = venueFor(open, member);
        return venue ? [{ member, venue }] : [];
      });
      if (toTell.length === 0) return none;

      await tx.sessionInvitation.createMany({
        data: toTell.map(({ member, venue }) => ({ sessionId, venueId: venue.id, personId: member.personId })),
        skipDuplicates: true,
      });
      const invitations = await tx.sessionInvitation.findMany({
        where: { sessionId, personId: { in: toTell.map(({ member }) => member.personId) } },
        select: { id: true, personId: true, venueId: true },
      });
      const invitationOf = new Map(invitations.map((invitation) => [invitation.personId, invitation]));
      await tx.sessionInvitation.updateMany({
        where: { id: { in: invitations.map((invitation) => invitation.id) } },
        data: { announcedAt: now },
      });
      if (!session.announcedAt) await tx.session.update({ where: { id: sessionId }, data: { announcedAt: now } });

      const programme = {
        defaultLocale: session.programme.defaultLocale,
        quietHours: parseProgrammeSettings(session.programme.settings).quietHours,
      };
      const messages = toTell.map(({ member, venue }) => {
        const invitation = invitationOf.get(member.personId)!;
        // An invitation made earlier keeps its venue.
        const at = session.venues.find((candidate) => candidate.id === invitation.venueId) ?? venue;
        return compose({
          member,
          invitationId: invitation.id,
          details: toSessionDetails(session, at, invitation.id),
          programme,
        });
      });
      return { announced: toTell.length, outbox: await addOutboundMessages(tx, messages, now) };
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  );
}
