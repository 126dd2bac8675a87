import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptCheckIn } from '../../src/jobs/prompt-check-in.ts';
import type { ReleaseDependencies } from '../../src/jobs/release-exercise.ts';
import { assignMentor } from '../../src/store/mentoring/assign-mentor.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describe('mentors and staff in chat', () => {
  let t: TestApp;
  let deps: ReleaseDependencies;
  let awa: SimulatedPerson;
  let rivo: SimulatedPerson;
  let mentor: SimulatedPerson;
  let otherMentor: SimulatedPerson;
  let staff: SimulatedPerson;

  beforeAll(async () => {
    // Daytime for Mme Diallo (Abidjan) and M. Rakoto (Antananarivo): their check-in prompts are not
    // held for the programme's quiet hours, whatever the hour the test runs at.
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    deps = { ...t.context, mediaDir: t.mediaDir };
    awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    rivo = await SimulatedPerson.create(t, { name: 'Rivo', hub: 'antananarivo' });
    mentor = await SimulatedPerson.create(t, { name: 'Mme Diallo', role: 'mentor', hub: 'abidjan' });
    otherMentor = await SimulatedPerson.create(t, { name: 'M. Rakoto', role: 'mentor', hub: 'antananarivo' });
    staff = await SimulatedPerson.create(t, { name: 'Claire', role: 'staff' });
    const now = t.context.now();
    await assignMentor(t.test.db, { defaultLanguage: 'fr', mentorId: mentor.personId, menteeId: awa.personId, now });
    await assignMentor(t.test.db, {
      defaultLanguage: 'fr',
      mentorId: otherMentor.personId,
      menteeId: rivo.personId,
      now,
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('prompts a mentor for a check-in, records the quick choice and the note', async () => {
    const assignment = await t.test.db.mentorAssignment.findFirstOrThrow({ where: { mentorId: mentor.personId } });
    const checkInId = await promptCheckIn(deps, assignment.id, t.context.now());
    const [prompt] = await mentor.replies(1);
    expect(prompt).toMatchObject({
      kind: 'choices',
      text: 'Comment se passe votre suivi avec Awa ?',
      choices: [{ label: 'Tout va bien' }, { label: 'À surveiller' }, { label: 'Pas de contact' }],
    });
    const [askNote] = await mentor.send({ choice: `ci:${checkInId}:needs_attention` });
    expect(askNote?.text).toContain('ajouter une note sur Awa');
    expect((await mentor.send('Pas de nouvelles depuis dix jours, je la rappelle.'))[0]?.text).toBe(
      "C'est noté pour Awa. Merci !",
    );
    const checkIn = await t.test.db.checkIn.findUniqueOrThrow({ where: { id: checkInId! } });
    expect(checkIn).toMatchObject({
      signal: 'needs_attention',
      status: 'answered',
      note: 'Pas de nouvelles depuis dix jours, je la rappelle.',
    });
  });

  it("does not let a mentor answer another mentor's check-in", async () => {
    const assignment = await t.test.db.mentorAssignment.findFirstOrThrow({ where: { mentorId: otherMentor.personId } });
    const checkInId = await promptCheckIn(deps, assignment.id, new Date(t.context.now().getTime() + 1000));
    await otherMentor.replies(1);
    expect((await mentor.send({ choice: `ci:${checkInId}:on_track` }))[0]?.text).toContain("n'est plus valable");
    expect((await t.test.db.checkIn.findUniqueOrThrow({ where: { id: checkInId! } })).signal).toBeNull();
  });

  it('shows a mentor their own mentees only', async () => {
    const [list] = await mentor.send('mentorés');
    expect(list?.text).toContain('Awa');
    expect(list?.text).not.toContain('Rivo');
  });

  it('forwards a participant message to the mentor through the help desk, and the answer back', async () => {
    expect((await awa.send('mentor'))[0]?.text).toBe('Écrivez votre message pour Mme Diallo : je le lui transmets.');
    expect((await awa.send("J'ai besoin d'aide pour mon budget."))[0]?.text).toBe(
      "C'est transmis à votre mentor Mme Diallo. Une réponse arrive en général dans les 24 heures ; elle vous parviendra ici.",
    );
    const [forwarded] = await mentor.replies(1);
    const conversation = await t.test.db.helpConversation.findFirstOrThrow({ where: { personId: awa.personId } });
    expect(forwarded).toMatchObject({
      kind: 'choices',
      text: "Message de votre mentoré·e Awa (Abidjan) :\n« J'ai besoin d'aide pour mon budget. »",
      choices: [{ id: `hd:reply:${conversation.id}` }],
    });
    // The mentor answers with the button of their introduction (or the Reply button under the message).
    expect((await mentor.send({ choice: `reply:${awa.personId}` }))[0]?.text).toContain('Écrivez votre message à Awa');
    await mentor.send('Appelons-nous jeudi.');
    const [answer] = await awa.replies(1);
    expect(answer?.text).toBe('Réponse de votre mentor Mme Diallo :\n« Appelons-nous jeudi. »');
  });

  it('refuses staff commands to a participant', async () => {
    expect((await awa.send('annonce'))[0]?.text).toBe("Cette commande est réservée à l'équipe du programme.");
    expect((await awa.send('stats'))[0]?.text).toBe("Cette commande est réservée à l'équipe du programme.");
  });

  it('lets staff write, preview and send a broadcast, with times in each reader local time', async () => {
    const [audience] = await staff.send('annonce');
    expect(audience).toMatchObject({
      kind: 'choices',
      choices: expect.arrayContaining([{ id: 'bc-dim:all', label: 'Tout le programme' }]),
    });
    expect((await staff.send({ choice: 'bc-dim:all' }))[0]?.text).toContain('en français');
    const [english] = await staff.send('Session en ligne mercredi à 15:00.');
    expect(english).toMatchObject({ kind: 'choices', choices: [{ id: 'bc:same' }] });
    const [preview, counts] = await staff.send('Online session on Wednesday at 15:00.', { replies: 2 });
    expect(preview?.text).toMatch(
      /^Abidjan \(1 lecteur, en français\) : Session en ligne mercredi à 1[34]:00 \(heure locale\)\.$/m,
    );
    expect(counts?.text).toContain('2 destinataire(s), dont 0 sur WhatsApp hors de la fenêtre de 24 h');
    expect((await staff.send({ choice: 'bc:now' }))[0]?.text).toContain("l'annonce est en cours d'envoi");

    const [toAwa] = await awa.replies(1);
    const [toRivo] = await rivo.replies(1);
    // Paris is an hour ahead of Abidjan and two behind Antananarivo in winter or summer alike? Not
    // quite: the offset depends on the day, so compare with what the text says for each city.
    expect(toAwa?.text).toMatch(/Session en ligne mercredi à 1[34]:00/);
    expect(toRivo?.text).toMatch(/Session en ligne mercredi à 1[67]:00/);
    expect(toAwa?.text).not.toBe(toRivo?.text);
    const broadcast = await t.test.db.broadcast.findFirstOrThrow({ include: { messages: true } });
    expect(broadcast.status).toBe('sent');
    expect(broadcast.messages).toHaveLength(2);
  });

  it('schedules a broadcast for later, in the programme time zone', async () => {
    await staff.send('annonce');
    await staff.send({ choice: 'bc-dim:hub' });
    const hub = await t.test.db.hub.findFirstOrThrow({ where: { key: 'antananarivo' } });
    await staff.send({ choice: `bc-val:${hub.id}` });
    await staff.send('Rappel : atelier samedi.');
    await staff.send({ choice: 'bc:same' }, { replies: 2 });
    await staff.send({ choice: 'bc:later' });
    const [scheduled] = await staff.send('2027-01-20 15:00');
    expect(scheduled?.text).toBe('Annonce programmée pour le mercredi 20 janvier 2027, 15:00 (heure de Paris).');
    const row = await t.test.db.broadcast.findFirstOrThrow({ where: { status: 'scheduled' } });
    expect(row.scheduledAt?.toISOString()).toBe('2027-01-20T14:00:00.000Z');
  });

  it('gives staff a cohort summary', async () => {
    const [summary] = await staff.send('stats');
    expect(summary?.text).toContain('Promotion 2027');
    expect(summary?.text).toContain('2 participants, 2 actifs.');
  });
});
