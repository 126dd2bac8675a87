import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson, simulatorHeaders } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describe("a participant's own data, pauses and stops", () => {
  let t: TestApp;
  let fatou: SimulatedPerson;

  beforeAll(async () => {
    t = await startTestApp();
    await importSample(t.test.db);
    fatou = await SimulatedPerson.create(t, { name: 'Fatou', hub: 'ouagadougou' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('shows everything stored about the person', async () => {
    const [data] = await fatou.send('mes données');
    expect(data?.text).toContain('Nom : Fatou');
    expect(data?.text).toContain('Ville : Ouagadougou (fuseau horaire Africa/Ouagadougou)');
    expect(data?.text).toContain('Promotion 2027 (participant·e, active)');
  });

  it('pauses for N days and resumes', async () => {
    expect((await fatou.send('pause 10'))[0]?.text).toContain('pause jusqu');
    const enrolment = await t.test.db.enrolment.findFirstOrThrow({ where: { personId: fatou.personId } });
    expect(enrolment.status).toBe('paused');
    expect(enrolment.pausedUntil!.getTime() - Date.now()).toBeGreaterThan(9.9 * 24 * 3600_000);
    expect((await fatou.send('pause toujours'))[0]?.text).toContain('PAUSE suivi d');
    expect((await fatou.send('reprendre'))[0]?.text).toContain('vos messages reprennent');
    expect((await t.test.db.enrolment.findFirstOrThrow({ where: { personId: fatou.personId } })).status).toBe('active');
  });

  it('stops on STOP or ARRET: the confirmation is the last thing sent', async () => {
    expect((await fatou.send('ARRÊT'))[0]?.text).toContain('vous ne recevrez plus de messages');
    const person = await t.test.db.person.findUniqueOrThrow({
      where: { id: fatou.personId },
      include: { enrolments: true },
    });
    expect(person.optedOutAt).not.toBeNull();
    expect(person.enrolments[0]?.status).toBe('stopped');
    expect((await fatou.send('reprendre'))[0]?.text).toContain('vos messages reprennent');
  });

  it('keeps a selection decision across STOP and RESUME', async () => {
    const aminata = await SimulatedPerson.create(t, { name: 'Aminata', hub: 'abidjan' });
    await t.test.db.enrolment.updateMany({ where: { personId: aminata.personId }, data: { status: 'selected' } });
    await aminata.send('stop');
    expect((await t.test.db.enrolment.findFirstOrThrow({ where: { personId: aminata.personId } })).status).toBe(
      'stopped',
    );
    await aminata.send('reprendre');
    expect((await t.test.db.enrolment.findFirstOrThrow({ where: { personId: aminata.personId } })).status).toBe(
      'selected',
    );
    await aminata.send('pause 3');
    expect((await t.test.db.enrolment.findFirstOrThrow({ where: { personId: aminata.personId } })).status).toBe(
      'paused',
    );
    await aminata.send('reprendre');
    expect((await t.test.db.enrolment.findFirstOrThrow({ where: { personId: aminata.personId } })).status).toBe(
      'selected',
    );
  });

  it('erases personal data and answers after a confirmation, keeping anonymous counts', async () => {
    await fatou.send('effacer');
    expect((await fatou.send({ choice: 'erase:no' }))[0]?.text).toBe("Rien n'a été effacé.");
    const [confirm] = await fatou.send('effacer');
    expect(confirm).toMatchObject({ kind: 'choices', choices: [{ id: 'erase:yes' }, { id: 'erase:no' }] });
    expect((await fatou.send({ choice: 'erase:yes' }))[0]?.text).toContain(
      'vos données personnelles et vos réponses sont effacées',
    );
    const person = await t.test.db.person.findUniqueOrThrow({
      where: { id: fatou.personId },
      include: { enrolments: true },
    });
    expect(person).toMatchObject({ displayName: null, hubId: null });
    expect(person.erasedAt).not.toBeNull();
    expect(person.enrolments).toHaveLength(1);
    const events = await t.test.db.inboundEvent.findMany({ where: { personId: fatou.personId, status: 'processed' } });
    expect(events.every((e) => JSON.stringify(e.payload) === '{}')).toBe(true);
  });
});

describe('ordering', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await importSample(t.test.db);
  });

  afterAll(async () => {
    await t.close();
  });

  it("handles a person's messages one at a time, in the order they were sent, even delivered concurrently and twice", async () => {
    const moussa = await SimulatedPerson.create(t, { name: 'Moussa', hub: 'tunis' });
    const base = Date.now();
    // Three messages sent one second apart, delivered in reverse, at once, each twice.
    const messages = [
      { id: 'm-1', text: 'langue', sentAt: new Date(base) },
      { id: 'm-2', choice: { id: 'lang:en' }, sentAt: new Date(base + 1000) },
      { id: 'm-3', text: 'help', sentAt: new Date(base + 2000) },
    ];
    await Promise.all(
      [...messages, ...messages].reverse().map((m) =>
        t.app.inject({
          method: 'POST',
          url: '/simulator/api/messages',
          headers: simulatorHeaders(t),
          payload: { person: moussa.id, ...m, sentAt: m.sentAt.toISOString() },
        }),
      ),
    );
    const replies = await moussa.replies(3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await t.test.db.outboundMessage.count({ where: { personId: moussa.personId } })).toBe(3);
    expect(replies.map((r) => r.kind)).toEqual(['choices', 'text', 'text']);
    expect(replies[1]?.text).toBe('Noted: I will write to you in English.');
    // HELP came last: answered in English, the language chosen just before it.
    expect(replies[2]?.text).toContain('PROGRESS');
  });
});
