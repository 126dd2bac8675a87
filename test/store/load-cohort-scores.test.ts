import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslate } from '../../src/i18n.ts';
import type { CheckInSignal, EnrolmentStatus } from '../../src/store/generated/enums.ts';
import { loadCohortScores } from '../../src/store/cohorts/load-cohort-scores.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** Tuesday of week 6: weeks 1 to 5 are past their deadline, week 6 was released yesterday. */
const now = new Date('2027-02-16T12:00:00Z');

/** Week `n` of the sample, for someone in Abidjan (UTC): Monday 09:00 to Sunday 23:59. */
function weekOf(n: number) {
  const releaseAt = new Date(Date.UTC(2027, 0, 11, 9, 0) + (n - 1) * 7 * DAY_MS);
  const deadlineAt = new Date(Date.UTC(2027, 0, 17, 23, 59) + (n - 1) * 7 * DAY_MS);
  return { releaseAt, deadlineAt };
}

type Work =
  | { week: number; status: 'missed' | 'open' | 'planned' }
  | { week: number; status: 'submitted'; at: 'release' | 'within-grace' | 'late'; skipOptional?: boolean };

let test: TestDatabase;
let cohortId: string;
let staffId: string;
const people: Record<string, string> = {};

async function participant(
  name: string,
  options: { status?: EnrolmentStatus; work: Work[]; signals?: CheckInSignal[]; erased?: boolean },
) {
  const hub = await test.db.hub.findFirstOrThrow({ where: { key: 'abidjan' } });
  const person = await test.db.person.create({
    data: {
      displayName: options.erased ? null : name,
      roles: ['participant'],
      hubId: hub.id,
      erasedAt: options.erased ? new Date('2027-02-01T00:00:00Z') : null,
      enrolments: { create: { cohortId, role: 'participant', status: options.status ?? 'active' } },
    },
    include: { enrolments: true },
  });
  people[name] = person.id;
  const enrolmentId = person.enrolments[0]!.id;
  for (const work of options.work) {
    const exercise = await test.db.exercise.findFirstOrThrow({
      where: { key: `semaine-${work.week}` },
      include: { questions: true },
    });
    const { releaseAt, deadlineAt } = weekOf(work.week);
    const submittedAt =
      work.status !== 'submitted'
        ? null
        : work.at === 'release'
          ? releaseAt
          : work.at === 'within-grace'
            ? new Date(deadlineAt.getTime() + 6 * HOUR_MS)
            : new Date(deadlineAt.getTime() + 2 * DAY_MS);
    const submission = await test.db.submission.create({
      data: {
        exerciseId: exercise.id,
        enrolmentId,
        status: work.status,
        releaseAt,
        releasedAt: work.status === 'planned' ? null : releaseAt,
        deadlineAt,
        submittedAt,
        late: work.status === 'submitted' && work.at === 'late',
      },
    });
    if (work.status !== 'submitted') continue;
    await test.db.answer.createMany({
      data: exercise.questions.map((question) => {
        const skipped = !question.required && work.skipOptional === true;
        return {
          submissionId: submission.id,
          questionId: question.id,
          value: skipped ? undefined : { text: 'réponse' },
          skipped,
          answeredAt: submittedAt!,
        };
      }),
    });
  }
  if (options.signals?.length) {
    const mentor = await test.db.person.create({ data: { displayName: `Mentor de ${name}`, roles: ['mentor'] } });
    const assignment = await test.db.mentorAssignment.create({
      data: { cohortId, mentorId: mentor.id, menteeId: person.id },
    });
    await test.db.checkIn.createMany({
      data: options.signals.map((signal, index) => ({
        assignmentId: assignment.id,
        mentorId: mentor.id,
        menteeId: person.id,
        status: 'answered' as const,
        dueAt: new Date(Date.UTC(2027, 0, 18 + 7 * index, 10)),
        answeredAt: new Date(Date.UTC(2027, 0, 18 + 7 * index, 12)),
        signal,
      })),
    });
  }
  return person;
}

async function grade(name: string, week: number, score: number, graderId: string) {
  const submission = await test.db.submission.findFirstOrThrow({
    where: { enrolment: { personId: people[name] }, exercise: { key: `semaine-${week}` } },
  });
  await test.db.rubricGrade.create({ data: { submissionId: submission.id, graderId, score } });
}

/** Boubacar's and Fatou's weeks: on time, within grace, late, missed, on time (the team exercise). */
const uneven: Work[] = [
  { week: 1, status: 'submitted', at: 'release', skipOptional: true },
  { week: 2, status: 'submitted', at: 'within-grace' },
  { week: 3, status: 'submitted', at: 'late', skipOptional: true },
  { week: 4, status: 'missed' },
  { week: 5, status: 'submitted', at: 'release' },
  { week: 6, status: 'open' },
];

beforeAll(async () => {
  test = await createTestDatabase();
  await importSample(test.db);
  cohortId = (await test.db.cohort.findFirstOrThrow({ where: { key: 'promo-2027' } })).id;
  staffId = (await test.db.person.create({ data: { displayName: 'Équipe', roles: ['staff'] } })).id;

  await participant('Awa Traoré', {
    work: [1, 2, 3, 4, 5, 6].map((week) => ({ week, status: 'submitted', at: 'release' })),
    signals: ['on_track', 'on_track'],
  });
  await grade('Awa Traoré', 1, 5, staffId);
  await grade('Awa Traoré', 2, 4, staffId);
  await participant('Chantal Mbeki', {
    work: [1, 2, 3, 4, 5].map((week) => ({ week, status: 'missed' })),
    signals: ['no_contact'],
  });
  await participant('Fatou Sow', { status: 'selected', work: uneven, signals: ['needs_attention'] });
  await participant('Boubacar Diallo', { work: uneven, signals: ['needs_attention'] });
  await participant('Didier Kabila', { work: [{ week: 6, status: 'planned' }] });
  await participant('Esther Rakoto', {
    status: 'stopped',
    work: [1, 2, 3, 4, 5].map((week) => ({ week, status: 'submitted', at: 'release' })),
  });
  await participant('Effacé', { erased: true, work: [{ week: 1, status: 'missed' }] });
});
afterAll(async () => {
  await test.drop();
});

describe('the cohort ranking for selection', () => {
  it('ranks the participants by total, with the programme’s weights', async () => {
    const ranking = await loadCohortScores(test.db, { cohortId, now });
    expect(ranking.weights).toEqual({ motivation: 3, reactivity: 2, teamwork: 2, rubric: 3 });
    expect(ranking.rubricScale).toBe(5);
    expect(ranking.participants.map((p) => [p.rank, p.name, p.status])).toEqual([
      [1, 'Awa Traoré', 'active'],
      [2, 'Boubacar Diallo', 'active'],
      [3, 'Fatou Sow', 'selected'],
      [4, 'Chantal Mbeki', 'active'],
      // Nothing due yet for Didier: his total is missing, and comes after any result.
      [5, 'Didier Kabila', 'active'],
    ]);
  });

  it('counts a score once everyone who should have it does: the grades wait for the last two', async () => {
    const ranking = await loadCohortScores(test.db, { cohortId, now });
    // Didier has nothing due and holds nothing back; Chantal handed nothing in, so has nothing to grade.
    expect(ranking.counted).toEqual({
      motivation: { counts: true, have: 4, of: 4 },
      reactivity: { counts: true, have: 4, of: 4 },
      teamwork: { counts: true, have: 4, of: 4 },
      rubric: { counts: false, have: 1, of: 3 },
    });
  });

  it('gives the scores computed by hand', async () => {
    const { participants } = await loadCohortScores(test.db, { cohortId, now });
    const byName = Object.fromEntries(participants.map((p) => [p.name, p.scores]));
    // Everything submitted at release with every answer; team exercise, peer feedback and mentors all good;
    // grades 5 and 4 → 4.5/5 → 0.875, not counted yet (Boubacar and Fatou are not graded). Total 1.
    expect(byName['Awa Traoré']).toEqual({ motivation: 1, reactivity: 1, teamwork: 1, rubric: 0.875, total: 1 });
    // 4 of 5 submitted, completeness (2/3 + 1 + 2/3 + 1) / 4 → 0.75 × 0.8 + 0.25 × 0.8333 = 0.8083;
    // reactivity (1 + 0.5 + 0 + 0 + 1) / 5 = 0.5; teamwork (team 1 + peer feedback 1 + needs attention 0.5) / 3;
    // the grades do not count yet: their weight goes to the others.
    const boubacar = byName['Boubacar Diallo']!;
    expect(boubacar.motivation).toBeCloseTo(0.808333, 5);
    expect(boubacar.reactivity).toBe(0.5);
    expect(boubacar.teamwork).toBeCloseTo(2.5 / 3, 10);
    expect(boubacar.rubric).toBeNull();
    expect(boubacar.total).toBeCloseTo((3 * 0.808333 + 2 * 0.5 + 2 * (2.5 / 3)) / 7, 5);
    expect(byName['Fatou Sow']).toEqual(boubacar);
    expect(byName['Didier Kabila']).toEqual({
      motivation: null,
      reactivity: null,
      teamwork: null,
      rubric: null,
      total: null,
    });
    expect(byName['Chantal Mbeki']).toEqual({ motivation: 0, reactivity: 0, teamwork: 0, rubric: null, total: 0 });
  });

  it('explains each position in words staff can read', async () => {
    const { participants } = await loadCohortScores(test.db, { cohortId, now });
    const translate = createTranslate({ defaultLanguage: 'fr' });
    const read = (name: string, language: 'fr' | 'en') =>
      participants
        .find((p) => p.name === name)!
        .reasons.map((reason) => translate(language, reason.key, reason.values));

    expect(read('Awa Traoré', 'en')).toEqual([
      // The sixth exercise is not due yet: handed in early, it is not called due.
      'Submitted 5 of 5 exercises due so far',
      '1 exercise handed in before its deadline',
      'Answers 100% complete (optional questions included)',
      '6 on time (including 0 within the grace period), 0 late, 0 not submitted',
      'On average 6.6 days before the deadline',
      'Team exercises: 1 of 1 submitted',
      'Peer feedback: 1 of 1 questions answered',
      'Mentor check-ins: 2 on track, 0 needs attention, 0 no contact',
      'Rubric average 4.5/5 from 2 grade(s)',
    ]);
    expect(read('Boubacar Diallo', 'en')).toEqual([
      'Submitted 4 of 5 exercises due so far',
      'Answers 83% complete (optional questions included)',
      '3 on time (including 1 within the grace period), 1 late, 1 not submitted',
      'On average 6.6 days before the deadline',
      'Team exercises: 1 of 1 submitted',
      'Peer feedback: 1 of 1 questions answered',
      'Mentor check-ins: 0 on track, 1 needs attention, 0 no contact',
      'Not graded yet',
      'Same total and scores as Fatou Sow (no. 3): placed first by alphabetical order',
    ]);
    expect(read('Fatou Sow', 'fr').at(-1)).toBe(
      'Même total et mêmes scores que Boubacar Diallo (n° 2), placé(e) avant par ordre alphabétique',
    );
    expect(read('Didier Kabila', 'fr')).toEqual([
      'Aucun exercice arrivé à échéance : motivation et réactivité sont manquantes',
      "Pas encore d'exercice d'équipe, de retour aux pairs ni de point mentorat : le travail d'équipe est manquant",
      "Rien de rendu pour l'instant : rien à noter",
    ]);
    expect(read('Chantal Mbeki', 'fr')).toContain(
      'Points mentorat : 0 sur la bonne voie, 0 à surveiller, 1 sans contact',
    );
  });

  it('leaves out those who stopped or erased their data', async () => {
    const { participants } = await loadCohortScores(test.db, { cohortId, now });
    const ids = participants.map((p) => p.personId);
    expect(ids).not.toContain(people['Esther Rakoto']);
    expect(ids).not.toContain(people['Effacé']);
    expect(participants).toHaveLength(5);
  });

  it('gives one person their position in the whole cohort', async () => {
    const ranking = await loadCohortScores(test.db, { cohortId, now, personIds: [people['Fatou Sow']!] });
    expect(ranking.participants).toEqual([expect.objectContaining({ rank: 3, name: 'Fatou Sow', status: 'selected' })]);
    expect((await loadCohortScores(test.db, { cohortId, now, personIds: [] })).participants).toEqual([]);
  });

  it('does not lower anyone for the exercise released yesterday', async () => {
    // Week 6 is open for Boubacar; a day later than its deadline, it would count against him.
    const before = (await loadCohortScores(test.db, { cohortId, now, personIds: [people['Boubacar Diallo']!] }))
      .participants[0]!;
    const after = (
      await loadCohortScores(test.db, {
        cohortId,
        now: new Date('2027-02-23T12:00:00Z'),
        personIds: [people['Boubacar Diallo']!],
      })
    ).participants[0]!;
    expect(before.reasons[0]?.values).toEqual({ submitted: 4, counted: 5 });
    expect(after.reasons[0]?.values).toEqual({ submitted: 4, counted: 6 });
    expect(after.scores.motivation).toBeLessThan(before.scores.motivation!);
  });

  it('refuses a cohort that does not exist', async () => {
    await expect(loadCohortScores(test.db, { cohortId: 'no-such-cohort', now })).rejects.toThrow(
      'no cohort has the id "no-such-cohort"',
    );
  });
});

describe('a programme imported before scores existed', () => {
  it('counts the four scores equally on a 1–5 rubric', async () => {
    const programme = await test.db.programme.findFirstOrThrow();
    const settings = programme.settings as Record<string, unknown>;
    const { scores: _scores, ...older } = settings;
    await test.db.programme.update({ where: { id: programme.id }, data: { settings: older as object } });
    try {
      const ranking = await loadCohortScores(test.db, { cohortId, now });
      expect(ranking.weights).toEqual({ motivation: 1, reactivity: 1, teamwork: 1, rubric: 1 });
      expect(ranking.rubricScale).toBe(5);
      expect(ranking.participants[0]).toMatchObject({ name: 'Awa Traoré', scores: { total: 1 } });
    } finally {
      await test.db.programme.update({ where: { id: programme.id }, data: { settings: settings as object } });
    }
  });
});
