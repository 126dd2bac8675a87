import { z } from 'zod';
import type { OutboundPayload, Recipient } from '../../domain/outbound-message.ts';
import type { OutboundFile, SentMessage } from '../channel-adapter.ts';
import { ChannelError, InvalidRequestError } from '../channel-errors.ts';
import { addressee } from './addressee.ts';
import type { GraphClient } from './graph-client.ts';
import { renderMessage, type RenderedMessage } from './render.ts';
import { renderMedia, uploadMedia, whatsappMediaType } from './send-media.ts';

/**
 * Sends one message and returns its wamid, by which later statuses refer to it.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages
 */
export async function sendMessage(
  graph: GraphClient,
  phoneNumberId: string,
  recipient: Recipient,
  payload: OutboundPayload,
  file?: OutboundFile,
): Promise<SentMessage> {
  if (recipient.channel !== 'whatsapp') {
    throw new InvalidRequestError(`the WhatsApp channel cannot send to a ${recipient.channel} identity`);
  }
  if (payload.kind !== 'media') return post(graph, phoneNumberId, recipient, render(payload));
  if (!file) throw new InvalidRequestError('a media message came without its file');
  // Checked before the upload: a file WhatsApp would refuse is not sent to Meta at all.
  const type = whatsappMediaType(payload.media, file);
  const mediaId = await uploadMedia(graph, phoneNumberId, file);
  let sent: SentMessage = { platformMessageId: '' };
  for (const message of guarded(payload, () => renderMedia(payload, type, mediaId, file))) {
    sent = await post(graph, phoneNumberId, recipient, message);
  }
  return sent;
}

/** One /messages request; its wamid. */
async function post(
  graph: GraphClient,
  phoneNumberId: string,
  recipient: Recipient,
  message: RenderedMessage,
): Promise<SentMessage> {
  const request = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...addressee(recipient),
    ...message,
  };
  const answer = await graph.call('POST', `${encodeURIComponent(phoneNumberId)}/messages`, request);
  const id = sentMessageId(answer);
  // Meta accepted the message; retrying would send it twice, so this is not retryable.
  if (!id) throw new InvalidRequestError('WhatsApp accepted the message but answered without a message id');
  return { platformMessageId: id };
}

/** whatsapp-api-js's builders throw plain errors on limits they check; those are our requests' faults. */
function render(payload: Exclude<OutboundPayload, { kind: 'media' }>): RenderedMessage {
  return guarded(payload, () => renderMessage(payload));
}

function guarded<T>(payload: OutboundPayload, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof ChannelError) throw error;
    throw new InvalidRequestError(`cannot build a WhatsApp ${payload.kind} message: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** `{ messaging_product, contacts: [{ input, wa_id | user_id }], messages: [{ id }] }` */
const sentMessageAnswer = z.looseObject({ messages: z.tuple([z.looseObject({ id: z.string().min(1) })], z.unknown()) });

function sentMessageId(answer: unknown): string | undefined {
  const parsed = sentMessageAnswer.safeParse(answer);
  return parsed.success ? parsed.data.messages[0].id : undefined;
}
