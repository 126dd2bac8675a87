import { setTimeout as sleep } from 'node:timers/promises';
import type { OutboundFile, SentMessage } from '../channels/channel-adapter.ts';
import { CONSENT_REQUEST_PURPOSE } from '../conversation/flows/consent-again.ts';
import { expiredReason } from '../domain/sessions/session-message-expiry.ts';
import { isWindowOpen } from '../domain/whatsapp-window.ts';
import type { ClaimedMessage } from '../store/outbox/claim-outbound-message.ts';
import { loadOutboundMedia } from '../store/media/load-outbound-media.ts';
import { finishOutboundMessage } from '../store/outbox/finish-outbound-message.ts';
import { addOutboundMessages, HELD_FOR_CONSENT } from '../store/outbox/outbox.ts';
import { recordSent } from '../store/outbox/record-sent-messages.ts';
import type { SentAs } from './delivery-payload.ts';
import { handleSendError, type Finish } from './handle-send-error.ts';
import type { JobContext } from './job-definition.ts';
import { templateFor, windowDay } from './template-for.ts';

/** What still goes to someone who stopped or erased their data: answers to what they just wrote. */
const ALWAYS_DELIVERED = ['reply', 'stop_confirmation', 'erase_confirmation'];

/**
 * What still goes to someone asked to consent to a new text: answers to what they write (the
 * conversation only asks the question then) and the question itself; the rest is held.
 */
const DELIVERED_WHILE_ASKED = [
  'reply',
  'stop_confirmation',
  'erase_confirmation',
  CONSENT_REQUEST_PURPOSE,
  `template_${CONSENT_REQUEST_PURPOSE}`,
];

export type SendResult =
  | { outcome: 'sent' | 'failed' | 'skipped' | 'held' }
  /** Not sent: the breaker opened after the claim (see DatabaseBreaker). */
  | { outcome: 'paused' }
  /** Queued again: to try later, no sooner than `afterMs` when the platform said so. */
  | { outcome: 'retry'; afterMs: number | null; error: unknown }
  /** The platform has it, but recording that failed. */
  | { outcome: 'unrecorded'; sent: SentAs };

/** Sends a claimed message, or says why not: who it goes to decides, then the platform. */
export async function sendClaimed(
  message: ClaimedMessage,
  context: JobContext,
  paceMs: number,
  lastAttempt: boolean,
): Promise<SendResult> {
  const { db, now } = context;
  const { identity, payload } = message;
  const finish: Finish = (status, extra = {}) => finishOutboundMessage(db, message.id, status, extra);

  // Worded for a moment that has passed (a reminder of a session that has started): not sent late.
  if (message.notAfter && message.notAfter <= now()) {
    await finish('skipped', { lastError: expiredReason(message.purpose) });
    return { outcome: 'skipped' };
  }
  const adapter = context.channels[message.channel];
  if (!adapter) {
    await finish('failed', { failedAt: now(), lastError: `the ${message.channel} channel is not configured` });
    return { outcome: 'failed' };
  }
  if ((message.optedOutAt || message.erasedAt) && !ALWAYS_DELIVERED.includes(message.purpose)) {
    await finish('skipped', {
      lastError: message.erasedAt ? 'the person erased their data' : 'the person opted out (STOP)',
    });
    return { outcome: 'skipped' };
  }
  if (message.consentAskedAt && !DELIVERED_WHILE_ASKED.includes(message.purpose)) {
    // Not lost: released when they answer (see handle-inbound.ts), and sent if they agreed.
    await finish('held', { lastError: HELD_FOR_CONSENT });
    return { outcome: 'held' };
  }
  if (identity.unreachableAt) {
    await finish('skipped', { lastError: `recipient unreachable since ${identity.unreachableAt.toISOString()}` });
    return { outcome: 'skipped' };
  }
  if (message.channel === 'whatsapp' && payload.kind !== 'template' && !isWindowOpen(identity.lastInboundAt, now())) {
    // Held until the person writes again; meanwhile the programme's approved template for this
    // purpose, in their language, asks them to reply (that reply opens the window again).
    const template = await templateFor(context, message.personId, message.purpose);
    if (template) {
      const rows = await addOutboundMessages(
        db,
        [
          {
            personId: message.personId,
            channelIdentityId: identity.id,
            purpose: `template_${message.purpose}`,
            dedupKey: `template-${identity.id}-${message.purpose}-${windowDay(now())}`,
            payload: template,
            // Asks for a reply that would bring nothing once the message it stands for has expired.
            ...(message.notAfter && { notAfter: message.notAfter }),
          },
        ],
        now(),
      );
      await context.queues.deliverOutbound(rows, now());
    }
    await finish('held', {
      lastError: `WhatsApp window closed: ${template ? `template ${template.name} sent` : 'needs a template'}`,
    });
    return { outcome: 'held' };
  }

  // A file to send is read now, when it goes: one erased since (or lost from disk) never comes back, so the message is skipped.
  let file: OutboundFile | undefined;
  if (payload.kind === 'media') {
    const media = await loadOutboundMedia(db, context.media.dir, payload.mediaFileId);
    if (media.status === 'gone') {
      await finish('skipped', { lastError: media.reason });
      return { outcome: 'skipped' };
    }
    file = { data: media.data, mimeType: media.mimeType, fileName: media.fileName };
  }

  // The channel's next free instant; the limiter above lets sends start in bursts.
  if (paceMs > 0) {
    const pause = await context.queues.reserveSendSlot(message.channel, paceMs);
    if (pause > 0) await sleep(pause);
  }
  // The database went away since the claim (this job or another found so): a send now could not be recorded.
  if (context.breaker?.isOpen) return { outcome: 'paused' };
  let sent: SentMessage;
  try {
    sent = await adapter.send(
      { channel: identity.channel, platformId: identity.platformId, phoneNumber: identity.phoneNumber },
      payload,
      file,
    );
  } catch (error) {
    return handleSendError(error, context, message, finish, lastAttempt);
  }
  // Outside the try: the platform has the message. If recording that fails, the send is kept
  // (see keepSends) and only the record is tried again, so that no retry sends it a second time.
  const at = now();
  try {
    await recordSent(db, message.id, sent.platformMessageId, at);
  } catch (error) {
    context.breaker?.trip(error);
    context.logger.error(
      { err: error, messageId: message.id, platformMessageId: sent.platformMessageId },
      'sent, but could not record it',
    );
    await journal(context, { id: message.id, platformMessageId: sent.platformMessageId, at });
    return { outcome: 'unrecorded', sent: { platformMessageId: sent.platformMessageId, at } };
  }
  return { outcome: 'sent' };
}

/**
 * A send the database could not record goes to the worker's journal on disk first (replayed when
 * PostgreSQL answers again, see send-journal.ts), so that losing Redis cannot make it go twice;
 * then to the job's data as before.
 */
async function journal(context: JobContext, send: { id: string; platformMessageId: string; at: Date }): Promise<void> {
  if (!context.journal) return;
  try {
    await context.journal.append([send]);
  } catch (err) {
    context.logger.error(
      { err, messageId: send.id },
      'sent, but could not keep it in the journal either; kept in the job only',
    );
  }
}
