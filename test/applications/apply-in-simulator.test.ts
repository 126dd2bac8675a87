import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundPayload } from '../../src/domain/outbound-message.ts';
import { seedApplicationCall, type SeededCall } from '../support/application-call.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const DAY_MS = 24 * 3600_000;
type Reply = OutboundPayload & { text?: string };

/** The id of the button whose label is `label` (the exercise tags carry the question). */
function button(reply: Reply | undefined, label: string): string {
  if (reply?.kind !== 'choices') throw new Error(`no buttons in ${JSON.stringify(reply)}`);
  const found = reply.choices.find((choice) => choice.label === label);
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(reply.choices)}`);
  return found.id;
}

const file = (kind: string, mimeType: string, fileName: string) => ({
  media: { kind, mimeType, fileName, data: Buffer.from(`${kind} bytes of ${fileName}`).toString('base64') },
});

describe('applying in the simulator, every type of question', () => {
  let t: TestApp;
  let call: SeededCall;
  let awa: SimulatedPerson;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    call = await seedApplicationCall(t.test.db, {
      opensAt: new Date(SAMPLE_DAYTIME.getTime() - DAY_MS),
      closesAt: new Date(SAMPLE_DAYTIME.getTime() + 10 * DAY_MS),
    });
    awa = await SimulatedPerson.create(t, { name: 'Awa', role: 'newcomer' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('tells a newcomer how to apply while the call is open', async () => {
    const [help] = await awa.send('aide');
    expect(help?.text).toContain('REJOINDRE');
    expect(help?.text).toContain('écrivez POSTULER');
  });

  it('asks the language, the consent, the name, the country and the city, keeping the consent', async () => {
    const [language] = await awa.send('POSTULER');
    expect(language?.text).toContain('Dans quelle langue voulez-vous postuler ?');
    // The word written was French: French comes first.
    expect(language?.kind === 'choices' && language.choices[0]?.label).toBe('Français');
    const [consent] = await awa.send({ choice: button(language, 'Français') });
    expect(consent?.text).toContain('Nous gardons votre candidature jusqu’à la sélection');
    const [name] = await awa.send({ choice: button(consent, "J'accepte") });
    expect(name?.text).toBe('Quel est votre nom ?');
    const application = await t.test.db.application.findFirstOrThrow({ where: { personId: awa.personId } });
    expect(application).toMatchObject({ status: 'started', consentVersion: '1', currentPosition: 0 });
    // The first reminder still to come: three days before the closing.
    expect(application.nextReminderAt).toEqual(new Date(SAMPLE_DAYTIME.getTime() + 7 * DAY_MS));
    const consents = await t.test.db.consent.findMany({ where: { personId: awa.personId } });
    expect(consents.map((c) => [c.given, c.textVersion])).toEqual([[true, 'application:1']]);

    const [country] = await awa.send('Awa Traoré');
    expect(country?.kind).toBe('choices');
    const [city] = await awa.send('Cameroun');
    expect(city?.text).toBe('Dans quelle ville vivez-vous ?');
    const [intro, first] = await awa.send('Douala', { replies: 2 });
    expect(intro?.text).toBe('Bienvenue dans l’appel à candidatures.');
    expect(first?.text).toBe('Question 1/9 : Décrivez votre projet.');
    const person = await t.test.db.person.findUniqueOrThrow({ where: { id: awa.personId } });
    expect(person).toMatchObject({ displayName: 'Awa Traoré', country: 'CM', roles: [] });
    expect((await t.test.db.application.findFirstOrThrow({ where: { personId: awa.personId } })).city).toBe('Douala');
  });

  it('takes a text in several messages until Next, a choice, a selection, a scale and a number', async () => {
    const [saved] = await awa.send('Une plateforme de données ouvertes');
    expect(saved?.text).toContain('Suivant');
    // An ordinary word that is also a command, typed in a text answer, is asked about.
    const [asked] = await awa.send('Pause');
    const [more] = await awa.send({ choice: button(asked, "C'est ce que je voulais écrire") });
    expect(more?.text).toContain('Suivant');
    await awa.send('pour les mairies.');
    const [stage] = await awa.send({ choice: button(saved, 'Suivant ✓') });
    expect(stage?.text).toBe('Question 2/9 : Où en est votre projet ?');
    const [topics] = await awa.send({ choice: button(stage, 'En cours') });
    expect(topics?.text).toBe('Question 3/9 : Vos thèmes ?');
    const [picked] = await awa.send({ choice: button(topics, 'Données') });
    await awa.send({ choice: button(picked, 'Médias') });
    const [scale] = await awa.send({ choice: button(picked, 'Terminé ✓') });
    expect(scale?.text).toBe('Question 4/9 : Votre motivation ?');
    const [number] = await awa.send({ choice: button(scale, '4') });
    expect(number?.text).toBe('Question 5/9 : Combien êtes-vous ?');
    const [refused] = await awa.send('beaucoup', { replies: 2 });
    expect(refused?.text).toContain('nombre');
    const [photo] = await awa.send('12');
    expect(photo?.text).toBe('Question 6/9 : Une photo de votre équipe.');

    const answers = await t.test.db.applicationAnswer.findMany({ orderBy: { answeredAt: 'asc' } });
    expect(Object.fromEntries(answers.map((a) => [a.questionKey, a.value]))).toEqual({
      project: { text: 'Une plateforme de données ouvertes\nPause\npour les mairies.' },
      stage: { choices: ['running'] },
      topics: { choices: ['data', 'media'] },
      motivation: { number: 4 },
      team_size: { number: 12 },
    });
  });

  it('takes a photo and a voice note, then picks up at the same question after a pause', async () => {
    const [wrongKind] = await awa.send(file('document', 'application/pdf', 'pas-une-photo.pdf'), { replies: 2 });
    expect(wrongKind?.text).toContain('photo');
    const [voice] = await awa.send(file('photo', 'image/jpeg', 'equipe.jpg'));
    expect(voice?.text).toBe('Question 7/9 : Présentez-vous en une minute.');
    const [video] = await awa.send(file('voice', 'audio/ogg', 'pitch.ogg'));
    expect(video?.text).toContain('Question 8/9 : Une vidéo (facultatif).');

    // Two days later, a greeting: the same question again, with the keywords that work here.
    const later = new Date(SAMPLE_DAYTIME.getTime() + 2 * DAY_MS);
    const [help, again] = await awa.send('Bonjour', { sentAt: later, replies: 2 });
    expect(help?.text).toContain('ANNULER');
    expect(again?.text).toContain('Question 8/9 : Une vidéo (facultatif).');
    // POSTULER again mid-way resumes too.
    const [resumed, same] = await awa.send('postuler', { sentAt: later, replies: 2 });
    expect(resumed?.text).toBe("Reprenons votre candidature là où vous l'aviez laissée.");
    expect(same?.text).toContain('Question 8/9');
  });

  it('takes a video and a document, sums up, and hands in with the call’s thanks', async () => {
    const [document] = await awa.send(file('video', 'video/mp4', 'projet.mp4'));
    expect(document?.text).toBe('Question 9/9 : Votre CV.');
    const [summary, buttons] = await awa.send(file('document', 'application/pdf', 'cv.pdf'), { replies: 2 });
    expect(summary?.text).toContain('Voici vos réponses à « votre candidature à Connexions citoyennes »');
    expect(summary?.text).toContain('→ En cours');
    const [thanks] = await awa.send({ choice: button(buttons, 'Envoyer ✓') });
    expect(thanks?.text).toBe('Merci, votre candidature est reçue.\nVous recevrez la décision ici même.');

    const application = await t.test.db.application.findFirstOrThrow({
      where: { personId: awa.personId, callId: call.id },
      include: { answers: { include: { mediaFile: true } } },
    });
    expect(application).toMatchObject({ status: 'submitted', nextReminderAt: null, currentPosition: 9 });
    expect(application.answers).toHaveLength(9);
    const files = application.answers.filter((a) => a.mediaFile).map((a) => [a.questionKey, a.mediaFile?.mimeType]);
    expect(files.sort()).toEqual([
      ['cv', 'application/pdf'],
      ['photo', 'image/jpeg'],
      ['pitch', 'audio/ogg'],
      ['video', 'video/mp4'],
    ]);
    for (const answer of application.answers) {
      if (answer.mediaFile) expect(existsSync(path.join(t.mediaDir, answer.mediaFile.path))).toBe(true);
    }
  });

  it('answers what the applicant writes after handing in, and POSTULER again, with the application being in', async () => {
    const [hello] = await awa.send('Bonjour');
    expect(hello?.text).toBe(
      'Votre candidature à Connexions citoyennes est bien reçue. Vous recevrez la décision ici même.',
    );
    const [again] = await awa.send('POSTULER');
    expect(again?.text).toContain('Vous avez déjà envoyé votre candidature à Connexions citoyennes');
  });

  it('tells someone enrolled in the call’s cohort that they need not apply', async () => {
    const moussa = await SimulatedPerson.create(t, { name: 'Moussa', hub: 'abidjan' });
    await t.test.db.enrolment.updateMany({ where: { personId: moussa.personId }, data: { joinedAt: SAMPLE_DAYTIME } });
    const [told] = await moussa.send('postuler');
    expect(told?.text).toContain('Vous faites déjà partie de Connexions citoyennes');
  });
});
