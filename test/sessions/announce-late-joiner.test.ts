import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSessions } from '../../src/jobs/announce-sessions.ts';
import { createInviteCodes } from '../../src/store/invites/create-invite-codes.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { waitFor } from '../support/processes.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** Someone who joins after a session was announced is told of it once they have finished joining, not before. */
describe('a participant who joins after the announcement', () => {
  let t: TestApp;
  let sessionId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    ({ sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ localStart: '2027-03-09T09:00' }),
      SAMPLE_DAYTIME,
    ));
    expect(await announceSessions.handle({}, t.context)).toEqual({ announced: 1 });
  });

  afterAll(async () => {
    await t.close();
  });

  it('gets the announcement of their own venue right after the last step of joining', async () => {
    const cohortId = (await t.test.db.cohort.findFirstOrThrow()).id;
    const [code] = (await createInviteCodes(t.test.db, { cohortId, role: 'participant', count: 1 })) as [string];
    const moussa = await SimulatedPerson.create(t, { name: 'Moussa', role: 'newcomer' });
    await moussa.send(`REJOINDRE ${code}`);
    await moussa.send({ choice: 'lang:fr' });
    await moussa.send({ choice: 'consent:yes' });
    await moussa.send({ choice: 'join-hub:bukavu' });
    await moussa.send('RDC');
    await moussa.send({ choice: 'join-zone:Africa/Lubumbashi' });

    // Still joining (no name yet): the sessions job passes him by.
    expect(await announceSessions.handle({}, t.context)).toEqual({ announced: 0 });
    const toMoussa = { personId: moussa.personId, purpose: 'session_announcement' };
    expect(await t.test.db.outboundMessage.count({ where: toMoussa })).toBe(0);

    await moussa.send('Moussa');
    const announcement = await waitFor(
      async () => (await t.test.db.outboundMessage.findFirst({ where: { ...toMoussa, status: 'sent' } })) ?? undefined,
      15_000,
      "Moussa's announcement",
    );
    expect(JSON.stringify(announcement.payload)).toContain('Où : Salle du hub de bukavu');
    const invitation = await t.test.db.sessionInvitation.findUniqueOrThrow({
      where: { sessionId_personId: { sessionId, personId: moussa.personId } },
      include: { venue: { select: { key: true } } },
    });
    expect(invitation.venue.key).toBe('bukavu');

    // It came after his welcome, and the job does not send it again.
    const sent = await t.test.db.outboundMessage.findMany({
      where: { personId: moussa.personId },
      orderBy: { sequence: 'asc' },
    });
    expect(sent.at(-1)?.purpose).toBe('session_announcement');
    expect(await announceSessions.handle({}, t.context)).toEqual({ announced: 0 });
    expect(await t.test.db.outboundMessage.count({ where: toMoussa })).toBe(1);
  });

  it('announces the sessions to a newcomer soonest first, whatever order they were created in', async () => {
    // Created after the workshop of 9 March, it starts long before it.
    await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'bientot', localStart: '2026-12-01T09:00' }),
      SAMPLE_DAYTIME,
    );
    await announceSessions.handle({}, t.context);
    const cohortId = (await t.test.db.cohort.findFirstOrThrow()).id;
    const [code] = (await createInviteCodes(t.test.db, { cohortId, role: 'participant', count: 1 })) as [string];
    const binta = await SimulatedPerson.create(t, { name: 'Binta', role: 'newcomer' });
    await binta.send(`REJOINDRE ${code}`);
    await binta.send({ choice: 'lang:fr' });
    await binta.send({ choice: 'consent:yes' });
    await binta.send({ choice: 'join-hub:bukavu' });
    await binta.send('RDC');
    await binta.send({ choice: 'join-zone:Africa/Lubumbashi' });
    await binta.send('Binta');
    const toBinta = { personId: binta.personId, purpose: 'session_announcement' };
    const announcements = await waitFor(
      async () => {
        const sent = await t.test.db.outboundMessage.findMany({ where: toBinta, orderBy: { sequence: 'asc' } });
        return sent.length === 2 ? sent : undefined;
      },
      15_000,
      "Binta's two announcements",
    );
    expect(
      announcements.map((message) => JSON.stringify(message.payload).match(/\d+(er)? [^\s\d]+ 202\d/)?.[0]),
    ).toEqual(['1er décembre 2026', '9 mars 2027']);
  });
});
