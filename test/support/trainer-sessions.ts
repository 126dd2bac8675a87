import type { Database } from '../../src/store/database.ts';
import type { SeededCohort } from './admin-app.ts';
import { inviteToSession } from './session-invitations.ts';
import { createSampleSession, onlineDefinition, workshopDefinition } from './sessions.ts';
import type { SeededTrainers } from './trainers.ts';

/** What `seedTrainerSessions` created. */
export interface SeededTrainerSessions {
  /** Past (10 November 2026, 09:00 local) in Abidjan, Ouagadougou, Bukavu and Tunis. */
  hubsWorkshopId: string;
  /** Its venues by hub key. */
  hubsVenues: Record<'abidjan' | 'ouagadougou' | 'bukavu' | 'tunis', string>;
  /** Upcoming, in Tunis and Antananarivo only: no trainer of the tests runs either. */
  southId: string;
  southVenues: Record<'tunis' | 'antananarivo', string>;
  /** Past and online: held in no hub. */
  onlineId: string;
}

const DAY = 24 * 3600_000;

/**
 * Sessions for the trainers' tests, after `seedCohort` and `seedTrainers` (`now` is SAMPLE_DAYTIME):
 *
 * - "Atelier des hubs" (past): Awa came (code) in Abidjan, Boubacar said yes in Ouagadougou, Espoir
 *   came (roll call) and Josué said yes in Bukavu, Salma came in Tunis;
 * - "Atelier de Tunis et Tana" (upcoming): Salma and Rivo said yes;
 * - an online session (past): Awa and Espoir invited.
 */
export async function seedTrainerSessions(
  db: Database,
  now: Date,
  seed: SeededCohort,
  trainers: SeededTrainers,
): Promise<SeededTrainerSessions> {
  const [awa, boubacar, salma, espoir, rivo] = seed.participantIds as [string, string, string, string, string];
  const before = new Date(now.getTime() - 30 * DAY);
  const hubs = await createSampleSession(
    db,
    workshopDefinition({
      key: 'atelier-hubs',
      title: { fr: 'Atelier des hubs', en: 'Hubs workshop' },
      localStart: '2026-11-10T09:00',
      hubs: ['abidjan', 'ouagadougou', 'bukavu', 'tunis'],
    }),
    before,
  );
  const attended = new Date('2026-11-10T10:00:00Z');
  await inviteToSession(db, hubs.sessionId, awa, { rsvp: 'yes', attendedAt: attended, attendedBy: 'code' });
  await inviteToSession(db, hubs.sessionId, boubacar, { rsvp: 'yes' });
  await inviteToSession(db, hubs.sessionId, espoir, {
    rsvp: 'yes',
    attendedAt: attended,
    attendedBy: 'roll_call',
    attendanceRecordedById: seed.staffId,
  });
  await inviteToSession(db, hubs.sessionId, trainers.josueId, { rsvp: 'yes' });
  await inviteToSession(db, hubs.sessionId, salma, { rsvp: 'yes', attendedAt: attended, attendedBy: 'code' });

  const south = await createSampleSession(
    db,
    workshopDefinition({
      key: 'atelier-tunis-tana',
      title: { fr: 'Atelier de Tunis et Tana', en: 'Tunis and Tana workshop' },
      localStart: '2026-12-05T09:00',
      hubs: ['tunis', 'antananarivo'],
    }),
    now,
  );
  await inviteToSession(db, south.sessionId, salma, { rsvp: 'yes', rsvpAt: now });
  await inviteToSession(db, south.sessionId, rivo, { rsvp: 'yes', rsvpAt: now });

  const online = await createSampleSession(
    db,
    onlineDefinition({ key: 'en-ligne-hubs', localStart: '2026-11-05T14:00' }),
    before,
  );
  await inviteToSession(db, online.sessionId, awa, { rsvp: 'yes' });
  await inviteToSession(db, online.sessionId, espoir, { rsvp: 'no' });

  const venueIds = async (sessionId: string) =>
    Object.fromEntries(
      (await db.sessionVenue.findMany({ where: { sessionId }, select: { id: true, key: true } })).map((venue) => [
        venue.key,
        venue.id,
      ]),
    );
  return {
    hubsWorkshopId: hubs.sessionId,
    hubsVenues: (await venueIds(hubs.sessionId)) as SeededTrainerSessions['hubsVenues'],
    southId: south.sessionId,
    southVenues: (await venueIds(south.sessionId)) as SeededTrainerSessions['southVenues'],
    onlineId: online.sessionId,
  };
}
