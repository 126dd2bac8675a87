import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const DAY_MS = 24 * 3600_000;

describe('MY DATA, in words', () => {
  let t: TestApp;
  let fatou: SimulatedPerson;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    fatou = await SimulatedPerson.create(t, { name: 'Fatou', hub: 'abidjan' });
    await t.test.db.person.update({ where: { id: fatou.personId }, data: { locale: 'fr' } });
    const programme = await t.test.db.programme.findFirstOrThrow();
    await t.test.db.consent.create({
      data: {
        personId: fatou.personId,
        programmeId: programme.id,
        given: true,
        textVersion: '2027-01',
        locale: 'fr',
        createdAt: SAMPLE_DAYTIME,
      },
    });
    const enrolment = await t.test.db.enrolment.findFirstOrThrow({ where: { personId: fatou.personId } });
    const exercise = (key: string) =>
      t.test.db.exercise.findFirstOrThrow({ where: { key }, include: { questions: true } });
    const [week1, week2] = [await exercise('semaine-1'), await exercise('semaine-2')];
    // Written in the reverse order of their release: the list follows the release.
    const base = SAMPLE_DAYTIME.getTime() - 20 * DAY_MS;
    await t.test.db.submission.create({
      data: {
        exerciseId: week2.id,
        enrolmentId: enrolment.id,
        status: 'missed',
        releaseAt: new Date(base + 7 * DAY_MS),
        releasedAt: new Date(base + 7 * DAY_MS),
        deadlineAt: new Date(base + 13 * DAY_MS),
      },
    });
    const handedIn = await t.test.db.submission.create({
      data: {
        exerciseId: week1.id,
        enrolmentId: enrolment.id,
        status: 'submitted',
        late: true,
        releaseAt: new Date(base),
        releasedAt: new Date(base),
        deadlineAt: new Date(base + 6 * DAY_MS),
        submittedAt: new Date(base + 6.5 * DAY_MS),
      },
    });
    for (const question of week1.questions.slice(0, 2)) {
      await t.test.db.answer.create({
        data: {
          submissionId: handedIn.id,
          questionId: question.id,
          value: 'ok',
          answeredAt: new Date(base + DAY_MS),
        },
      });
    }
  });

  afterAll(async () => {
    await t.close();
  });

  it('shows language, role and status in words, consents as local dates, exercises by title in release order', async () => {
    const [data] = await fatou.send('mes données');
    const lines = data?.text?.split('\n') ?? [];
    expect(lines).toContain('Langue : français');
    expect(lines.find((line) => line.startsWith('Comptes'))).toMatch(/^Comptes : Simulateur \(.+\)$/);
    expect(lines).toContain('Inscriptions : Promotion 2027 (participant·e, active)');
    expect(lines).toContain('Consentements : accepté le lundi 16 novembre 2026, 10:00 (version 2027-01)');
    expect(lines).toContain(
      'Exercices : Votre projet et votre motivation : rendu en retard, 2 réponses ; Votre communauté : manqué, aucune réponse',
    );
  });

  it('in English for someone who reads English', async () => {
    await t.test.db.person.update({ where: { id: fatou.personId }, data: { locale: 'en' } });
    const [data] = await fatou.send('my data');
    const lines = data?.text?.split('\n') ?? [];
    expect(lines).toContain('Language: English');
    expect(lines.find((line) => line.startsWith('Accounts'))).toMatch(/^Accounts: Simulator \(.+\)$/);
    expect(lines).toContain('Enrolments: 2027 cohort (participant, active)');
    expect(lines).toContain('Consents: agreed on Monday 16 November 2026, 10:00 (version 2027-01)');
    expect(lines).toContain(
      'Exercises: Your project and your motivation: handed in late, 2 answers; Your community: missed, no answers',
    );
  });
});
