import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOutboundMessages } from '../../../src/store/outbox/outbox.ts';
import { importSample } from '../../support/sample-programme.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';
import { waitFor } from '../../support/processes.ts';
import { createTestChannel, APP_SECRET, ACCESS_TOKEN } from './support/channel.ts';
import { GraphStandIn } from './support/graph-stand-in.ts';
import { metaJson, signAsMeta } from './support/meta-json.ts';
import {
  AICHA,
  RIVO,
  contactOf,
  messageFrom,
  messagesChange,
  messagesFrom,
  status,
  textFrom,
  webhookBody,
} from './support/meta-payloads.ts';

/**
 * WhatsApp through the whole pipeline: a signed webhook is recorded in PostgreSQL, handled by the
 * workers, answered through the outbox, and delivered to the Graph API stand-in.
 */
describe('WhatsApp end to end', () => {
  const graph = new GraphStandIn(ACCESS_TOKEN);
  let t: TestApp;
  const now = () => String(Math.floor(Date.now() / 1000));

  beforeAll(async () => {
    await graph.start();
    const channel = createTestChannel(graph.url);
    t = await startTestApp({
      channels: { whatsapp: channel.adapter },
      routes: [(app, { sink }) => channel.registerWebhook(app, sink)],
    });
  });

  afterAll(async () => {
    await t.close();
    await graph.stop();
  });

  function deliver(body: unknown, secret = APP_SECRET) {
    const payload = metaJson(body);
    return t.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signAsMeta(payload, secret) },
      payload,
    });
  }

  async function sentTo(addressee: Record<string, string>, count: number) {
    return waitFor(
      async () => {
        const requests = graph.messageRequests.filter((r) => Object.entries(addressee).every(([k, v]) => r[k] === v));
        return requests.length >= count ? requests : undefined;
      },
      15_000,
      `${count} messages sent to ${JSON.stringify(addressee)}`,
    );
  }

  it('answers two messages of one POST, in order, on WhatsApp', async () => {
    const body = messagesFrom(
      AICHA,
      textFrom(AICHA, 'wamid.e2e-1', 'Aide', now()),
      textFrom(AICHA, 'wamid.e2e-2', 'langue', now()),
    );
    expect((await deliver(body)).statusCode).toBe(200);
    const [help, language] = await sentTo({ to: AICHA.wa_id }, 2);
    // Aïcha has not joined yet: help is how to join.
    expect(help).toMatchObject({ type: 'text', text: { body: expect.stringContaining('REJOINDRE') } });
    expect(language).toMatchObject({ type: 'interactive', interactive: { type: 'button' } });

    // Meta delivers the same POST again: nothing more is recorded or sent.
    expect((await deliver(body)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(graph.messageRequests.filter((r) => r.to === AICHA.wa_id)).toHaveLength(2);
    expect(await t.test.db.inboundEvent.count({ where: { channel: 'whatsapp' } })).toBe(2);
    // Both messages show as read (blue ticks) once handled.
    const read = graph.requests.filter((r) => (r.body as { status?: string } | undefined)?.status === 'read');
    expect(read.map((r) => (r.body as { message_id: string }).message_id).sort()).toEqual([
      'wamid.e2e-1',
      'wamid.e2e-2',
    ]);
  });

  it('follows the statuses Meta sends back for a message', async () => {
    const sent = await t.test.db.outboundMessage.findFirstOrThrow({ where: { channel: 'whatsapp', status: 'sent' } });
    const statuses = webhookBody(
      messagesChange({
        statuses: [
          status(sent.platformMessageId!, 'read', AICHA, now()),
          status(sent.platformMessageId!, 'delivered', AICHA, now()),
        ],
      }),
    );
    expect((await deliver(statuses)).statusCode).toBe(200);
    const row = await t.test.db.outboundMessage.findUniqueOrThrow({ where: { id: sent.id } });
    // "read" arrived before "delivered": a status never moves a message backwards.
    expect(row.status).toBe('read');
    expect(row.readAt).not.toBeNull();
  });

  it('replies to a sender with no phone number through their business-scoped id', async () => {
    expect((await deliver(messagesFrom(RIVO, textFrom(RIVO, 'wamid.e2e-rivo', 'help', now())))).statusCode).toBe(200);
    const [reply] = await sentTo({ recipient: RIVO.user_id }, 1);
    expect(reply).not.toHaveProperty('to');
    const identity = await t.test.db.channelIdentity.findFirstOrThrow({ where: { platformId: RIVO.user_id } });
    expect(identity.phoneNumber).toBeNull();
  });

  it('downloads a photo at once from the Graph API and stores it', async () => {
    const photo = Buffer.from('\xff\xd8\xff\xe0 a small jpeg');
    graph.addMedia('media-4242', { data: photo, mimeType: 'image/jpeg' });
    const image = {
      ...messageFrom(AICHA, 'wamid.e2e-photo', now()),
      type: 'image',
      image: { id: 'media-4242', mime_type: 'image/jpeg', sha256: 'x' },
    };
    expect(
      (await deliver(webhookBody(messagesChange({ contacts: [contactOf(AICHA)], messages: [image] })))).statusCode,
    ).toBe(200);
    const file = await waitFor(
      () => t.test.db.mediaFile.findFirst({ where: { channel: 'whatsapp' } }).then((f) => f ?? undefined),
      15_000,
      'media stored',
    );
    expect(file).toMatchObject({ platformFileId: 'media-4242', mimeType: 'image/jpeg', sizeBytes: photo.length });
  });

  it('sends the template when the 24-hour window is closed, and the held message once the person replies', async () => {
    const identity = await t.test.db.channelIdentity.findFirstOrThrow({ where: { platformId: AICHA.user_id } });
    await importSample(t.test.db);
    const cohort = await t.test.db.cohort.findFirstOrThrow();
    await t.test.db.enrolment.create({
      data: { personId: identity.personId, cohortId: cohort.id, role: 'participant' },
    });
    await t.test.db.person.update({ where: { id: identity.personId }, data: { locale: 'fr' } });
    await t.test.db.channelIdentity.update({
      where: { id: identity.id },
      data: { lastInboundAt: new Date(Date.now() - 30 * 3600_000) },
    });
    const [row] = await addOutboundMessages(
      t.test.db,
      [
        {
          personId: identity.personId,
          channelIdentityId: identity.id,
          purpose: 'reminder',
          payload: { kind: 'text', text: 'Rappel : semaine 1' },
        },
      ],
      new Date(),
    );
    await t.queues.deliverOutbound([row!], new Date());
    const [template] = await sentTo({ type: 'template' }, 1);
    expect(template).toMatchObject({
      to: AICHA.wa_id,
      template: { name: 'cc_rappel_echeance', language: { code: 'fr' } },
    });
    expect((await t.test.db.outboundMessage.findUniqueOrThrow({ where: { id: row!.id } })).status).toBe('held');

    // Aïcha answers the template: the window opens and the held reminder follows.
    await deliver(messagesFrom(AICHA, textFrom(AICHA, 'wamid.e2e-back', 'Bonjour', now())));
    const released = await waitFor(
      async () => {
        const message = await t.test.db.outboundMessage.findUniqueOrThrow({ where: { id: row!.id } });
        return message.status === 'sent' ? message : undefined;
      },
      15_000,
      'the held message sent',
    );
    expect(released.platformMessageId).toMatch(/^wamid\./);
  });

  it('announces a selection decision, held by a closed window, with the announcement template', async () => {
    const identity = await t.test.db.channelIdentity.findFirstOrThrow({ where: { platformId: AICHA.user_id } });
    await t.test.db.channelIdentity.update({
      where: { id: identity.id },
      data: { lastInboundAt: new Date(Date.now() - 30 * 3600_000) },
    });
    const [row] = await addOutboundMessages(
      t.test.db,
      [
        {
          personId: identity.personId,
          channelIdentityId: identity.id,
          purpose: 'selection',
          payload: { kind: 'text', text: 'Félicitations : vous êtes sélectionnée.' },
        },
      ],
      new Date(),
    );
    await t.queues.deliverOutbound([row!], new Date());
    // The second template this test file sends; the first was the reminder's, above.
    const templates = await sentTo({ type: 'template' }, 2);
    expect(templates[1]).toMatchObject({ to: AICHA.wa_id, template: { name: 'cc_annonce', language: { code: 'fr' } } });
    expect((await t.test.db.outboundMessage.findUniqueOrThrow({ where: { id: row!.id } })).status).toBe('held');
  });

  it('confirms an erasure at the number the identity no longer holds, then treats the number as a newcomer', async () => {
    const identity = await t.test.db.channelIdentity.findFirstOrThrow({ where: { platformId: AICHA.user_id } });
    await deliver(messagesFrom(AICHA, textFrom(AICHA, 'wamid.e2e-erase', 'effacer', now())));
    await sentTo({ to: AICHA.wa_id, type: 'interactive' }, 1);
    const yes = {
      ...messageFrom(AICHA, 'wamid.e2e-erase-yes', now()),
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'erase:yes', title: 'Oui' } },
    };
    await deliver(messagesFrom(AICHA, yes));
    const confirmation = await waitFor(
      async () =>
        graph.messageRequests.find((r) => r.to === AICHA.wa_id && JSON.stringify(r).includes('sont effacées')),
      15_000,
      'the confirmation',
    );
    expect(confirmation).not.toHaveProperty('recipient');
    const erased = await t.test.db.channelIdentity.findUniqueOrThrow({ where: { id: identity.id } });
    expect(erased).toMatchObject({ platformId: `erased:${identity.id}`, phoneNumber: null, username: null });
    // The address the confirmation carried went once it was sent.
    const row = await waitFor(
      () =>
        t.test.db.outboundMessage
          .findFirst({ where: { channelIdentityId: identity.id, purpose: 'erase_confirmation', status: 'sent' } })
          .then((m) => m ?? undefined),
      15_000,
      'the confirmation recorded',
    );
    expect(row.address).toBeNull();

    await deliver(messagesFrom(AICHA, textFrom(AICHA, 'wamid.e2e-again', 'Bonjour', now())));
    const fresh = await waitFor(
      () => t.test.db.channelIdentity.findFirst({ where: { platformId: AICHA.user_id } }).then((i) => i ?? undefined),
      15_000,
      'a new identity',
    );
    expect(fresh.personId).not.toBe(identity.personId);
    expect(await t.test.db.person.findUniqueOrThrow({ where: { id: fresh.personId } })).toMatchObject({
      erasedAt: null,
      roles: [],
    });
  });

  it('refuses a forged signature and records nothing', async () => {
    const before = await t.test.db.inboundEvent.count();
    const response = await deliver(
      messagesFrom(AICHA, textFrom(AICHA, 'wamid.forged', 'hello', now())),
      'not-the-app-secret',
    );
    expect(response.statusCode).toBe(401);
    expect(await t.test.db.inboundEvent.count()).toBe(before);
  });
});
