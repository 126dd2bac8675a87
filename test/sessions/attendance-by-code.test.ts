import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockFrom } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, onlineDefinition, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * PRÉSENT <code> / HERE <code> during a workshop: judged by when the message was sent, at the
 * venue whose code it is, and a clear answer for every code that cannot record anything.
 */
describe('attendance by code in chat', () => {
  // Tuesday 9 March 2027, 10:00 in Abidjan: an hour into the morning workshop (09:00–12:00).
  const NOW = new Date('2027-03-09T10:00:00Z');
  let t: TestApp;
  let awa: SimulatedPerson;
  let john: SimulatedPerson;
  let kofi: SimulatedPerson;
  const codes: Record<string, string> = {};
  const sessions: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(NOW) });
    await importSample(t.test.db);
    awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    john = await SimulatedPerson.create(t, { name: 'John', hub: 'abidjan' });
    kofi = await SimulatedPerson.create(t, { name: 'Kofi', hub: 'abidjan' });
    await t.test.db.person.update({ where: { id: awa.personId }, data: { locale: 'fr' } });
    await t.test.db.person.update({ where: { id: john.personId }, data: { locale: 'en' } });
    await t.test.db.person.update({ where: { id: kofi.personId }, data: { locale: 'fr' } });

    const save = async (name: string, definition: Parameters<typeof createSampleSession>[1]) => {
      const { sessionId } = await createSampleSession(t.test.db, definition, new Date('2027-02-01T10:00:00Z'));
      sessions[name] = sessionId;
      for (const venue of await t.test.db.sessionVenue.findMany({ where: { sessionId } })) {
        codes[`${name}:${venue.key}`] = venue.attendanceCode;
      }
    };
    await save(
      'morning',
      workshopDefinition({ key: 'matin', localStart: '2027-03-09T09:00', hubs: ['abidjan', 'tunis'] }),
    );
    await save(
      'afternoon',
      workshopDefinition({ key: 'apres-midi', localStart: '2027-03-09T15:00', hubs: ['abidjan'] }),
    );
    await save(
      'yesterday',
      workshopDefinition({ key: 'veille', localStart: '2027-03-08T09:00', hubs: ['abidjan', 'tunis'] }),
    );
    await save(
      'evening',
      workshopDefinition({ key: 'soir', localStart: '2027-03-09T15:00', hubs: ['abidjan', 'tunis'] }),
    );
    await save(
      'roll-call',
      onlineDefinition({ key: 'appel', localStart: '2027-03-09T10:30', attendance: ['roll_call'] }),
    );
    await save('cancelled', workshopDefinition({ key: 'annule', localStart: '2027-03-09T09:00', hubs: ['abidjan'] }));
    await t.test.db.session.update({
      where: { id: sessions.cancelled },
      data: { status: 'cancelled', cancelledAt: new Date('2027-03-01T10:00:00Z') },
    });

    // The announcement (another part) invites each person at their venue: Kofi only to the afternoon.
    const invite = async (person: SimulatedPerson, name: string, venue: string) =>
      t.test.db.sessionInvitation.create({
        data: {
          sessionId: sessions[name]!,
          venueId: (await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId: sessions[name], key: venue } }))
            .id,
          personId: person.personId,
          announcedAt: new Date('2027-02-01T10:00:00Z'),
          rsvp: 'yes',
        },
      });
    for (const person of [awa, john]) {
      for (const name of ['morning', 'afternoon', 'yesterday', 'evening', 'cancelled']) {
        await invite(person, name, 'abidjan');
      }
      await invite(person, 'roll-call', 'online');
    }
    await invite(kofi, 'afternoon', 'abidjan');
  });

  afterAll(async () => {
    await t.close();
  });

  const attendance = (person: SimulatedPerson, name: string) =>
    t.test.db.sessionInvitation.findUniqueOrThrow({
      where: { sessionId_personId: { sessionId: sessions[name]!, personId: person.personId } },
      include: { venue: { select: { key: true } } },
    });

  it('records it during the session, by the code of the room, typed any way', async () => {
    const typed = codes['morning:abidjan']!.toLowerCase().replace(/^(...)/, '$1-');
    const [reply] = await awa.send(`Présent ${typed}`);
    expect(reply?.text).toBe('Présence enregistrée : Atelier : cartographier son projet, mardi 9 mars 2027. Merci !');
    expect(await attendance(awa, 'morning')).toMatchObject({ attendedBy: 'code', venue: { key: 'abidjan' } });
    expect((await attendance(awa, 'morning')).attendedAt!.getTime()).toBeGreaterThanOrEqual(NOW.getTime());
  });

  it('says so when it is already recorded, without recording it twice', async () => {
    const before = await attendance(awa, 'morning');
    const [reply] = await awa.send(`PRÉSENT ${codes['morning:abidjan']}`);
    expect(reply?.text).toBe('Votre présence à « Atelier : cartographier son projet » est déjà enregistrée. Merci !');
    expect((await attendance(awa, 'morning')).attendedAt).toEqual(before.attendedAt);
  });

  it('records it in English with HERE, at the venue whose code was given (another city’s workshop), naming the city', async () => {
    const [reply] = await john.send(`HERE ${codes['morning:tunis']}`);
    expect(reply?.text).toBe(
      'Attendance recorded in Tunis: Workshop: mapping your project, Tuesday 9 March 2027. Thank you!',
    );
    expect(await attendance(john, 'morning')).toMatchObject({ attendedBy: 'code', venue: { key: 'tunis' } });
  });

  it('says when attendance opens, in local time, before it does', async () => {
    const [reply] = await awa.send(`PRÉSENT ${codes['afternoon:abidjan']}`);
    expect(reply?.text).toBe(
      "L'enregistrement des présences à « Atelier : cartographier son projet » n'est pas encore ouvert : il ouvre le mardi 9 mars 2027 à 14:30, 30 minutes avant le début. Renvoyez le code à ce moment-là.",
    );
    expect((await attendance(awa, 'afternoon')).attendedAt).toBeNull();
  });

  it('names the city, and says the hour is the person’s own, for another city’s code not open yet', async () => {
    const [reply] = await awa.send(`PRÉSENT ${codes['evening:tunis']}`);
    expect(reply?.text).toBe(
      "L'enregistrement des présences à « Atelier : cartographier son projet » à Tunis n'est pas encore ouvert : il ouvre le mardi 9 mars 2027 à 13:30 (votre heure), 30 minutes avant le début à Tunis. Renvoyez le code à ce moment-là.",
    );
    expect(await attendance(awa, 'evening')).toMatchObject({ attendedAt: null, venue: { key: 'abidjan' } });
  });

  it('says it is closed two hours after the end', async () => {
    const [reply] = await john.send(`here ${codes['yesterday:abidjan']}`);
    expect(reply?.text).toBe(
      'Attendance for “Workshop: mapping your project” closed on Monday 8 March 2027 at 14:00 (2 hours after the end). If you were there, please tell the team.',
    );
    const [elsewhere] = await john.send(`here ${codes['yesterday:tunis']}`);
    expect(elsewhere?.text).toBe(
      'Attendance for “Workshop: mapping your project” in Tunis closed on Monday 8 March 2027 at 13:00 (your time), 2 hours after the end in Tunis. If you were there, please tell the team.',
    );
    expect((await attendance(john, 'yesterday')).attendedAt).toBeNull();
  });

  it('counts a message sent during the session and delivered after the window, at the time it was sent', async () => {
    const sentAt = new Date('2027-03-08T11:15:00Z');
    const [reply] = await awa.send(`PRÉSENT ${codes['yesterday:abidjan']}`, { sentAt });
    expect(reply?.text).toBe('Présence enregistrée : Atelier : cartographier son projet, lundi 8 mars 2027. Merci !');
    expect((await attendance(awa, 'yesterday')).attendedAt).toEqual(sentAt);
  });

  it('does not recognize a wrong code, and says how it is written', async () => {
    const [fr] = await awa.send('PRÉSENT ZZZ999');
    expect(fr?.text).toBe(
      "Je ne reconnais pas le code ZZZ999. Vérifiez-le : il a 6 caractères, lettres et chiffres, tel qu'il est affiché dans la salle ou dans l'appel. Par exemple : PRÉSENT K7PQ3M",
    );
    const [en] = await john.send('present abc-12');
    expect(en?.text).toContain("I don't recognize the code ABC12.");
  });

  it('refuses kindly a code of a session the person is not invited to', async () => {
    const [reply] = await kofi.send(`PRÉSENT ${codes['morning:abidjan']}`);
    expect(reply?.text).toBe(
      "Ce code est celui de la session « Atelier : cartographier son projet », et vous ne figurez pas parmi les personnes invitées : je ne peux pas enregistrer votre présence. Si c'est une erreur, parlez-en à l'équipe.",
    );
    expect(
      await t.test.db.sessionInvitation.count({ where: { personId: kofi.personId, attendedAt: { not: null } } }),
    ).toBe(0);
  });

  it('records nothing for a cancelled session, nor where the team takes the roll call', async () => {
    const [cancelled] = await awa.send(`PRÉSENT ${codes['cancelled:abidjan']}`);
    expect(cancelled?.text).toBe(
      "La session « Atelier : cartographier son projet » a été annulée : il n'y a pas de présence à enregistrer.",
    );
    const [rollCall] = await john.send(`HERE ${codes['roll-call:online']}`);
    expect(rollCall?.text).toBe(
      'For “Data security”, attendance is taken by the team on site: you have nothing to send.',
    );
    expect((await attendance(john, 'roll-call')).attendedAt).toBeNull();
  });

  it('acts at once on a real code typed in an exercise text question, and asks about other words', async () => {
    const exercise = await t.test.db.exercise.findFirstOrThrow({ where: { key: 'semaine-1' } });
    const enrolment = await t.test.db.enrolment.findFirstOrThrow({ where: { personId: kofi.personId } });
    const submission = await t.test.db.submission.create({
      data: {
        exerciseId: exercise.id,
        enrolmentId: enrolment.id,
        status: 'open',
        releaseAt: new Date('2027-03-08T09:00:00Z'),
        releasedAt: new Date('2027-03-08T09:00:00Z'),
        deadlineAt: new Date('2027-03-14T23:59:00Z'),
      },
    });
    const inTheQuestion = { flow: 'exercise', step: 'question', data: { submissionId: submission.id } };
    await t.test.db.conversationState.upsert({
      where: { personId: kofi.personId },
      create: { personId: kofi.personId, ...inTheQuestion },
      update: inTheQuestion,
    });
    const [code] = await kofi.send(`Présent ${codes['afternoon:abidjan']}`);
    expect(code?.text).toContain("L'enregistrement des présences à « Atelier : cartographier son projet » n'est pas");
    const [asked] = await kofi.send('Présent partout');
    expect(asked?.kind).toBe('choices');
    expect(asked?.text).toContain('Vous avez écrit « Présent partout »');
    await t.test.db.conversationState.delete({ where: { personId: kofi.personId } });
    await t.test.db.submission.delete({ where: { id: submission.id } });
  });

  it('asks for the code when PRÉSENT comes alone', async () => {
    const [fr] = await kofi.send('Présent');
    expect(fr?.text).toBe(
      "Pour enregistrer votre présence, envoyez PRÉSENT suivi du code affiché dans la salle ou dans l'appel, par exemple : PRÉSENT K7PQ3M",
    );
    const [en] = await john.send('HERE');
    expect(en?.text).toContain('To record your attendance, send PRESENT followed by the code');
  });
});
