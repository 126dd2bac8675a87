import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askConsentAgainDue } from '../../src/jobs/ask-consent-again.ts';
import { parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';
import { importProgramme } from '../../src/store/programmes/import-programme.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { inviteToSession } from '../support/invitations.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, localInstant, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const HOUR_MS = 3_600_000;
const QUESTION = "Connexions citoyennes a changé ce qu'il conserve à votre sujet et pourquoi.";
const rsvp = (invitationId: string, answer: 'yes' | 'maybe' | 'no') => ({ choice: `rsvp:${invitationId}:${answer}` });

/**
 * Someone asked to consent to a new text answers that first: a session's button, PRÉSENT and AGENDA
 * get the question again and record nothing; once they agree, the same button works. A button of an
 * announcement pressed after the venue moved answers with the new hour.
 */
describe('session buttons and words before a new consent text is answered, and after a venue moved', () => {
  let t: TestApp;
  let awa: SimulatedPerson;
  let upcoming: string;
  let ongoingCode: string;
  let ongoingInvitation: string;
  let invited: string;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    const programmeId = (await t.test.db.programme.findFirstOrThrow()).id;
    awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    await t.test.db.consent.create({
      data: { personId: awa.personId, programmeId, given: true, textVersion: '2027-01', locale: 'fr' },
    });
    ({ sessionId: upcoming } = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-consentement', localStart: '2027-03-09T09:00', hubs: ['abidjan'] }),
      SAMPLE_DAYTIME,
    ));
    const ongoing = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-en-cours', localStart: '2026-11-16T09:30', hubs: ['abidjan'] }),
      new Date(SAMPLE_DAYTIME.getTime() - 2 * HOUR_MS),
    );
    ongoingCode = (await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId: ongoing.sessionId } }))
      .attendanceCode;
    ongoingInvitation = await inviteToSession(t.test.db, ongoing.sessionId, awa.personId, { rsvp: 'yes' });

    const source = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8').replace(
      'version: "2027-01"',
      'version: "2027-06"',
    );
    const parsed = parseProgrammeFile(source);
    if (!parsed.ok) throw new Error('the sample programme does not parse');
    await importProgramme(t.test.db, parsed.programme, { source, now: t.context.now() });
    await askConsentAgainDue.handle({}, t.context);
    await awa.replies(1);
  });

  afterAll(async () => {
    await t.close();
  });

  const invitation = (id: string) => t.test.db.sessionInvitation.findUniqueOrThrow({ where: { id } });

  it('asks the consent question again for a button, PRÉSENT and AGENDA, and records nothing until they agree', async () => {
    invited = await inviteToSession(t.test.db, upcoming, awa.personId);
    for (const message of [rsvp(invited, 'yes'), `PRÉSENT ${ongoingCode}`, 'AGENDA']) {
      const [first, again] = await awa.send(message, { replies: 2 });
      expect(first?.text).toBe(
        'Avant toute chose, répondez à cette question sur vos données (ou envoyez STOP pour ne plus rien recevoir).',
      );
      expect(again?.text).toContain(QUESTION);
    }
    expect((await invitation(invited)).rsvp).toBeNull();
    expect((await invitation(ongoingInvitation)).attendedAt).toBeNull();

    await awa.send({ choice: 'reconsent:yes' });
    const [answered] = await awa.send(rsvp(invited, 'yes'));
    expect(answered?.text).toContain("C'est noté : vous venez à « Atelier : cartographier son projet »");
    const [present] = await awa.send(`PRÉSENT ${ongoingCode}`);
    expect(present?.text).toContain('Atelier : cartographier son projet');
    expect((await invitation(ongoingInvitation)).attendedAt).not.toBeNull();
  });

  it('answers a button of the announcement pressed after the venue moved with the new hour', async () => {
    await t.test.db.sessionVenue.updateMany({
      where: { sessionId: upcoming },
      data: {
        startsAt: localInstant('2027-03-09T14:00', 'Africa/Abidjan'),
        endsAt: localInstant('2027-03-09T17:00', 'Africa/Abidjan'),
      },
    });
    const [reply] = await awa.send(rsvp(invited, 'maybe'));
    expect(reply?.text).toContain('le mardi 9 mars 2027, 14:00');
    expect((await invitation(invited)).rsvp).toBe('maybe');
  });
});
