import type { Database } from '../../src/store/database.ts';
import { saveSession } from '../../src/store/sessions/save-session.ts';
import type { SeededCohort, SeededSecondProgramme } from './admin-app.ts';
import { inviteToSession } from './session-invitations.ts';
import { createSampleSession, onlineDefinition, workshopDefinition } from './sessions.ts';

/** What `seedSessions` created. */
export interface SeededSessions {
  /** Upcoming, 9 March 2027 at 09:00 local in Abidjan, Ouagadougou and Tunis, 2 seats a venue. */
  workshopId: string;
  /** Its venues by hub key. */
  workshopVenues: Record<string, { id: string; attendanceCode: string }>;
  /** Past, online, 2 November 2026 at 14:00 in Paris, with feedback. */
  onlineId: string;
  onlineVenueId: string;
  /** The closing event, cancelled. */
  closingId: string;
  closingVenueId: string;
  /** The second programme's workshop in Tunis, Kofi invited. */
  southId: string;
  southVenueId: string;
}

const DAY = 24 * 3600_000;

/**
 * Sessions for the dashboard tests, next to `seedCohort` (and `seedSecondProgramme`), with the
 * answers and attendance written directly (Awa, Boubacar, Salma, Espoir, Rivo, Fatou):
 *
 * - the workshop (upcoming): in Abidjan Awa and Fatou said yes and took the two seats, Mme Diallo
 *   (a mentor) said yes and waits; in Ouagadougou Boubacar said maybe; in Tunis Salma has not answered;
 * - the online session (past, feedback): Awa came (code, 5, "Très utile, merci !"), Boubacar came
 *   (roll call, 4), Salma said no, Fatou and Rivo did not answer;
 * - the closing event, cancelled, Awa invited;
 * - the second programme's workshop, Kofi said yes.
 */
export async function seedSessions(
  db: Database,
  now: Date,
  seed: SeededCohort,
  second: SeededSecondProgramme,
): Promise<SeededSessions> {
  const [awa, boubacar, salma, , rivo, fatou] = seed.participantIds as [string, string, string, string, string, string];
  const diallo = seed.mentorIds[0];

  const workshop = await createSampleSession(
    db,
    workshopDefinition({ localStart: '2027-03-09T09:00', hubs: ['abidjan', 'ouagadougou', 'tunis'], capacity: 2 }),
    now,
  );
  await inviteToSession(db, workshop.sessionId, awa, { rsvp: 'yes', rsvpAt: now });
  await inviteToSession(db, workshop.sessionId, fatou, { rsvp: 'yes', rsvpAt: now });
  await inviteToSession(db, workshop.sessionId, diallo, { rsvp: 'yes', rsvpAt: now, waitlistedAt: now });
  await inviteToSession(db, workshop.sessionId, boubacar, { rsvp: 'maybe', rsvpAt: now });
  await inviteToSession(db, workshop.sessionId, salma);

  const online = await createSampleSession(
    db,
    onlineDefinition({ key: 'securite-test', localStart: '2026-11-02T14:00', feedback: true }),
    new Date(now.getTime() - 30 * DAY),
  );
  const ended = new Date('2026-11-02T14:30:00Z');
  const { venueId: onlineVenueId } = await inviteToSession(db, online.sessionId, awa, {
    rsvp: 'yes',
    attendedAt: ended,
    attendedBy: 'code',
    feedbackScore: 5,
    feedbackComment: 'Très utile, merci !',
    feedbackAt: ended,
  });
  await inviteToSession(db, online.sessionId, boubacar, {
    rsvp: 'yes',
    attendedAt: ended,
    attendedBy: 'roll_call',
    attendanceRecordedById: seed.staffId,
    feedbackScore: 4,
    feedbackAt: ended,
  });
  await inviteToSession(db, online.sessionId, salma, { rsvp: 'no' });
  await inviteToSession(db, online.sessionId, fatou);
  await inviteToSession(db, online.sessionId, rivo);

  const closing = await createSampleSession(
    db,
    workshopDefinition({
      key: 'cloture-test',
      kind: 'closing',
      title: { fr: 'Cérémonie de clôture', en: 'Closing ceremony' },
      localStart: '2027-06-20T10:00',
      hubs: ['abidjan'],
    }),
    now,
  );
  await db.session.update({ where: { id: closing.sessionId }, data: { status: 'cancelled', cancelledAt: now } });
  const { venueId: closingVenueId } = await inviteToSession(db, closing.sessionId, awa, { rsvp: 'yes' });

  const south = await saveSession(
    db,
    second.programmeId,
    workshopDefinition({
      key: 'atelier-sud',
      title: { fr: 'Atelier du Sud', en: 'Southern workshop' },
      localStart: '2027-03-10T09:00',
      hubs: ['tunis'],
    }),
    { now },
  );
  const { venueId: southVenueId } = await inviteToSession(db, south.sessionId, second.kofiId, { rsvp: 'yes' });

  const venues = await db.sessionVenue.findMany({
    where: { sessionId: workshop.sessionId },
    select: { id: true, key: true, attendanceCode: true },
  });
  return {
    workshopId: workshop.sessionId,
    workshopVenues: Object.fromEntries(venues.map(({ key, ...venue }) => [key, venue])),
    onlineId: online.sessionId,
    onlineVenueId,
    closingId: closing.sessionId,
    closingVenueId,
    southId: south.sessionId,
    southVenueId,
  };
}
