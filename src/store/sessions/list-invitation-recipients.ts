import type { PersonView } from '../../conversation/conversation-context.ts';
import { isLanguage } from '../../domain/programme/language.ts';
import type { RsvpAnswer } from '../../domain/sessions/session-definition.ts';
import { Prisma, type Role } from '../generated/client.ts';
import { reachablePersonSql, type SessionReach } from './session-reach.ts';

/** Someone invited to a session, to write to about it. */
export interface InvitationRecipient {
  invitationId: string;
  venueId: string;
  personId: string;
  channelIdentityId: string;
  locale: string | null;
  /** Their own zone, else their hub's, else the zone of the session's programme. */
  timeZone: string;
  rsvp: RsvpAnswer | null;
  person: PersonView;
}

interface RecipientRow {
  invitationId: string;
  venueId: string;
  rsvp: RsvpAnswer | null;
  personId: string;
  channelIdentityId: string;
  locale: string | null;
  displayName: string | null;
  roles: Role[];
  hubId: string | null;
  timeZone: string;
  consentAskedAt: Date | null;
}

/**
 * Of the invitations `invitationIds`, those whose person can still be written to about the
 * session (`reach`, see session-reach.ts), oldest invitation first, in one query: each with the
 * channel the person last wrote from among those that still reach them (as `preferredIdentity`),
 * their language and zone. Someone no channel reaches is left out.
 */
export async function listInvitationRecipients(
  tx: Prisma.TransactionClient,
  invitationIds: string[],
  reach: SessionReach,
): Promise<InvitationRecipient[]> {
  if (invitationIds.length === 0) return [];
  const rows = await tx.$queryRaw<RecipientRow[]>`
    SELECT * FROM (
      SELECT DISTINCT ON (i.id) i.id AS "invitationId", i."venueId", i.rsvp::text AS rsvp, i."createdAt",
        p.id AS "personId", ci.id AS "channelIdentityId", p.locale, p."displayName", p.roles::text[] AS roles,
        p."hubId", p."consentAskedAt",
        COALESCE(p."timeZone", h."timeZone", pr.settings->>'timeZone', 'UTC') AS "timeZone"
      FROM "SessionInvitation" i
      JOIN "Session" s ON s.id = i."sessionId"
      JOIN "Programme" pr ON pr.id = s."programmeId"
      JOIN "Person" p ON p.id = i."personId"
      LEFT JOIN "Hub" h ON h.id = p."hubId"
      JOIN "ChannelIdentity" ci ON ci."personId" = p.id AND ci."unreachableAt" IS NULL
      WHERE i.id = ANY(${invitationIds}::text[]) AND ${reachablePersonSql(Prisma.sql`p`, Prisma.sql`s."programmeId"`, reach)}
      ORDER BY i.id, ci."lastInboundAt" DESC NULLS LAST, ci."createdAt" DESC
    ) recipient
    ORDER BY recipient."createdAt", recipient."invitationId"`;
  return rows.map((row) => ({
    invitationId: row.invitationId,
    venueId: row.venueId,
    personId: row.personId,
    channelIdentityId: row.channelIdentityId,
    locale: row.locale,
    timeZone: row.timeZone,
    rsvp: row.rsvp,
    person: {
      id: row.personId,
      locale: isLanguage(row.locale) ? row.locale : null,
      displayName: row.displayName,
      roles: row.roles,
      hubId: row.hubId,
      timeZone: row.timeZone,
      optedOutAt: null,
      erasedAt: null,
      consentAskedAt: row.consentAskedAt,
    },
  }));
}
