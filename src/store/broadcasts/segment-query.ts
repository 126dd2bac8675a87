import { lastUsedChat } from '../../domain/last-used-chat.ts';
import type { ChannelName } from '../../domain/inbound-event.ts';
import { AUDIENCE_ROLES, type AudienceRole, type SegmentFilter } from '../../domain/segment.ts';
import { personTimeZone } from '../../domain/person-time-zone.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { isWindowOpen } from '../../domain/whatsapp-window.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';
import { audienceEnrolmentWhere } from './audience-where.ts';

interface AudienceMember {
  personId: string;
  /** The segment's roles the person has (most people one; a trainer who also mentors, two). */
  roles: AudienceRole[];
  locale: string | null;
  timeZone: string;
  /** Their hub, if any, with its name as stored (one text per language). */
  hub: { name: unknown; timeZone: string } | null;
  channelIdentityId: string;
  channel: ChannelName;
  lastInboundAt: Date | null;
}

/**
 * The people a segment designates now (participants unless it names other roles), each once, each with the channel to reach them on (the one they
 * last wrote from, among those that still reach them). People who stopped or erased their data,
 * or have not finished joining, are never included.
 */
export async function listAudience(
  db: Prisma.TransactionClient | Database,
  programmeId: string,
  filter: SegmentFilter,
): Promise<AudienceMember[]> {
  const enrolments = await db.enrolment.findMany({
    where: audienceEnrolmentWhere(programmeId, filter),
    orderBy: { createdAt: 'asc' },
    select: {
      role: true,
      cohort: { select: { programme: { select: { settings: true } } } },
      person: {
        select: {
          id: true,
          locale: true,
          timeZone: true,
          hub: { select: { name: true, timeZone: true } },
          identities: {
            where: { unreachableAt: null },
            select: { id: true, channel: true, lastInboundAt: true, createdAt: true },
          },
        },
      },
    },
  });
  const seen = new Map<string, AudienceMember>();
  // Every enrolment is in the one programme: its settings are read once.
  let programmeZone: string | undefined;
  const audience: AudienceMember[] = [];
  for (const { role, person, cohort } of enrolments) {
    const known = seen.get(person.id);
    if (known) {
      if (!known.roles.includes(role as AudienceRole)) known.roles.push(role as AudienceRole);
      continue;
    }
    // Once per person, on the chat they used last (among the segment's channels, when it names some).
    const identity = lastUsedChat(
      person.identities.filter((i) => !filter.channels || filter.channels.includes(i.channel)),
    );
    if (!identity) continue;
    programmeZone ??= parseProgrammeSettings(cohort.programme.settings).timeZone;
    const member: AudienceMember = {
      personId: person.id,
      roles: [role as AudienceRole],
      locale: person.locale,
      timeZone: personTimeZone(person, programmeZone),
      hub: person.hub,
      channelIdentityId: identity.id,
      channel: identity.channel,
      lastInboundAt: identity.lastInboundAt,
    };
    seen.set(person.id, member);
    audience.push(member);
  }
  for (const member of audience) member.roles.sort((a, b) => AUDIENCE_ROLES.indexOf(a) - AUDIENCE_ROLES.indexOf(b));
  return audience;
}

/**
 * How many a broadcast would reach, how many of them are on WhatsApp outside the 24-hour window,
 * and how many of each role (a person with two roles counts once in the total, in both roles).
 */
export async function countAudience(
  db: Prisma.TransactionClient | Database,
  programmeId: string,
  filter: SegmentFilter,
  now: Date,
) {
  const audience = await listAudience(db, programmeId, filter);
  return {
    recipients: audience.length,
    byRole: countByRole(audience),
    whatsappOutsideWindow: audience.filter((m) => m.channel === 'whatsapp' && !isWindowOpen(m.lastInboundAt, now))
      .length,
  };
}

/** How many people of each role an audience has, for the roles it has. */
export function countByRole(
  audience: readonly { roles: readonly AudienceRole[] }[],
): Partial<Record<AudienceRole, number>> {
  const counts: Partial<Record<AudienceRole, number>> = {};
  for (const member of audience) for (const role of member.roles) counts[role] = (counts[role] ?? 0) + 1;
  return counts;
}
