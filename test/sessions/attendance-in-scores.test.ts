import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCohortScores } from '../../src/store/cohorts/load-cohort-scores.ts';
import type { Prisma } from '../../src/store/generated/client.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * Attendance in the selection scores: nothing changes unless the programme file gives sessions a
 * weight; then the sessions that ended count, those not ended or not invited to do not.
 */
describe('attendance in the motivation score', () => {
  // Tuesday of week 6 of the sample: week 1's exercise is long past its deadline.
  const now = new Date('2027-02-16T12:00:00Z');
  let test: TestDatabase;
  let cohortId: string;
  let programmeId: string;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    const cohort = await test.db.cohort.findFirstOrThrow({ where: { key: 'promo-2027' } });
    cohortId = cohort.id;
    programmeId = cohort.programmeId;
    const hub = await test.db.hub.findFirstOrThrow({ where: { key: 'abidjan' } });
    const exercise = await test.db.exercise.findFirstOrThrow({
      where: { key: 'semaine-1' },
      include: { questions: true },
    });
    // Both hand in week 1 in full the moment it is released: motivation 100 % from the exercises.
    for (const name of ['Awa', 'Binta']) {
      const person = await test.db.person.create({
        data: {
          displayName: name,
          roles: ['participant'],
          hubId: hub.id,
          enrolments: { create: { cohortId, role: 'participant' } },
        },
        include: { enrolments: true },
      });
      people[name] = person.id;
      const releaseAt = new Date('2027-01-11T09:00:00Z');
      const submission = await test.db.submission.create({
        data: {
          exerciseId: exercise.id,
          enrolmentId: person.enrolments[0]!.id,
          status: 'submitted',
          releaseAt,
          releasedAt: releaseAt,
          deadlineAt: new Date('2027-01-17T23:59:00Z'),
          submittedAt: releaseAt,
        },
      });
      await test.db.answer.createMany({
        data: exercise.questions.map((question) => ({
          submissionId: submission.id,
          questionId: question.id,
          value: { text: 'réponse' },
          answeredAt: releaseAt,
        })),
      });
    }

    const invite = async (
      key: string,
      localStart: string,
      name: string,
      data: Partial<Prisma.SessionInvitationUncheckedCreateInput>,
    ) => {
      const { sessionId } = await createSampleSession(
        test.db,
        workshopDefinition({ key, localStart, hubs: ['abidjan'] }),
        SAMPLE_DAYTIME,
      );
      const venue = await test.db.sessionVenue.findFirstOrThrow({ where: { sessionId } });
      await test.db.sessionInvitation.create({
        data: { sessionId, venueId: venue.id, personId: people[name]!, ...data },
      });
    };
    // The January workshop has ended: Awa said yes and came, Binta said she could not come.
    await invite('janvier', '2027-01-20T09:00', 'Awa', {
      rsvp: 'yes',
      attendedAt: new Date('2027-01-20T09:10:00Z'),
      attendedBy: 'code',
    });
    const january = await test.db.session.findFirstOrThrow({ where: { key: 'janvier' } });
    const venue = await test.db.sessionVenue.findFirstOrThrow({ where: { sessionId: january.id } });
    await test.db.sessionInvitation.create({
      data: { sessionId: january.id, venueId: venue.id, personId: people.Binta!, rsvp: 'no' },
    });
    // The March workshop has not happened yet: Binta's "yes" not kept yet counts for nothing.
    await invite('mars', '2027-03-09T09:00', 'Binta', { rsvp: 'yes' });
    // A February workshop only Awa was invited to, and missed: Binta is not judged on it.
    await invite('fevrier', '2027-02-10T09:00', 'Awa', { rsvp: 'maybe' });
  });

  afterAll(async () => {
    await test.drop();
  });

  async function motivation(attendance?: { weight: number; rsvpKept: boolean }) {
    const programme = await test.db.programme.findUniqueOrThrow({ where: { id: programmeId } });
    const settings = programme.settings as { scores: Record<string, Prisma.InputJsonValue> };
    if (attendance) settings.scores.attendance = attendance;
    else delete settings.scores.attendance;
    await test.db.programme.update({ where: { id: programmeId }, data: { settings } });
    const ranking = await loadCohortScores(test.db, { cohortId, now });
    return Object.fromEntries(ranking.participants.map((p) => [p.name, p.scores.motivation]));
  }

  it('leaves the scores as they were when the programme file gives sessions no weight', async () => {
    expect(await motivation()).toEqual({ Awa: 1, Binta: 1 });
    expect(await motivation({ weight: 0, rsvpKept: true })).toEqual({ Awa: 1, Binta: 1 });
  });

  it('counts the sessions each was invited to that have ended, with their weight beside the exercises', async () => {
    const scores = await motivation({ weight: 1, rsvpKept: false });
    // Awa: exercises 1, sessions 1 of 2 → (1 + ½) / 2; Binta: exercises 1, sessions 0 of 1 → ½.
    expect(scores.Awa).toBeCloseTo(0.75, 10);
    expect(scores.Binta).toBeCloseTo(0.5, 10);
    const ranking = await loadCohortScores(test.db, { cohortId, now });
    expect(ranking.attendance).toEqual({ weight: 1, rsvpKept: false });
    expect(ranking.participants.find((p) => p.name === 'Awa')?.reasons).toContainEqual({
      key: 'scores:reason.sessions_attended',
      values: { attended: 1, counted: 2 },
    });
  });

  it('counts a kept answer when the programme asks: saying no beforehand is kept, a missed maybe is not', async () => {
    const scores = await motivation({ weight: 1, rsvpKept: true });
    // Awa: attended ½, kept ½ → sessions ½ → (1 + ½) / 2; Binta: attended 0, kept 1 → ½ → (1 + ½) / 2.
    expect(scores.Awa).toBeCloseTo(0.75, 10);
    expect(scores.Binta).toBeCloseTo(0.75, 10);
  });
});
