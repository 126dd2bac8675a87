import type { ChannelName } from '../../domain/inbound-event.ts';
import { DEFAULT_SEGMENT_STATUSES, type SegmentFilter } from '../../domain/segment.ts';
import { personTimeZone } from '../../domain/person-time-zone.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { isWindowOpen } from '../../domain/whatsapp-window.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

interface AudienceMember {
  personId: string;
  locale: string | null;
  timeZone: string;
  /** Their hub, if any, with its name as stored (one text per language). */
  hub: { name: unknown; timeZone: string } | null;
  channelIdentityId: string;
  channel: ChannelName;
  lastInboundAt: Date | null;
}

/**
 * The participants a segment designates now, each with the channel to reach them on (the one they
 * last wrote from, among those that still reach them). People who stopped or erased their data,
 * or have not finished joining, are never included.
 */
export async function listAudience(
  db: Prisma.TransactionClient | Database,
  programmeId: string,
  filter: SegmentFilter,
): Promise<AudienceMember[]> {
  const statuses = (filter.statuses?.filter((status: string) => status !== 'stopped') ??
    DEFAULT_SEGMENT_STATUSES) as never[];
  const enrolments = await db.enrolment.findMany({
    where: {
      role: 'participant',
      status: { in: statuses },
      joinedAt: { not: null },
      cohort: { programmeId, ...(filter.cohortIds && { id: { in: filter.cohortIds } }) },
      person: {
        optedOutAt: null,
        erasedAt: null,
        ...(filter.hubIds && { hubId: { in: filter.hubIds } }),
        ...(filter.countries && { hub: { country: { in: filter.countries } } }),
      },
    },
    select: {
      cohort: { select: { programme: { select: { settings: true } } } },
      person: {
        select: {
          id: true,
          locale: true,
          timeZone: true,
          hub: { select: { name: true, timeZone: true } },
          identities: { where: { unreachableAt: null }, select: { id: true, channel: true, lastInboundAt: true } },
        },
      },
    },
  });
  const seen = new Set<string>();
  // Every enrolment is in the one programme: its settings are read once.
  let programmeZone: string | undefined;
  const audience: AudienceMember[] = [];
  for (const { person, cohort } of enrolments) {
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    const identity = person.identities
      .filter((i) => !filter.channels || filter.channels.includes(i.channel))
      .sort((a, b) => (b.lastInboundAt?.getTime() ?? 0) - (a.lastInboundAt?.getTime() ?? 0))[0];
    if (!identity) continue;
    programmeZone ??= parseProgrammeSettings(cohort.programme.settings).timeZone;
    audience.push({
      personId: person.id,
      locale: person.locale,
      timeZone: personTimeZone(person, programmeZone),
      hub: person.hub,
      channelIdentityId: identity.id,
      channel: identity.channel,
      lastInboundAt: identity.lastInboundAt,
    });
  }
  return audience;
}

/** How many a broadcast would reach, and how many of them are on WhatsApp outside the 24-hour window. */
export async function countAudience(
  db: Prisma.TransactionClient | Database,
  programmeId: string,
  filter: SegmentFilter,
  now: Date,
) {
  const audience = await listAudience(db, programmeId, filter);
  return {
    recipients: audience.length,
    whatsappOutsideWindow: audience.filter((m) => m.channel === 'whatsapp' && !isWindowOpen(m.lastInboundAt, now))
      .length,
  };
}
