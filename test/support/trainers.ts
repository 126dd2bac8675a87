import type { Database } from '../../src/store/database.ts';
import type { SeededCohort } from './admin-app.ts';

/** What `seedTrainers` added to a seeded cohort. */
export interface SeededTrainers {
  /** Aline runs Bukavu. */
  bukavuTrainerId: string;
  /** Kouadio runs Abidjan and Ouagadougou. */
  westTrainerId: string;
  /** Josué: an active participant in Bukavu with no mentor (the help desk goes to Aline). */
  josueId: string;
  hubIds: Record<'abidjan' | 'ouagadougou' | 'bukavu' | 'tunis' | 'antananarivo', string>;
}

let sequence = 0;

/**
 * Adds trainers to a cohort made by `seedCohort`: Aline for Bukavu (French) and Kouadio for
 * Abidjan and Ouagadougou (English), each with a trainer enrolment, and Josué, a participant in
 * Bukavu without a mentor. All reachable on the simulator, having written a day before `now`.
 */
export async function seedTrainers(db: Database, seeded: SeededCohort, now: Date): Promise<SeededTrainers> {
  const hubs = await db.hub.findMany({ where: { programmeId: seeded.programmeId }, select: { id: true, key: true } });
  const hubIds = Object.fromEntries(hubs.map((h) => [h.key, h.id])) as SeededTrainers['hubIds'];
  const lastInboundAt = new Date(now.getTime() - 24 * 3600_000);
  const person = (name: string, roles: ('participant' | 'trainer')[], hub: string, locale: string) =>
    db.person.create({
      data: {
        displayName: name,
        roles,
        locale,
        hubId: hubIds[hub as keyof SeededTrainers['hubIds']],
        identities: {
          create: { channel: 'simulator', platformId: `trainer-seed-${now.getTime()}-${sequence++}`, lastInboundAt },
        },
      },
      select: { id: true },
    });
  const aline = await person('Aline', ['trainer'], 'bukavu', 'fr');
  const kouadio = await person('Kouadio', ['trainer'], 'abidjan', 'en');
  const josue = await person('Josué', ['participant'], 'bukavu', 'fr');
  const { cohortId } = seeded;
  await db.enrolment.createMany({
    data: [
      { personId: aline.id, cohortId, role: 'trainer' },
      { personId: kouadio.id, cohortId, role: 'trainer' },
      { personId: josue.id, cohortId, role: 'participant' },
    ],
  });
  await db.trainerHub.createMany({
    data: [
      { cohortId, personId: aline.id, hubId: hubIds.bukavu },
      { cohortId, personId: kouadio.id, hubId: hubIds.abidjan },
      { cohortId, personId: kouadio.id, hubId: hubIds.ouagadougou },
    ],
  });
  return { bukavuTrainerId: aline.id, westTrainerId: kouadio.id, josueId: josue.id, hubIds };
}
