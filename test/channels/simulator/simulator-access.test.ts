import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_KEY_COOKIE } from '../../../src/channels/simulator/simulator-access.ts';
import { createLogger } from '../../../src/logger.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../../support/clock.ts';
import { importSample } from '../../support/sample-programme.ts';
import { SimulatedPerson, simulatorHeaders } from '../../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';
import { waitFor } from '../../support/processes.ts';

/** Every request of the simulator, as someone who reaches the port would try them. */
const ROUTES = [
  { method: 'GET', url: '/simulator' },
  { method: 'GET', url: '/simulator/app.js' },
  { method: 'GET', url: '/simulator/api/hubs' },
  { method: 'GET', url: '/simulator/api/people' },
  { method: 'POST', url: '/simulator/api/people', payload: { name: 'Intrus', role: 'staff' } },
  { method: 'POST', url: '/simulator/api/messages', payload: { person: 'sim-00000000', text: 'DASHBOARD' } },
  { method: 'GET', url: '/simulator/api/messages?person=sim-00000000' },
] as const;

describe('the simulator, to someone without its key', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ simulatorAnySentAt: false, now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers 401 to every request without the key or with a wrong one, and creates no one', async () => {
    const people = await t.test.db.person.count();
    for (const headers of [
      {},
      { 'x-simulator-key': 'guess' },
      { 'x-simulator-key': `${t.simulatorKey}x` },
      { cookie: `${SIMULATOR_KEY_COOKIE}=guess` },
    ]) {
      for (const route of ROUTES) {
        const response = await t.app.inject({ ...route, headers });
        expect(response.statusCode, `${route.method} ${route.url} ${JSON.stringify(headers)}`).toBe(401);
        if (route.url.startsWith('/simulator/api/')) expect(response.json().error).toContain('X-Simulator-Key');
      }
    }
    expect(await t.test.db.person.count()).toBe(people);
  });

  it('shows a plain page saying how to get the link, in the browser language', async () => {
    const english = await t.app.inject({
      method: 'GET',
      url: '/simulator?key=wrong',
      headers: { 'accept-language': 'en-GB,en;q=0.8' },
    });
    expect(english.statusCode).toBe(401);
    expect(english.headers['content-type']).toContain('text/html');
    expect(english.body).toContain('Open the link Compagnon printed when it started');
    expect(english.body).toContain('SIMULATOR_KEY');
    expect(english.headers['set-cookie']).toBeUndefined();
    const french = await t.app.inject({ method: 'GET', url: '/simulator', headers: { 'accept-language': 'fr-FR' } });
    expect(french.body).toContain('Ouvrez le lien que Compagnon a affiché à son démarrage');
  });

  it('keeps the key of the ready link in an HttpOnly, SameSite=Strict cookie and drops it from the address', async () => {
    const opened = await t.app.inject({ method: 'GET', url: `/simulator?key=${t.simulatorKey}` });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe('/simulator');
    expect(opened.headers['referrer-policy']).toBe('no-referrer');
    const cookie = String(opened.headers['set-cookie']);
    expect(cookie).toContain(`${SIMULATOR_KEY_COOKIE}=${t.simulatorKey}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/simulator/);

    const withCookie = { cookie: `${SIMULATOR_KEY_COOKIE}=${t.simulatorKey}` };
    const page = await t.app.inject({ method: 'GET', url: '/simulator', headers: withCookie });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Compagnon · simulateur');
    const people = await t.app.inject({
      method: 'GET',
      url: '/simulator/api/people',
      headers: { ...withCookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(people.statusCode).toBe(200);
    // Another site's page cannot use the cookie, even where a browser would send it.
    const crossSite = await t.app.inject({
      method: 'POST',
      url: '/simulator/api/people',
      headers: { ...withCookie, 'sec-fetch-site': 'same-site' },
      payload: { name: 'X', role: 'staff' },
    });
    expect(crossSite.statusCode).toBe(403);
  });

  it('knows the API however its address is spelt: another site cannot reach /simulator/%61pi/ with the cookie either', async () => {
    const people = await t.test.db.person.count();
    const withCookie = { cookie: `${SIMULATOR_KEY_COOKIE}=${t.simulatorKey}`, 'sec-fetch-site': 'cross-site' };
    const created = await t.app.inject({
      method: 'POST',
      url: '/simulator/%61pi/people',
      headers: withCookie,
      payload: { name: 'Intrus', role: 'participant' },
    });
    expect(created.statusCode).toBe(403);
    expect(created.json().error).toContain('X-Simulator-Key');
    const listed = await t.app.inject({ method: 'GET', url: '/simulator/%61pi/people', headers: withCookie });
    expect(listed.statusCode).toBe(403);
    // Nor does a key in the address open the API as it opens the page.
    const fromLink = await t.app.inject({ method: 'GET', url: `/simulator/%61pi/people?key=${t.simulatorKey}` });
    expect(fromLink.statusCode).toBe(401);
    expect(await t.test.db.person.count()).toBe(people);
  });

  it('acts only for the people it created: not for a person who also uses Telegram', async () => {
    const awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    const real = await SimulatedPerson.create(t, { name: 'Claire', role: 'staff' });
    await t.test.db.channelIdentity.create({
      data: { personId: real.personId, channel: 'telegram', platformId: '700100' },
    });

    const listed = await t.app.inject({ method: 'GET', url: '/simulator/api/people', headers: simulatorHeaders(t) });
    expect(listed.json().people.map((p: { id: string }) => p.id)).toEqual([awa.id]);
    const read = await t.app.inject({
      method: 'GET',
      url: `/simulator/api/messages?person=${real.id}`,
      headers: simulatorHeaders(t),
    });
    expect(read.statusCode).toBe(403);
    expect(read.json().error).toBe(
      `"${real.id}" also uses Telegram or WhatsApp: the simulator acts only for the people it created`,
    );
    const write = await t.app.inject({
      method: 'POST',
      url: '/simulator/api/messages',
      headers: simulatorHeaders(t),
      payload: { person: real.id, text: 'DASHBOARD' },
    });
    expect(write.statusCode).toBe(403);
    // A Telegram chat id is not a simulator id.
    const telegramId = await t.app.inject({
      method: 'POST',
      url: '/simulator/api/messages',
      headers: simulatorHeaders(t),
      payload: { person: '700100', text: 'DASHBOARD' },
    });
    expect(telegramId.statusCode).toBe(404);
    expect(await t.test.db.inboundEvent.count({ where: { personId: real.personId } })).toBe(0);
  });

  it('gives no dashboard link through the simulator to staff who also use Telegram, and one to simulator-only staff', async () => {
    const local = await SimulatedPerson.create(t, { name: 'Démo', role: 'staff' });
    expect((await local.send('DASHBOARD'))[0]?.text).toContain('Votre lien vers le tableau de bord');

    const real = await SimulatedPerson.create(t, { name: 'Fatou', role: 'staff' });
    await t.test.db.channelIdentity.create({
      data: { personId: real.personId, channel: 'telegram', platformId: '700200' },
    });
    // Even were a message to reach the conversation as if from the simulator, no link comes back.
    await t.sink.record([
      {
        channel: 'simulator',
        platformEventId: 'forged-1',
        sender: { channel: 'simulator', platformId: real.id },
        sentAt: t.context.now().toISOString(),
        kind: 'text',
        text: 'DASHBOARD',
      },
    ]);
    const reply = await waitFor(
      async () => (await t.test.db.outboundMessage.findFirst({ where: { personId: real.personId } })) ?? undefined,
      15_000,
      'the reply to DASHBOARD',
    );
    expect(reply.payload).toMatchObject({
      kind: 'text',
      text: 'Le simulateur ne donne pas de lien vers le tableau de bord à une personne qui utilise aussi Telegram ou WhatsApp : envoyez TABLEAU DE BORD depuis Telegram ou WhatsApp.',
    });
    expect(await t.test.db.signInLink.count({ where: { personId: real.personId } })).toBe(0);
  });

  it('takes a sentAt of the last two minutes, and refuses one that backdates an answer further', async () => {
    const moussa = await SimulatedPerson.create(t, { name: 'Moussa', hub: 'tunis' });
    const send = (sentAt: Date) =>
      t.app.inject({
        method: 'POST',
        url: '/simulator/api/messages',
        headers: simulatorHeaders(t),
        payload: { person: moussa.id, text: 'aide', sentAt: sentAt.toISOString() },
      });
    const now = t.context.now().getTime();
    expect((await send(new Date(now - 30_000))).statusCode).toBe(202);
    const old = await send(new Date(now - 3 * 24 * 3600_000));
    expect(old.statusCode).toBe(400);
    expect(old.json().error).toContain('sentAt must be within the last 2 minutes');
    expect((await send(new Date(now + 3600_000))).statusCode).toBe(400);
    expect(await t.test.db.inboundEvent.count({ where: { personId: moussa.personId } })).toBe(1);
  });
});

describe("the simulator's request log", () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ logger: createLogger({ LOG_LEVEL: 'info' }, { destination }) });
  });

  afterAll(async () => {
    await t.close();
  });

  it('never holds the key of a link, however the parameter is spelt', async () => {
    for (const name of ['key', '%6Bey', 'k%65y']) {
      expect((await t.app.inject({ method: 'GET', url: `/simulator?${name}=${t.simulatorKey}` })).statusCode).toBe(303);
    }
    expect((await t.app.inject({ method: 'GET', url: '/simulator?%6Bey=wrong-key-do-not-log' })).statusCode).toBe(401);
    await expect
      .poll(() => lines.filter((line) => line.includes('"request completed"')).length)
      .toBeGreaterThanOrEqual(4);
    const log = lines.join('');
    expect(log).not.toContain(t.simulatorKey);
    expect(log).not.toContain('do-not-log');
    expect(log).toContain('"url":"/simulator?%6Bey=[redacted]"');
  });
});

describe('the simulator under a flood of requests', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ simulatorRequestsPerMinute: 5 });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers 429 with a clear message beyond SIMULATOR_REQUESTS_PER_MINUTE, with or without the key', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await t.app.inject({ method: 'GET', url: '/simulator/api/hubs' })).statusCode);
    for (let i = 0; i < 2; i += 1)
      statuses.push(
        (await t.app.inject({ method: 'GET', url: '/simulator/api/hubs', headers: simulatorHeaders(t) })).statusCode,
      );
    expect(statuses).toEqual([401, 401, 401, 200, 200]);
    const limited = await t.app.inject({ method: 'GET', url: '/simulator/api/hubs', headers: simulatorHeaders(t) });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatch(
      /^too many requests to the simulator: at most 5 a minute from one address; try again in (\d+ seconds?|1 minute)$/,
    );
    expect(limited.headers['retry-after']).toBeDefined();
    // Another address is not held back.
    const other = await t.app.inject({
      method: 'GET',
      url: '/simulator/api/hubs',
      headers: simulatorHeaders(t),
      remoteAddress: '192.0.2.7',
    });
    expect(other.statusCode).toBe(200);
  });
});
