import type { Prisma } from '../generated/client.ts';

/**
 * Whether a person holds anything of their own: a role, an enrolment, an application, a consent,
 * a file, a help-desk conversation, a dialogue under way, a name or a place, another chat… Someone
 * who only wrote "hello" holds nothing, and may be folded into another person; anyone else never
 * is without their say (see useLinkCode).
 */
export async function personHoldsData(tx: Prisma.TransactionClient, personId: string): Promise<boolean> {
  const person = await tx.person.findUniqueOrThrow({
    where: { id: personId },
    select: {
      roles: true,
      displayName: true,
      hubId: true,
      country: true,
      timeZone: true,
      erasedAt: true,
      optedOutAt: true,
      conversation: { select: { personId: true } },
      _count: {
        select: {
          identities: true,
          enrolments: true,
          applications: true,
          consents: true,
          mediaFiles: true,
          helpConversations: true,
          helpMessages: true,
          invitations: true,
          checkInsGiven: true,
          checkInsReceived: true,
          mentoring: true,
          mentoredBy: true,
          trainerHubs: true,
          linkCodes: true,
        },
      },
    },
  });
  const counted = Object.values(person._count).reduce((sum, count) => sum + count, 0);
  // The chat itself is one identity: more than that is another chat of theirs.
  return (
    counted - 1 > 0 ||
    person.roles.length > 0 ||
    person.conversation !== null ||
    [person.displayName, person.hubId, person.country, person.timeZone, person.erasedAt, person.optedOutAt].some(
      (value) => value !== null,
    )
  );
}
