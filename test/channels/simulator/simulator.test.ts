import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProgrammeFile } from '../../../src/domain/programme/parse-programme-file.ts';
import { importProgramme } from '../../../src/store/programmes/import-programme.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';
import { waitFor } from '../../support/processes.ts';
import { simulatorHeaders } from '../../support/simulator-client.ts';

interface ListedMessage {
  direction: 'in' | 'out';
  id: string;
  status: string;
  message: { kind: string; text?: string; choices?: { id: string; label: string }[] };
}

let t: TestApp;
let person: string;

async function post(body: unknown) {
  return t.app.inject({
    method: 'POST',
    url: '/simulator/api/messages',
    headers: simulatorHeaders(t),
    payload: body as object,
  });
}

async function messages(who = person): Promise<ListedMessage[]> {
  const response = await t.app.inject({
    method: 'GET',
    url: `/simulator/api/messages?person=${who}`,
    headers: simulatorHeaders(t),
  });
  return response.json().messages;
}

/** Waits until `count` replies have been delivered to the person, and returns them. */
async function replies(count: number, who = person): Promise<ListedMessage[]> {
  return waitFor(
    async () => {
      const out = (await messages(who)).filter((m) => m.direction === 'out' && m.status === 'sent');
      return out.length >= count ? out : undefined;
    },
    15_000,
    `${count} replies delivered`,
  );
}

/** Resolves when the request can take more, or is closed. */
function drained(request: http.ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      request.off('drain', done).off('close', done);
      resolve();
    };
    request.on('drain', done).on('close', done);
  });
}

/** The files waiting in the simulator's uploads folder. */
function uploads(): string[] {
  const dir = path.join(t.mediaDir, 'simulator-uploads');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

beforeAll(async () => {
  t = await startTestApp({ maxMediaBytes: 4096 });
  const source = readFileSync(new URL('../../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');
  const parsed = parseProgrammeFile(source);
  if (!parsed.ok) throw new Error('invalid sample');
  await importProgramme(t.test.db, parsed.programme, { source, now: new Date() });
  const created = await t.app.inject({
    method: 'POST',
    url: '/simulator/api/people',
    headers: simulatorHeaders(t),
    payload: { name: 'Awa', role: 'participant', hub: 'abidjan' },
  });
  expect(created.statusCode).toBe(201);
  person = created.json().id;
});

afterAll(async () => {
  await t.close();
});

describe('the simulator channel', () => {
  it('creates a person on a hub, enrolled in the cohort', async () => {
    const listed = await t.app.inject({ method: 'GET', url: '/simulator/api/people', headers: simulatorHeaders(t) });
    expect(listed.json().people).toEqual([
      expect.objectContaining({ id: person, name: 'Awa', roles: ['participant'], hub: 'abidjan' }),
    ]);
    const enrolment = await t.test.db.enrolment.findFirstOrThrow({
      where: { person: { identities: { some: { platformId: person } } } },
    });
    expect(enrolment).toMatchObject({ role: 'participant', status: 'active' });
  });

  it('carries a message through the pipeline: recorded, handled, replied through the outbox, delivered', async () => {
    const sent = await post({ person, text: 'Aide' });
    expect(sent.statusCode).toBe(202);
    const [reply] = await replies(1);
    expect(reply?.message.text).toContain('PROGRÈS');
    const event = await t.test.db.inboundEvent.findFirstOrThrow({ where: { platformEventId: sent.json().id } });
    expect(event.status).toBe('processed');
    const outbox = await t.test.db.outboundMessage.findUniqueOrThrow({ where: { id: reply!.id } });
    expect(outbox).toMatchObject({ channel: 'simulator', status: 'sent', purpose: 'reply', attempts: 1 });
    expect(outbox.platformMessageId).toMatch(/^sim-/);
  });

  it('offers choices as buttons, and a picked choice changes the language', async () => {
    await post({ person, text: 'langue' });
    const out = await replies(2);
    const question = out[1]!;
    expect(question.message.kind).toBe('choices');
    expect(question.message.choices).toEqual([
      { id: 'lang:fr', label: 'Français' },
      { id: 'lang:en', label: 'English' },
    ]);
    await post({ person, choice: { id: 'lang:en', label: 'English' } });
    const [, , confirmation] = await replies(3);
    expect(confirmation?.message.text).toBe('Noted: I will write to you in English.');
    const identity = await t.test.db.channelIdentity.findFirstOrThrow({
      where: { platformId: person },
      include: { person: true },
    });
    expect(identity.person.locale).toBe('en');
  });

  it('records a message sent twice once, and answers it once', async () => {
    const first = await post({ person, id: 'client-42', text: 'help' });
    const second = await post({ person, id: 'client-42', text: 'help' });
    expect(first.json()).toEqual({ id: 'client-42', duplicate: false });
    expect(second.statusCode).toBe(202);
    expect(second.json()).toEqual({ id: 'client-42', duplicate: true });
    await replies(4);
    expect(await t.test.db.inboundEvent.count({ where: { platformEventId: 'client-42' } })).toBe(1);
    // Give a duplicate reply time to appear, if the pipeline were to make one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await messages()).filter((m) => m.direction === 'out')).toHaveLength(4);
  });

  it('stores a photo under MEDIA_DIR with its path, size and hash', async () => {
    const photo = Buffer.from('\x89PNG\r\n\x1a\n fake image bytes');
    await post({
      person,
      media: { kind: 'photo', mimeType: 'image/png', fileName: 'equipe.png', data: photo.toString('base64') },
    });
    await replies(5);
    const file = await t.test.db.mediaFile.findFirstOrThrow({ where: { channel: 'simulator' } });
    expect(file).toMatchObject({ mimeType: 'image/png', sizeBytes: photo.length });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(path.join(t.mediaDir, file.path))).toEqual(photo);
  });

  it('answers a file over MEDIA_MAX_BYTES politely, and keeps nothing of it', async () => {
    const uploadsBefore = uploads();
    const big = Buffer.alloc(10_000, 1);
    await post({
      person,
      media: { kind: 'document', mimeType: 'application/pdf', fileName: 'gros.pdf', data: big.toString('base64') },
    });
    const out = await replies(6);
    expect(out[5]?.message.text).toBe(
      'I could not keep this file: it is larger than the maximum of 4 KB. Could you send another one?',
    );
    expect(await t.test.db.mediaFile.count()).toBe(1);
    expect(uploads()).toEqual(uploadsBefore);
  });

  it('cuts off a body far over MEDIA_MAX_BYTES while it arrives, and writes nothing', async () => {
    const uploadsBefore = uploads();
    const eventsBefore = await t.test.db.inboundEvent.count();
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    // A JSON body sent in 64 KB pieces with no length announced: 32 MB if sent to the end.
    const piece = 'A'.repeat(64 * 1024);
    const pieces = 512;
    let sent = 0;
    const status = await new Promise<number>((resolve, reject) => {
      let answered = false;
      const request = http.request(`${base}/simulator/api/messages`, {
        method: 'POST',
        headers: { ...simulatorHeaders(t), 'content-type': 'application/json' },
      });
      request.on('response', (response) => {
        answered = true;
        response.resume();
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      request.on('error', (error) => (answered ? undefined : reject(error)));
      void (async () => {
        request.write(`{"person":"${person}","media":{"kind":"document","mimeType":"application/pdf","data":"`);
        while (!answered && sent < pieces) {
          sent += 1;
          if (!request.write(piece)) await drained(request);
        }
        if (!answered) request.end('"}}');
      })();
    });
    expect(status).toBe(413);
    // The limit is about 1.4 × 4 KB + 64 KB: refused long before the end of the body.
    expect(sent).toBeLessThan(pieces / 2);
    expect(uploads()).toEqual(uploadsBefore);
    expect(await t.test.db.inboundEvent.count()).toBe(eventsBefore);
  });

  it('refuses a file that is not base64, and writes nothing', async () => {
    const uploadsBefore = uploads();
    const response = await post({ person, media: { kind: 'photo', mimeType: 'image/png', data: 'not base64!' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toContain('media.data: must be base64');
    expect(uploads()).toEqual(uploadsBefore);
  });

  it('keeps one file for a file message sent twice with the same id', async () => {
    const uploadsBefore = uploads();
    const data = Buffer.from('%PDF-1.4 twice').toString('base64');
    const first = await post({
      person,
      id: 'file-twice',
      media: { kind: 'document', mimeType: 'application/pdf', data },
    });
    const second = await post({
      person,
      id: 'file-twice',
      media: { kind: 'document', mimeType: 'application/pdf', data },
    });
    expect([first.json().duplicate, second.json().duplicate]).toEqual([false, true]);
    expect(uploads().length).toBe(uploadsBefore.length + 1);
    await replies(7);
  });

  it('keeps no file of a file message PostgreSQL refuses and sets aside', async () => {
    const uploadsBefore = uploads();
    // PostgreSQL refusing what this one event holds, as it would an index row too large.
    await t.test.db.$executeRawUnsafe(`CREATE FUNCTION refuse_file() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.payload->'media'->>'fileName' = 'refused.pdf' THEN RAISE EXCEPTION 'value refused' USING ERRCODE = '22023'; END IF;
        RETURN NEW;
      END $$`);
    await t.test.db.$executeRawUnsafe(
      'CREATE TRIGGER refuse_file BEFORE INSERT ON "InboundEvent" FOR EACH ROW EXECUTE FUNCTION refuse_file()',
    );
    try {
      const data = Buffer.from('%PDF-1.4 refused').toString('base64');
      const response = await post({
        person,
        id: 'file-refused',
        media: { kind: 'document', mimeType: 'application/pdf', fileName: 'refused.pdf', data },
      });
      expect(response.statusCode).toBe(202);
      expect(await t.test.db.rejectedInboundEvent.findMany({ select: { platformEventId: true, error: true } })).toEqual(
        [{ platformEventId: 'file-refused', error: '22023 value refused' }],
      );
      expect(uploads()).toEqual(uploadsBefore);
    } finally {
      await t.test.db.$executeRawUnsafe('DROP TRIGGER refuse_file ON "InboundEvent"');
      await t.test.db.$executeRawUnsafe('DROP FUNCTION refuse_file()');
    }
  });

  it('refuses malformed requests with a clear error', async () => {
    const missing = await post({ text: 'hello' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().issues).toContain('person: Invalid input: expected string, received undefined');
    const both = await post({ person, text: 'a', choice: { id: 'x' } });
    expect(both.statusCode).toBe(400);
    expect(both.json().issues).toContain('body: give exactly one of text, choice or media');
    const unknown = await post({ person: 'sim-nobody', text: 'hello' });
    expect(unknown.statusCode).toBe(404);
    const broken = await t.app.inject({
      method: 'POST',
      url: '/simulator/api/messages',
      headers: { ...simulatorHeaders(t), 'content-type': 'application/json' },
      payload: '{"person":',
    });
    expect(broken.statusCode).toBe(400);
    const noPerson = await t.app.inject({
      method: 'GET',
      url: '/simulator/api/messages',
      headers: simulatorHeaders(t),
    });
    expect(noPerson.statusCode).toBe(400);
    const badHub = await t.app.inject({
      method: 'POST',
      url: '/simulator/api/people',
      headers: simulatorHeaders(t),
      payload: { name: 'X', hub: 'paris' },
    });
    expect(badHub.statusCode).toBe(404);
  });

  it('answers an oversized text with a clear message', async () => {
    await post({ person, text: 'x'.repeat(5000) });
    const out = await replies(8);
    expect(out[7]?.message.text).toBe(
      'This message is too long: 5000 characters, for a maximum of 4000. Could you shorten it?',
    );
  });

  it("serves its web chat page and script, with no outside resources and the dashboard's security headers", async () => {
    const page = await t.app.inject({ method: 'GET', url: '/simulator', headers: simulatorHeaders(t) });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<script src="/simulator/app.js"></script>');
    expect(page.body).not.toMatch(/(src|href)="https?:/);
    // No inline script: the policy allows only the page's own script file.
    expect(page.body).not.toMatch(/<script>/);
    expect(page.headers).toMatchObject({
      'content-security-policy': expect.stringContaining("script-src 'self'"),
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const script = await t.app.inject({ method: 'GET', url: '/simulator/app.js', headers: simulatorHeaders(t) });
    expect(script.headers['content-type']).toContain('text/javascript');
    expect(script.body).toContain('/simulator/api/messages');
    expect(existsSync(t.mediaDir)).toBe(true);
  });
});
