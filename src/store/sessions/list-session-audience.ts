import { lastUsedChat } from '../../domain/last-used-chat.ts';
import type { ChannelName } from '../../domain/inbound-event.ts';
import { personTimeZone } from '../../domain/person-time-zone.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { SessionAudience } from '../../domain/sessions/session-definition.ts';
import { audienceEnrolmentWhere } from '../broadcasts/audience-where.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

export interface SessionAudienceMember {
  personId: string;
  hubId: string | null;
  locale: string | null;
  /** Their own zone, else their hub's, else the programme's. */
  timeZone: string;
  displayName: string | null;
  channelIdentityId: string;
  channel: ChannelName;
  lastInboundAt: Date | null;
}

/**
 * The people a session's audience designates now, each once, with the channel to reach them on
 * (the one they last wrote from, among those that still reach them): enrolled in the programme in
 * one of the audience's roles, finished joining, not stopped, not erased (see audienceEnrolmentWhere:
 * a trainer is in the hubs they run as well as their own). Paused people are left
 * out unless the audience names the status 'paused', as for broadcasts. With `only.personIds`,
 * only those of them who are in the audience (someone who just finished joining); with
 * `only.notToldOf`, only those not yet told of that session (read in SQL, so that the sweep that
 * looks for newcomers every minute reads only them).
 */
export async function listSessionAudience(
  db: Prisma.TransactionClient | Database,
  programmeId: string,
  audience: SessionAudience,
  only: { personIds?: string[]; notToldOf?: string } = {},
): Promise<SessionAudienceMember[]> {
  const { personIds, notToldOf } = only;
  const enrolments = await db.enrolment.findMany({
    where: {
      // The same rule as a broadcast's segment (a trainer is in the hubs they run, too).
      AND: [
        audienceEnrolmentWhere(programmeId, audience),
        {
          person: {
            ...(personIds && { id: { in: personIds } }),
            ...(notToldOf && { invitations: { none: { sessionId: notToldOf, announcedAt: { not: null } } } }),
          },
        },
      ],
    },
    orderBy: { createdAt: 'asc' },
    select: {
      cohort: { select: { programme: { select: { settings: true } } } },
      person: {
        select: {
          id: true,
          hubId: true,
          locale: true,
          timeZone: true,
          displayName: true,
          hub: { select: { timeZone: true } },
          identities: {
            where: { unreachableAt: null },
            select: { id: true, channel: true, lastInboundAt: true, createdAt: true },
          },
        },
      },
    },
  });
  const seen = new Set<string>();
  let programmeZone: string | undefined;
  const members: SessionAudienceMember[] = [];
  for (const { person, cohort } of enrolments) {
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    // Once per person, on the chat they used last (among the segment's channels, when it names some).
    const identity = lastUsedChat(
      person.identities.filter((i) => !audience.channels || audience.channels.includes(i.channel)),
    );
    if (!identity) continue;
    programmeZone ??= parseProgrammeSettings(cohort.programme.settings).timeZone;
    members.push({
      personId: person.id,
      hubId: person.hubId,
      locale: person.locale,
      timeZone: personTimeZone(person, programmeZone),
      displayName: person.displayName,
      channelIdentityId: identity.id,
      channel: identity.channel,
      lastInboundAt: identity.lastInboundAt,
    });
  }
  return members;
}
