import type { Database } from '../../src/store/database.ts';
import type { SeededCohort } from '../support/admin-app.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import type { TestApp } from '../support/test-app.ts';
import type { SeededTrainers } from '../support/trainers.ts';

let sequence = 0;

/** Someone seeded in the database (by `seedCohort`, `seedTrainers` or `addParticipant`), chatting on the simulator. */
export async function chatAs(t: TestApp, personId: string): Promise<SimulatedPerson> {
  const identity = await t.test.db.channelIdentity.findFirstOrThrow({
    where: { personId, channel: 'simulator' },
    select: { platformId: true },
  });
  return new SimulatedPerson(t, identity.platformId, personId);
}

/** A participant of the seeded cohort with no mentor and no exercise, in `hub`, who wrote a day ago. */
export async function addParticipant(
  db: Database,
  seeded: Pick<SeededCohort, 'cohortId'>,
  trainers: Pick<SeededTrainers, 'hubIds'>,
  person: { name: string; hub: keyof SeededTrainers['hubIds']; locale: 'fr' | 'en' },
  now: Date,
): Promise<string> {
  const created = await db.person.create({
    data: {
      displayName: person.name,
      roles: ['participant'],
      locale: person.locale,
      hubId: trainers.hubIds[person.hub],
      identities: {
        create: {
          channel: 'simulator',
          platformId: `help-desk-${now.getTime()}-${sequence++}`,
          lastInboundAt: new Date(now.getTime() - 24 * 3600_000),
        },
      },
    },
    select: { id: true },
  });
  await db.enrolment.create({ data: { personId: created.id, cohortId: seeded.cohortId, role: 'participant' } });
  return created.id;
}

/** The ids of the buttons of a message, if it has any. */
export const buttonIds = (message: { kind: string; choices?: { id: string }[] } | undefined) =>
  message?.kind === 'choices' ? (message.choices ?? []).map((c) => c.id) : [];
