import { z } from 'zod';
import type { PersonView } from '../../conversation/conversation-context.ts';
import { personTimeZone } from '../../domain/person-time-zone.ts';
import { isLanguage } from '../../domain/programme/language.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

const zoneOf = z.object({ timeZone: z.string() });

/** A person as the conversation sees them, with the time zone they live in. */
export async function personView(tx: Prisma.TransactionClient | Database, personId: string): Promise<PersonView> {
  const row = await tx.person.findUniqueOrThrow({
    where: { id: personId },
    include: {
      hub: { select: { timeZone: true } },
      enrolments: {
        take: 1,
        orderBy: { createdAt: 'asc' },
        select: { cohort: { select: { programme: { select: { settings: true } } } } },
      },
    },
  });
  // Only the zone is read: a person is shown even when the rest of their programme's settings does not parse.
  const programmeZone = zoneOf.safeParse(row.enrolments[0]?.cohort.programme.settings).data?.timeZone;
  return {
    id: row.id,
    locale: isLanguage(row.locale) ? row.locale : null,
    displayName: row.displayName,
    roles: row.roles,
    hubId: row.hubId,
    timeZone: personTimeZone(row, programmeZone),
    optedOutAt: row.optedOutAt,
    erasedAt: row.erasedAt,
    consentAskedAt: row.consentAskedAt,
  };
}

/** The channel to reach a person on: the one they last wrote from, among those that still reach them (see lastUsedChat). */
export async function preferredIdentity(
  tx: Prisma.TransactionClient | Database,
  personId: string,
): Promise<string | null> {
  const identity = await tx.channelIdentity.findFirst({
    where: { personId, unreachableAt: null },
    orderBy: [{ lastInboundAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
    select: { id: true },
  });
  return identity?.id ?? null;
}
