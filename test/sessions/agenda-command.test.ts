import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { inviteToSession } from '../support/invitations.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, onlineDefinition, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** AGENDA: a person's upcoming sessions, each with their answer and the buttons to change it. */
describe('the AGENDA command', () => {
  let t: TestApp;
  let awa: SimulatedPerson;
  let kofi: SimulatedPerson;
  let workshop: string;
  let online: string;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    kofi = await SimulatedPerson.create(t, { name: 'Kofi', hub: 'antananarivo' });
    await t.test.db.person.update({ where: { id: kofi.personId }, data: { locale: 'en' } });
    ({ sessionId: workshop } = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-agenda', localStart: '2027-03-09T09:00' }),
      SAMPLE_DAYTIME,
    ));
    ({ sessionId: online } = await createSampleSession(
      t.test.db,
      onlineDefinition({ key: 'en-ligne-agenda', localStart: '2027-04-06T14:00' }),
      SAMPLE_DAYTIME,
    ));
  });

  afterAll(async () => {
    await t.close();
  });

  const buttons = (reply: { kind: string; choices?: { id: string }[] } | undefined) =>
    reply?.kind === 'choices' ? (reply.choices ?? []).map((c) => c.id) : [];

  it('says so when nothing is coming', async () => {
    const [reply] = await awa.send('AGENDA');
    expect(reply?.text).toBe(
      "Vous n'avez aucune session à venir. Je vous écrirai dès qu'une session vous sera annoncée.",
    );
  });

  it('lists two sessions in French, one answered and one not, each with its buttons', async () => {
    const answered = await inviteToSession(t.test.db, workshop, awa.personId, { rsvp: 'yes', rsvpAt: SAMPLE_DAYTIME });
    const open = await inviteToSession(t.test.db, online, awa.personId);
    const replies = await awa.send('AGENDA', { replies: 3 });
    expect(replies.map((r) => r.text)).toEqual([
      "Vos 2 prochaines sessions. Pour donner ou changer votre réponse, appuyez sur un bouton sous chaque session, jusqu'à son début.",
      'Atelier : cartographier son projet\n' +
        'Quand : mardi 9 mars 2027, 09:00–12:00\n' +
        'Où : Salle du hub de abidjan, 1 rue du Hub, abidjan\n' +
        'Votre réponse : je viens',
      'Sécurité des données\n' +
        'Quand : mardi 6 avril 2027, 12:00–14:00 (14:00–16:00 heure de Paris)\n' +
        'Lien : https://meet.example.org/cc-securite\n' +
        'Votre réponse : pas encore répondu',
    ]);
    expect(buttons(replies[1])).toEqual([`rsvp:${answered}:yes`, `rsvp:${answered}:maybe`, `rsvp:${answered}:no`]);
    expect(buttons(replies[2])).toEqual([`rsvp:${open}:yes`, `rsvp:${open}:maybe`, `rsvp:${open}:no`]);

    // A button of the list answers, and the list shows the new answer.
    await awa.send({ choice: `rsvp:${open}:maybe` });
    const again = await awa.send('/agenda', { replies: 3 });
    expect(again[2]?.text).toContain('Votre réponse : peut-être');
  });

  it('lists them in English, in the reader’s own time', async () => {
    await inviteToSession(t.test.db, workshop, kofi.personId);
    await inviteToSession(t.test.db, online, kofi.personId, { rsvp: 'no', rsvpAt: SAMPLE_DAYTIME });
    const replies = await kofi.send('MY SESSIONS', { replies: 3 });
    expect(replies.map((r) => r.text)).toEqual([
      'Your next 2 sessions. To give or change your answer, tap a button under each session, until it starts.',
      'Workshop: mapping your project\n' +
        'When: Tuesday 9 March 2027, 09:00–12:00\n' +
        'Where: antananarivo hub room, 1 rue du Hub, antananarivo\n' +
        'Your answer: not answered yet',
      'Data security\n' +
        'When: Tuesday 6 April 2027, 15:00–17:00 (14:00–16:00 Paris time)\n' +
        'Link: https://meet.example.org/cc-securite\n' +
        "Your answer: I can't come",
    ]);
  });

  it('leaves out sessions cancelled or over, and shows one under way without its buttons', async () => {
    const mentor = await SimulatedPerson.create(t, { name: 'Mme Diallo', role: 'mentor', hub: 'abidjan' });
    const key = (name: string, day: string) =>
      createSampleSession(
        t.test.db,
        workshopDefinition({ key: name, localStart: `2027-03-${day}T09:00`, hubs: ['abidjan'] }),
        SAMPLE_DAYTIME,
      );
    const [cancelled, over, underway] = [
      await key('annulee', '20'),
      await key('finie', '21'),
      await key('en-cours', '22'),
    ];
    for (const { sessionId } of [cancelled, over, underway])
      await inviteToSession(t.test.db, sessionId, mentor.personId);
    await t.test.db.session.update({ where: { id: cancelled.sessionId }, data: { status: 'cancelled' } });
    const now = t.context.now().getTime();
    await t.test.db.sessionVenue.updateMany({
      where: { sessionId: over.sessionId },
      data: { startsAt: new Date(now - 3 * 3_600_000), endsAt: new Date(now - 3_600_000) },
    });
    await t.test.db.sessionVenue.updateMany({
      where: { sessionId: underway.sessionId },
      data: { startsAt: new Date(now - 3_600_000) },
    });
    const [intro, entry] = await mentor.send('Sessions', { replies: 2 });
    expect(intro?.text).toContain('Votre prochaine session.');
    expect(entry?.kind).toBe('text');
    expect(entry?.text).toContain(
      'Votre réponse : pas encore répondu\nElle a commencé : votre réponse ne peut plus changer.',
    );
  });

  it('shows attendance recorded by PRÉSENT, without the buttons', async () => {
    const fatou = await SimulatedPerson.create(t, { name: 'Fatou', hub: 'abidjan' });
    const { sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'presence-agenda', localStart: '2027-03-23T09:00', hubs: ['abidjan'] }),
      SAMPLE_DAYTIME,
    );
    await inviteToSession(t.test.db, sessionId, fatou.personId);
    // Ten minutes before the start: attendance is open, answers could still change.
    const now = t.context.now().getTime();
    const venue = await t.test.db.sessionVenue.update({
      where: { sessionId_key: { sessionId, key: 'abidjan' } },
      data: { startsAt: new Date(now + 10 * 60_000), endsAt: new Date(now + 3 * 3_600_000) },
    });
    await fatou.send(`PRÉSENT ${venue.attendanceCode}`);
    const [, entry] = await fatou.send('AGENDA', { replies: 2 });
    expect(entry?.kind).toBe('text');
    expect(entry?.text).toContain('Votre présence est enregistrée. Merci !');
    expect(entry?.text).not.toContain('pas encore répondu');
  });

  it('asks, inside an exercise text question, whether "Agenda" is the answer or the command', async () => {
    const mariam = await SimulatedPerson.create(t, { name: 'Mariam', hub: 'abidjan' });
    const exercise = await t.test.db.exercise.findFirstOrThrow({ where: { key: 'semaine-1' } });
    const enrolment = await t.test.db.enrolment.findFirstOrThrow({ where: { personId: mariam.personId } });
    await t.test.db.submission.create({
      data: {
        exerciseId: exercise.id,
        enrolmentId: enrolment.id,
        status: 'open',
        releaseAt: new Date('2026-11-16T09:00:00Z'),
        deadlineAt: new Date('2026-11-22T23:59:00Z'),
      },
    });
    await mariam.send('Bonjour');
    const [asked] = await mariam.send('Agenda');
    expect(asked?.text).toBe(
      'Vous avez écrit « Agenda ». Est-ce ce que vous vouliez écrire ici, ou la commande AGENDA (voir vos prochaines sessions) ?',
    );
    expect(buttons(asked)).toEqual(['aoc:answer', 'aoc:command']);
    const [listed] = await mariam.send({ choice: 'aoc:command' });
    expect(listed?.text).toBe(
      "Vous n'avez aucune session à venir. Je vous écrirai dès qu'une session vous sera annoncée.",
    );
  });
});
