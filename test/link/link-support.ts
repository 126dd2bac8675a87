import type { ChannelName } from '../../src/domain/inbound-event.ts';
import type { Database } from '../../src/store/database.ts';

/**
 * A participant of the sample programme's cohort who joined on one chat (and consented to its
 * text), in French: someone who may ask for a code to link another app.
 */
export async function seedParticipant(
  db: Database,
  person: { name: string; channel: ChannelName; platformId: string; phoneNumber?: string; at: Date },
): Promise<{ personId: string; identityId: string }> {
  const cohort = await db.cohort.findFirstOrThrow({ orderBy: { createdAt: 'asc' } });
  const created = await db.person.create({
    data: {
      displayName: person.name,
      locale: 'fr',
      roles: ['participant'],
      identities: {
        create: {
          channel: person.channel,
          platformId: person.platformId,
          phoneNumber: person.phoneNumber ?? null,
          lastInboundAt: person.at,
          createdAt: person.at,
        },
      },
      enrolments: { create: { cohortId: cohort.id, role: 'participant', joinedAt: person.at } },
      consents: {
        create: {
          programmeId: cohort.programmeId,
          given: true,
          textVersion: '2027-01',
          locale: 'fr',
          createdAt: person.at,
        },
      },
    },
    select: { id: true, identities: { select: { id: true } } },
  });
  return { personId: created.id, identityId: created.identities[0]!.id };
}

/** The code in a LIER answer: "Votre code : K7P-Q3M". */
export function codeIn(text: string | undefined): string {
  const code = /\b([A-Z0-9]{3}-[A-Z0-9]{3})\b/.exec(text ?? '')?.[1];
  if (!code) throw new Error(`no code in ${JSON.stringify(text)}`);
  return code;
}
