import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../../../src/channels/whatsapp/parse-webhook.ts';
import { webhookPayloadSchema } from '../../../src/channels/whatsapp/webhook-payload.ts';
import {
  AICHA,
  contactOf,
  messageFrom,
  messagesChange,
  messagesFrom,
  status,
  webhookBody,
} from './support/meta-payloads.ts';

/** What the webhook does after the signature: validate, then parse. */
const parse = (body: unknown, receivedAt = new Date('2027-01-11T09:00:00.000Z')) =>
  parseWebhook(webhookPayloadSchema.parse(JSON.parse(JSON.stringify(body))), receivedAt);
const only = (message: Record<string, unknown>) =>
  parse(messagesFrom(AICHA, { ...messageFrom(AICHA, 'wamid.M1'), ...message }));

const SENDER = { channel: 'whatsapp', platformId: AICHA.user_id, phoneNumber: AICHA.wa_id, displayName: AICHA.name };
const BASE = { channel: 'whatsapp', platformEventId: 'wamid.M1', sender: SENDER, sentAt: '2026-01-01T10:00:00.000Z' };

describe('parseWebhook', () => {
  it('turns a text into a text event', () => {
    expect(only({ type: 'text', text: { body: 'Bonjour' } }).events).toEqual([
      { ...BASE, kind: 'text', text: 'Bonjour' },
    ]);
  });

  it('turns a reply button into a choice, with its label and the message it answers', () => {
    const message = {
      type: 'interactive',
      context: { from: '15550783881', id: 'wamid.QUESTION' },
      interactive: { type: 'button_reply', button_reply: { id: 'motivation:4', title: 'Plutôt motivé·e' } },
    };
    expect(only(message).events).toEqual([
      { ...BASE, kind: 'choice', choiceId: 'motivation:4', label: 'Plutôt motivé·e', inReplyTo: 'wamid.QUESTION' },
    ]);
  });

  it('turns a list row into a choice', () => {
    const message = {
      type: 'interactive',
      context: { from: '15550783881', id: 'wamid.LIST' },
      interactive: { type: 'list_reply', list_reply: { id: 'hub:abidjan', title: 'Abidjan', description: 'UTC+0' } },
    };
    expect(only(message).events).toEqual([
      { ...BASE, kind: 'choice', choiceId: 'hub:abidjan', label: 'Abidjan', inReplyTo: 'wamid.LIST' },
    ]);
  });

  it("turns a template's quick-reply button into a choice carrying its payload", () => {
    const message = {
      type: 'button',
      context: { from: '15550783881', id: 'wamid.TEMPLATE' },
      button: { text: 'Oui', payload: 'reminder:yes' },
    };
    expect(only(message).events).toEqual([
      { ...BASE, kind: 'choice', choiceId: 'reminder:yes', label: 'Oui', inReplyTo: 'wamid.TEMPLATE' },
    ]);
  });

  it.each([
    [
      'image',
      { caption: 'Mon atelier', mime_type: 'image/jpeg', sha256: 'abc=', id: '2754859441498128' },
      { kind: 'photo', caption: 'Mon atelier' },
    ],
    [
      'audio',
      { mime_type: 'audio/ogg; codecs=opus', sha256: 'abc=', id: '2754859441498128', voice: true },
      { kind: 'voice' },
    ],
    ['video', { mime_type: 'video/mp4', sha256: 'abc=', id: '2754859441498128' }, { kind: 'video' }],
    [
      'document',
      {
        caption: 'Plan',
        filename: "plan d'action.pdf",
        mime_type: 'application/pdf',
        sha256: 'abc=',
        id: '2754859441498128',
      },
      { kind: 'document', fileName: "plan d'action.pdf", caption: 'Plan' },
    ],
  ])('turns %s into a media event', (type, media, expected) => {
    expect(only({ type, [type]: media }).events).toEqual([
      { ...BASE, kind: 'media', media: { ref: '2754859441498128', mimeType: media.mime_type, ...expected } },
    ]);
  });

  it('counts a forwarded audio file as a voice note too', () => {
    const { events } = only({ type: 'audio', audio: { mime_type: 'audio/mpeg', id: '42', voice: false } });
    expect(events[0]).toMatchObject({ kind: 'media', media: { kind: 'voice', ref: '42' } });
  });

  it('turns a location into a location event', () => {
    const message = {
      type: 'location',
      location: { latitude: 5.3599517, longitude: -4.0082563, name: 'Plateau', address: 'Abidjan' },
    };
    expect(only(message).events).toEqual([{ ...BASE, kind: 'location', latitude: 5.3599517, longitude: -4.0082563 }]);
  });

  it.each([
    ['sticker', { type: 'sticker', sticker: { mime_type: 'image/webp', id: '1', animated: false } }, 'sticker'],
    [
      'contact card',
      { type: 'contacts', contacts: [{ name: { formatted_name: 'Awa' }, phones: [{ phone: '+221 77 000 00 00' }] }] },
      'contacts',
    ],
    ['order', { type: 'order', order: { catalog_id: '1', product_items: [] } }, 'order'],
    [
      'message WhatsApp itself cannot show',
      {
        type: 'unsupported',
        errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown' }],
      },
      'unsupported: Message type unknown',
    ],
    ['type added later', { type: 'poll_vote', poll_vote: {} }, 'poll_vote'],
  ])('turns a %s into an unsupported event', (_name, message, description) => {
    expect(only(message).events).toEqual([{ ...BASE, kind: 'unsupported', description }]);
  });

  it('ignores reactions and system messages, which are not the person answering', () => {
    const reaction = only({ type: 'reaction', reaction: { message_id: 'wamid.Q', emoji: '👍' } });
    const system = only({
      type: 'system',
      system: {
        body: 'User changed number',
        type: 'user_changed_user_id',
        user_id: 'CI.2',
        previous_user_id: AICHA.user_id,
      },
    });
    expect([reaction, system]).toEqual([
      { events: [], statuses: [], ignored: 1, malformed: [] },
      { events: [], statuses: [], ignored: 1, malformed: [] },
    ]);
  });

  it('finds each sender among several contacts', () => {
    const awa = { wa_id: '221770000000', user_id: 'SN.55', name: 'Awa' };
    const body = webhookBody(
      messagesChange({
        contacts: [contactOf(AICHA), contactOf(awa)],
        messages: [
          { ...messageFrom(awa, 'wamid.A'), type: 'text', text: { body: 'a' } },
          { ...messageFrom(AICHA, 'wamid.B'), type: 'text', text: { body: 'b' } },
        ],
      }),
    );
    expect(parse(body).events.map((e) => e.sender.displayName)).toEqual(['Awa', AICHA.name]);
  });

  it('turns sent, delivered, read and failed statuses into updates, and ignores played', () => {
    const failed = {
      ...status('wamid.S4', 'failed', AICHA),
      errors: [
        {
          code: 131047,
          title: 'Re-engagement message',
          message: 'Re-engagement message',
          error_data: {
            details:
              'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
          },
        },
      ],
    };
    const body = webhookBody(
      messagesChange({
        statuses: [
          status('wamid.S1', 'sent', AICHA, '1767261600'),
          status('wamid.S2', 'delivered', AICHA, '1767261601'),
          status('wamid.S3', 'read', AICHA, '1767261602'),
          failed,
          status('wamid.S5', 'played', AICHA),
        ],
      }),
    );
    expect(parse(body)).toEqual({
      events: [],
      statuses: [
        { channel: 'whatsapp', platformMessageId: 'wamid.S1', status: 'sent', at: '2026-01-01T10:00:00.000Z' },
        { channel: 'whatsapp', platformMessageId: 'wamid.S2', status: 'delivered', at: '2026-01-01T10:00:01.000Z' },
        { channel: 'whatsapp', platformMessageId: 'wamid.S3', status: 'read', at: '2026-01-01T10:00:02.000Z' },
        {
          channel: 'whatsapp',
          platformMessageId: 'wamid.S4',
          status: 'failed',
          at: '2026-01-01T10:01:40.000Z',
          error: '131047 Re-engagement message',
        },
      ],
      ignored: 1,
      malformed: [],
    });
  });
});
