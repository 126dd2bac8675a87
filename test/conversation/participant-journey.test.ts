import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseExercise, type ReleaseDependencies } from '../../src/jobs/release-exercise.ts';
import { createInviteCodes } from '../../src/store/invites/create-invite-codes.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const PHOTO = Buffer.from('\xff\xd8\xff\xe0 team photo').toString('base64');

describe('a participant, from joining to a handed-in exercise', () => {
  let t: TestApp;
  let awa: SimulatedPerson;
  let code: string;
  let release: ReleaseDependencies;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    const cohort = await t.test.db.cohort.findFirstOrThrow();
    [code] = (await createInviteCodes(t.test.db, { cohortId: cohort.id, role: 'participant', count: 1 })) as [string];
    awa = await SimulatedPerson.create(t, { name: 'Awa T.', role: 'newcomer' });
    release = { ...t.context, mediaDir: t.mediaDir };
  });

  afterAll(async () => {
    await t.close();
  });

  it('explains how to join to someone who writes without a code, and refuses a wrong code', async () => {
    expect((await awa.send('Bonjour'))[0]?.text).toContain('REJOINDRE ABCD2345');
    expect((await awa.send('rejoindre ZZZZ9999'))[0]?.text).toBe(
      'Je ne connais pas le code ZZZZ9999. Vérifiez-le et renvoyez-le, par exemple : REJOINDRE ABCD2345',
    );
  });

  it('joins with a code: language, consent, hub, country, name', async () => {
    const [language] = await awa.send(`Rejoindre ${code.toLowerCase()}`);
    expect(language).toMatchObject({ kind: 'choices', choices: [{ id: 'join-lang:fr' }, { id: 'join-lang:en' }] });
    const [consent] = await awa.send({ choice: 'lang:fr' });
    expect(consent?.text).toContain('Connexions citoyennes conserve votre nom');
    const [hubs] = await awa.send({ choice: 'consent:yes' });
    expect(hubs).toMatchObject({ kind: 'choices', text: expect.stringContaining('ville') });
    expect((hubs as { choices: { id: string }[] }).choices.map((c) => c.id)).toContain('join-hub:abidjan');
    const [country] = await awa.send({ choice: 'hub:abidjan' });
    // The hub's country first among the hubs' countries; people elsewhere type theirs.
    expect(country).toMatchObject({ kind: 'choices', text: expect.stringContaining('Dans quel pays vivez-vous') });
    expect((country as { choices: { id: string }[] }).choices[0]?.id).toBe('join-country:CI');
    const [name] = await awa.send({ choice: 'join-country:CI' });
    expect(name).toMatchObject({ kind: 'choices', choices: [{ id: 'join-name:keep' }] });
    const joinedAt = async () =>
      (await t.test.db.enrolment.findFirstOrThrow({ where: { personId: awa.personId } })).joinedAt;
    expect(await joinedAt()).toBeNull();
    const [welcome] = await awa.send('Awa Traoré');
    expect(welcome?.text).toBe(
      'Bienvenue Awa Traoré ! Vous faites maintenant partie de Connexions citoyennes (Promotion 2027). Envoyez AIDE à tout moment pour voir ce que je peux faire.',
    );
    const person = await t.test.db.person.findUniqueOrThrow({
      where: { id: awa.personId },
      include: { hub: true, enrolments: true, consents: true },
    });
    expect(person).toMatchObject({
      displayName: 'Awa Traoré',
      locale: 'fr',
      roles: ['participant'],
      hub: { key: 'abidjan' },
      country: 'CI',
      timeZone: 'Africa/Abidjan',
    });
    expect(person.enrolments).toEqual([
      expect.objectContaining({ role: 'participant', status: 'active', joinedAt: expect.any(Date) }),
    ]);
    expect(person.consents).toEqual([expect.objectContaining({ given: true, textVersion: '2027-01' })]);
    expect((await t.test.db.inviteCode.findUniqueOrThrow({ where: { code } })).uses).toBe(1);
  });

  it('says so when an enrolled person sends a code again, and when a code is used up', async () => {
    expect((await awa.send(`REJOINDRE ${code}`))[0]?.text).toContain(
      'Vous faites déjà partie de Connexions citoyennes (Promotion 2027)',
    );
    const other = await SimulatedPerson.create(t, { name: 'Moussa', role: 'newcomer' });
    // Someone with no language yet who wrote JOIN is answered in English, REJOINDRE in French.
    expect((await other.send(`JOIN ${code}`))[0]?.text).toContain('has already been used');
    expect((await other.send(`REJOINDRE ${code}`))[0]?.text).toContain('a déjà été utilisé');
  });

  it('answers an exercise question by question, with a photo, then a summary and a receipt', async () => {
    expect(await releaseExercise(release, { exercise: 'semaine-1' })).toEqual({ released: 1, already: 0 });
    const [intro, first] = await awa.replies(2);
    expect(intro?.text).toContain('Nouvel exercice : Votre projet et votre motivation');
    expect(first?.text).toContain('Question 1/3');

    // A free text in two messages is kept together.
    expect((await awa.send('Je veux ouvrir les données'))[0]).toMatchObject({
      kind: 'choices',
      // The button says which question it answers.
      choices: [{ id: expect.stringMatching(/^ex:next#/) }],
    });
    await awa.send('de ma commune.');
    const [second] = await awa.send({ choice: 'ex:next' });
    expect(second).toMatchObject({ kind: 'choices', text: expect.stringContaining('Question 2/3') });
    const [third] = await awa.send({ choice: 'a:prototype' });
    expect(third).toMatchObject({ kind: 'media-request', media: 'photo' });

    // Text where a photo was asked: a helpful re-ask.
    const [problem, again] = await awa.send('voici', { replies: 2 });
    expect(problem?.text).toBe("J'attends une photo pour cette question. Envoyez-la comme image.");
    expect(again).toMatchObject({ kind: 'media-request' });

    const [summary, confirm] = await awa.send(
      { media: { kind: 'photo', mimeType: 'image/jpeg', data: PHOTO } },
      { replies: 2 },
    );
    expect(summary?.text).toContain('Je veux ouvrir les données\nde ma commune.');
    expect(summary?.text).toContain('Un prototype');
    expect(confirm).toMatchObject({
      kind: 'choices',
      choices: [{ id: expect.stringMatching(/^ex:confirm#/) }, { id: expect.stringMatching(/^ex:restart#/) }],
    });
    const [receipt] = await awa.send({ choice: 'ex:confirm' });
    expect(receipt?.text).toMatch(/^✅ Reçu le .+\. Merci !$/);

    const submission = await t.test.db.submission.findFirstOrThrow({
      where: { enrolment: { personId: awa.personId }, exercise: { key: 'semaine-1' } },
      include: { answers: { include: { question: true } } },
    });
    expect(submission).toMatchObject({ status: 'submitted', late: false });
    const byKey = Object.fromEntries(submission.answers.map((a) => [a.question.key, a]));
    expect(byKey.motivation?.value).toEqual({ text: 'Je veux ouvrir les données\nde ma commune.' });
    expect(byKey.stade?.value).toEqual({ choices: ['prototype'] });
    expect(byKey['photo-equipe']?.mediaFileId).not.toBeNull();
  });

  it('shows progress, with the next deadline in local time', async () => {
    await releaseExercise(release, { exercise: 'semaine-2' });
    await awa.replies(2);
    const [progress] = await awa.send('progrès');
    expect(progress?.text).toContain('Exercices rendus : 1 (dont 0 en retard)');
    expect(progress?.text).toContain('Prochaine échéance : « Votre communauté »');
  });

  it('resumes an exercise exactly where it was left', async () => {
    // Question 1 of week 2 is a scale; the participant answers, then asks for help, then comes back.
    const [next] = await awa.send({ choice: 'a:4' });
    expect(next?.text).toContain('Question 2/3');
    expect((await awa.send('aide'))[0]?.text).toContain('PROGRÈS');
    const [resumed] = await awa.send('bonjour');
    expect(resumed?.text).toContain('Question 2/3');
    const submission = await t.test.db.submission.findFirstOrThrow({
      where: { enrolment: { personId: awa.personId }, exercise: { key: 'semaine-2' } },
    });
    expect(submission).toMatchObject({ status: 'in_progress', currentPosition: 1 });
  });

  it('accepts a late answer and flags it late; refuses one after the exercise closed', async () => {
    const submission = await t.test.db.submission.findFirstOrThrow({
      where: { enrolment: { personId: awa.personId }, exercise: { key: 'semaine-2' } },
    });
    const deadline = submission.deadlineAt.getTime();
    await awa.send({ choice: 'a:radio' });
    await awa.send({ choice: 'a!done' });
    await awa.send("Accès à l'eau", { sentAt: new Date(deadline + 24 * 3600_000) });
    await awa.send({ choice: 'ex:next' }, { sentAt: new Date(deadline + 24 * 3600_000), replies: 2 });
    const [receipt] = await awa.send({ choice: 'ex:confirm' }, { sentAt: new Date(deadline + 25 * 3600_000) });
    expect(receipt?.text).toContain("après l'échéance");
    expect((await t.test.db.submission.findUniqueOrThrow({ where: { id: submission.id } })).late).toBe(true);

    await releaseExercise(release, { exercise: 'semaine-3' });
    await awa.replies(2);
    const week3 = await t.test.db.submission.findFirstOrThrow({
      where: { enrolment: { personId: awa.personId }, exercise: { key: 'semaine-3' } },
    });
    const [closed] = await awa.send('42', { sentAt: new Date(week3.deadlineAt.getTime() + 8 * 24 * 3600_000) });
    expect(closed?.text).toContain('est fermé depuis le');
  });
  it('counts someone joining again as joined only once they answer, and gives the old date back if they refuse', async () => {
    const cohort = await t.test.db.cohort.findFirstOrThrow();
    const [first, second] = (await createInviteCodes(t.test.db, {
      cohortId: cohort.id,
      role: 'participant',
      count: 2,
    })) as [string, string];
    const rivo = await SimulatedPerson.create(t, { name: 'Rivo', role: 'newcomer' });
    const enrolment = () => t.test.db.enrolment.findFirstOrThrow({ where: { personId: rivo.personId } });
    for (const message of [`REJOINDRE ${first}`, { choice: 'lang:fr' }, { choice: 'consent:yes' }])
      await rivo.send(message);
    await rivo.send({ choice: 'hub:antananarivo' });
    await rivo.send('Madagascar');
    await rivo.send('Rivo Rakoto');
    const joined = (await enrolment()).joinedAt;
    expect(joined).toBeInstanceOf(Date);
    await rivo.send('STOP');

    const [language] = await rivo.send(`REJOINDRE ${second}`);
    expect(language).toMatchObject({ kind: 'choices', choices: [{ id: 'join-lang:fr' }, { id: 'join-lang:en' }] });
    expect(await enrolment()).toMatchObject({ status: 'active', joinedAt: null });
    await rivo.send({ choice: 'lang:fr' });
    await rivo.send({ choice: 'consent:no' });
    expect(await enrolment()).toMatchObject({ status: 'stopped', joinedAt: joined });
  });

  it('lets someone who left the joining questions halfway start them again with a code', async () => {
    const cohort = await t.test.db.cohort.findFirstOrThrow();
    const [first, second] = (await createInviteCodes(t.test.db, {
      cohortId: cohort.id,
      role: 'participant',
      count: 2,
    })) as [string, string];
    const lova = await SimulatedPerson.create(t, { name: 'Lova', role: 'newcomer' });
    await lova.send(`REJOINDRE ${first}`);
    await lova.send('STOP');
    await lova.send('REPRENDRE');
    const [language] = await lova.send(`REJOINDRE ${second}`);
    expect(language).toMatchObject({ kind: 'choices', choices: [{ id: 'join-lang:fr' }, { id: 'join-lang:en' }] });
  });
});
