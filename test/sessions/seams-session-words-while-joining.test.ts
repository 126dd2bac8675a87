import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundPayload } from '../../src/domain/outbound-message.ts';
import { createInviteCodes } from '../../src/store/invites/create-invite-codes.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { inviteToSession } from '../support/invitations.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const HOUR_MS = 3_600_000;

/** The id of the button labelled `label` in a message with choices. */
function button(message: OutboundPayload | undefined, label: string): string {
  const choices = message?.kind === 'choices' ? message.choices : [];
  const found = choices.find((choice) => choice.label === label);
  if (!found) throw new Error(`no button ${label} in ${JSON.stringify(message)}`);
  return found.id;
}

/** AGENDA, PRÉSENT and a session's button sent by someone who has not finished joining. */
describe('session words in the middle of joining', () => {
  let t: TestApp;
  let cohortId: string;
  let code: string;
  let someonesInvitation: string;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    cohortId = (await t.test.db.cohort.findFirstOrThrow()).id;
    const ongoing = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-en-cours', localStart: '2026-11-16T09:30', hubs: ['abidjan'] }),
      new Date(SAMPLE_DAYTIME.getTime() - 2 * HOUR_MS),
    );
    code = (await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId: ongoing.sessionId } })).attendanceCode;
    const other = await SimulatedPerson.create(t, { name: 'Kofi', hub: 'abidjan' });
    someonesInvitation = await inviteToSession(t.test.db, ongoing.sessionId, other.personId);
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers each sensibly in their language and leaves them at the step of joining they were at', async () => {
    const [joinCode] = (await createInviteCodes(t.test.db, { cohortId, role: 'participant', count: 1 })) as [string];
    const awa = await SimulatedPerson.create(t, { name: 'Awa', role: 'newcomer' });
    const [language] = await awa.send(`REJOINDRE ${joinCode}`);
    const [consent] = await awa.send({ choice: button(language, 'Français') });
    const [hubs] = await awa.send({ choice: button(consent, "J'accepte") });

    const replies: (string | undefined)[] = [];
    for (const message of ['AGENDA', `PRÉSENT ${code}`, { choice: `rsvp:${someonesInvitation}:yes` }]) {
      const all = await awa.send(message);
      replies.push(all.map((reply) => reply.text).join('\n'));
    }
    expect(replies).toEqual([
      "Vous n'avez aucune session à venir. Je vous écrirai dès qu'une session vous sera annoncée.",
      expect.stringContaining('vous ne figurez pas parmi les personnes invitées'),
      "Ce choix n'est plus valable. Envoyez AIDE pour voir ce que je peux faire.",
    ]);
    expect(await t.test.db.sessionInvitation.findUniqueOrThrow({ where: { id: someonesInvitation } })).toMatchObject({
      rsvp: null,
      attendedAt: null,
    });
    expect(await t.test.db.conversationState.findUnique({ where: { personId: awa.personId } })).toMatchObject({
      flow: 'joining',
    });
    await awa.send({ choice: button(hubs, 'Abidjan') });
    const [name] = await awa.send({ choice: 'join-country:CI' });
    expect(name?.text).toBe("Quel nom voulez-vous que j'utilise ?");
  });
});
