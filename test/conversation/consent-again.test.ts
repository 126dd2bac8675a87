import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askConsentAgainDue } from '../../src/jobs/ask-consent-again.ts';
import { parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';
import { importProgramme } from '../../src/store/programmes/import-programme.ts';
import { addOutboundMessages, HELD_FOR_CONSENT } from '../../src/store/outbox/outbox.ts';
import { releaseHeldMessages } from '../../src/store/outbox/release-held-messages.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const QUESTION = "Connexions citoyennes a changé ce qu'il conserve à votre sujet et pourquoi.";

async function until<T>(read: () => Promise<T | undefined | null | false>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a new consent text', () => {
  let t: TestApp;
  let programmeId: string;
  const people: Record<string, SimulatedPerson> = {};

  /** Something scheduled for the person (an announcement), as the jobs write it. */
  async function announce(person: SimulatedPerson, text: string): Promise<string> {
    const identity = await t.test.db.channelIdentity.findFirstOrThrow({ where: { personId: person.personId } });
    const [row] = await addOutboundMessages(
      t.test.db,
      [
        {
          personId: person.personId,
          channelIdentityId: identity.id,
          purpose: 'broadcast',
          payload: { kind: 'text', text },
        },
      ],
      t.context.now(),
    );
    await t.queues.deliverOutbound([row!], t.context.now());
    return row!.id;
  }
  const statusOf = async (id: string) =>
    t.test.db.outboundMessage.findUniqueOrThrow({ where: { id }, select: { status: true, lastError: true } });

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    programmeId = (await t.test.db.programme.findFirstOrThrow()).id;
    for (const name of ['Awa', 'Bintou', 'Chaka']) {
      const person = await SimulatedPerson.create(t, { name, hub: 'abidjan' });
      // They joined under the first text.
      await t.test.db.consent.create({
        data: { personId: person.personId, programmeId, given: true, textVersion: '2027-01', locale: 'fr' },
      });
      people[name] = person;
    }
    // Someone who stopped before the change is not asked.
    const stopped = await SimulatedPerson.create(t, { name: 'Djeneba', hub: 'abidjan' });
    await t.test.db.consent.create({
      data: { personId: stopped.personId, programmeId, given: true, textVersion: '2027-01', locale: 'fr' },
    });
    await stopped.send('stop');
    people.Djeneba = stopped;

    const source = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8').replace(
      'version: "2027-01"',
      'version: "2027-06"',
    );
    const parsed = parseProgrammeFile(source);
    if (!parsed.ok) throw new Error('invalid');
    const report = await importProgramme(t.test.db, parsed.programme, { source, now: t.context.now() });
    expect(report.changes).toContain('consent version 2027-06: 3 people asked to consent again');
    await askConsentAgainDue.handle({}, t.context);
  });

  afterAll(async () => {
    await t.close();
  });

  it('asks everyone who agreed to the old text, once, with the buttons of joining', async () => {
    for (const name of ['Awa', 'Bintou', 'Chaka']) {
      const [question] = await people[name]!.replies(1);
      expect(question).toMatchObject({
        kind: 'choices',
        choices: [
          { id: 'reconsent:yes', label: "J'accepte" },
          { id: 'reconsent:no', label: 'Je refuse' },
        ],
      });
      expect(question?.text).toContain(QUESTION);
      expect(question?.text).toContain('Un an après la fin du programme');
    }
    // Running the job again asks nobody twice; the person who had stopped is not asked.
    await askConsentAgainDue.handle({}, t.context);
    expect(await t.test.db.outboundMessage.count({ where: { purpose: 'consent_request' } })).toBe(3);
    expect(
      await t.test.db.outboundMessage.count({
        where: { purpose: 'consent_request', personId: people.Djeneba!.personId },
      }),
    ).toBe(0);
  });

  it('holds what is scheduled for them, and asks again whatever they write but STOP, HELP, MY DATA and DELETE', async () => {
    const awa = people.Awa!;
    const held = await announce(awa, 'Annonce : atelier demain à Abidjan');
    expect(
      await until(async () => (await statusOf(held)).status === 'held' && statusOf(held), 'the announcement held'),
    ).toEqual({ status: 'held', lastError: HELD_FOR_CONSENT });

    const progress = await awa.send('progrès', { replies: 2 });
    expect(progress[0]?.text).toBe(
      'Avant toute chose, répondez à cette question sur vos données (ou envoyez STOP pour ne plus rien recevoir).',
    );
    expect(progress[1]?.text).toContain(QUESTION);
    const answer = await awa.send('Mon projet avance bien', { replies: 2 });
    expect(answer[1]?.text).toContain(QUESTION);
    const helped = await awa.send('aide', { replies: 2 });
    expect(helped[0]?.text).toContain('PROGRÈS');
    expect(helped[1]?.text).toContain(QUESTION);
    // Their data stays theirs to see (and erase) at any time, as the text says.
    const data = await awa.send('mes données', { replies: 2 });
    expect(data[0]?.text).toContain('Nom : Awa');
    expect(data[1]?.text).toContain(QUESTION);
    expect((await awa.send('effacer'))[0]).toMatchObject({
      kind: 'choices',
      choices: [{ id: 'erase:yes' }, { id: 'erase:no' }],
    });
    expect((await awa.send({ choice: 'erase:no' }))[0]?.text).toBe("Rien n'a été effacé.");
    expect((await statusOf(held)).status).toBe('held');
  });

  it('agreeing records the new version, and what was held goes', async () => {
    const awa = people.Awa!;
    const replies = await awa.send({ choice: 'reconsent:yes' }, { replies: 2 });
    expect(replies.map((r) => r.text)).toEqual([
      'Annonce : atelier demain à Abidjan',
      'Merci, votre réponse est enregistrée.',
    ]);
    const consents = await t.test.db.consent.findMany({
      where: { personId: awa.personId },
      orderBy: { createdAt: 'asc' },
    });
    expect(consents.map((c) => [c.textVersion, c.given])).toEqual([
      ['2027-01', true],
      ['2027-06', true],
    ]);
    expect((await t.test.db.person.findUniqueOrThrow({ where: { id: awa.personId } })).consentAskedAt).toBeNull();
    // From now on, nothing waits.
    await announce(awa, 'Deuxième annonce');
    expect((await awa.replies(1))[0]?.text).toBe('Deuxième annonce');
    expect((await awa.send('progrès'))[0]?.text).not.toContain(QUESTION);
  });

  it('refusing stops them as STOP does: nothing more is sent, not even what was held', async () => {
    const bintou = people.Bintou!;
    const held = await announce(bintou, 'Annonce pour Bintou');
    await until(async () => (await statusOf(held)).status === 'held', 'the announcement held');
    const [confirmation] = await bintou.send({ choice: 'reconsent:no' });
    expect(confirmation?.text).toContain('vous ne recevrez plus de messages');
    const person = await t.test.db.person.findUniqueOrThrow({
      where: { id: bintou.personId },
      include: { enrolments: true, consents: { orderBy: { createdAt: 'asc' } } },
    });
    expect(person.optedOutAt).not.toBeNull();
    expect(person.enrolments.map((e) => e.status)).toEqual(['stopped']);
    expect(person.consents.map((c) => [c.textVersion, c.given])).toEqual([
      ['2027-01', true],
      ['2027-06', false],
    ]);
    const later = await announce(bintou, 'Encore une annonce');
    expect(
      await until(async () => (await statusOf(later)).status === 'skipped', 'the later announcement skipped'),
    ).toBe(true);
    // What was held is let go, and skipped as for anyone who sent STOP.
    expect(await until(async () => (await statusOf(held)).status === 'skipped', 'the held announcement skipped')).toBe(
      true,
    );

    // Coming back (RESUME) brings the question back before anything else.
    const resumed = await bintou.send('reprendre', { replies: 2 });
    expect(resumed[0]?.text).toContain('vos messages reprennent');
    expect(resumed[1]?.text).toContain(QUESTION);
    // Asked in chat already: the job does not ask a second time.
    await askConsentAgainDue.handle({}, t.context);
    expect(
      await t.test.db.outboundMessage.count({ where: { personId: bintou.personId, purpose: 'consent_request' } }),
    ).toBe(2);
    expect((await bintou.send('oui')).map((r) => r.text)).toEqual(['Merci, votre réponse est enregistrée.']);
    const sent = await t.test.db.outboundMessage.findMany({
      where: { personId: bintou.personId, purpose: 'broadcast' },
      select: { status: true },
    });
    expect(sent.map((m) => m.status)).toEqual(['skipped', 'skipped']);
  });

  it('STOP while asked stops them at once', async () => {
    const chaka = people.Chaka!;
    const [confirmation] = await chaka.send('STOP');
    expect(confirmation?.text).toContain('vous ne recevrez plus de messages');
    expect((await t.test.db.person.findUniqueOrThrow({ where: { id: chaka.personId } })).optedOutAt).not.toBeNull();
  });

  it('when nothing is left to answer (staff stopped the enrolment), the job unmarks them and what was held goes', async () => {
    const esi = await SimulatedPerson.create(t, { name: 'Esi', hub: 'abidjan' });
    await t.test.db.consent.create({
      data: { personId: esi.personId, programmeId, given: true, textVersion: '2027-01', locale: 'fr' },
    });
    // Marked by the import, as the others were.
    await t.test.db.person.update({ where: { id: esi.personId }, data: { consentAskedAt: t.context.now() } });
    const held = await announce(esi, 'Annonce pour Esi');
    expect(
      await until(async () => (await statusOf(held)).status === 'held' && statusOf(held), 'the announcement held'),
    ).toEqual({ status: 'held', lastError: HELD_FOR_CONSENT });

    await t.test.db.enrolment.updateMany({ where: { personId: esi.personId }, data: { status: 'stopped' } });
    expect(await askConsentAgainDue.handle({}, t.context)).toMatchObject({ asked: 0, unmarked: 1, released: 1 });
    expect((await esi.replies(1))[0]?.text).toBe('Annonce pour Esi');
    expect((await t.test.db.person.findUniqueOrThrow({ where: { id: esi.personId } })).consentAskedAt).toBeNull();
    expect(
      await t.test.db.outboundMessage.count({ where: { personId: esi.personId, purpose: 'consent_request' } }),
    ).toBe(0);
  });

  it('what was held for someone who stopped meanwhile is skipped, not sent', async () => {
    const fanta = await SimulatedPerson.create(t, { name: 'Fanta', hub: 'abidjan' });
    await t.test.db.person.update({ where: { id: fanta.personId }, data: { consentAskedAt: t.context.now() } });
    const held = await announce(fanta, 'Annonce pour Fanta');
    await until(async () => (await statusOf(held)).status === 'held', 'the announcement held');
    // Unmarked after STOP (the job's unmark racing the person's STOP).
    await t.test.db.person.update({
      where: { id: fanta.personId },
      data: { consentAskedAt: null, optedOutAt: t.context.now() },
    });
    expect(await releaseHeldMessages(t.test.db, fanta.personId, [], t.context.now())).toEqual([]);
    expect(await statusOf(held)).toEqual({ status: 'skipped', lastError: 'the person opted out (STOP)' });
  });
});
