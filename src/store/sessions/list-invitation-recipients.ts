import { personTimeZone } from '../../domain/person-time-zone.ts';
import type { Prisma } from '../generated/client.ts';
import { preferredIdentity } from '../people/person-view.ts';

/** Someone invited to a session, to write to about it. */
export interface InvitationRecipient {
  invitationId: string;
  venueId: string;
  personId: string;
  channelIdentityId: string;
  locale: string | null;
  timeZone: string;
}

/**
 * The invitations `where` selects whose person can still be written to (not erased, not opted
 * out, a channel that reaches them), each with the channel they last wrote from and their zone.
 */
export async function listInvitationRecipients(
  tx: Prisma.TransactionClient,
  where: Prisma.SessionInvitationWhereInput,
  programmeZone: string,
): Promise<InvitationRecipient[]> {
  const rows = await tx.sessionInvitation.findMany({
    where: { ...where, person: { erasedAt: null, optedOutAt: null } },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      venueId: true,
      person: { select: { id: true, locale: true, timeZone: true, hub: { select: { timeZone: true } } } },
    },
  });
  const recipients: InvitationRecipient[] = [];
  for (const row of rows) {
    const channelIdentityId = await preferredIdentity(tx, row.person.id);
    if (!channelIdentityId) continue;
    recipients.push({
      invitationId: row.id,
      venueId: row.venueId,
      personId: row.person.id,
      channelIdentityId,
      locale: row.person.locale,
      timeZone: personTimeZone(row.person, programmeZone),
    });
  }
  return recipients;
}
