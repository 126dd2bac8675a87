import { setTimeout as sleep } from 'node:timers/promises';
import { DelayedError, UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import {
  ChannelError,
  RateLimitedError,
  RecipientUnreachableError,
  WindowClosedError,
} from '../channels/channel-errors.ts';
import type { OutboundPayload } from '../domain/outbound-message.ts';
import { isWindowOpen } from '../domain/whatsapp-window.ts';
import { isLanguage } from '../domain/programme/language.ts';
import type { ProgrammeSettings, TemplatePurpose } from '../domain/programme/programme-definition.ts';
import { addOutboundMessages, claimOutboundMessage, deliveryBlocker, recordSent } from '../store/outbox.ts';
import type { SentMessage } from '../channels/channel-adapter.ts';
import { defineJob, type JobContext } from './job-definition.ts';
import { deliveryQueueName } from './job-queues.ts';
import { CHANNEL_NAMES, type ChannelName } from '../domain/inbound-event.ts';

/** What still goes to someone who stopped or erased their data: answers to what they just wrote. */
const ALWAYS_DELIVERED = ['reply', 'stop_confirmation', 'erase_confirmation'];

/** How often a message waiting for an earlier one to the same person checks again. */
const WAIT_FOR_EARLIER_MS = 200;
/** A message "sending" for longer than this was interrupted; it no longer holds the ones after it. */
const STUCK_SENDING_MS = 2 * 60 * 1000;

/**
 * Sends one outbox message through its channel, once: the row is claimed (queued → sending)
 * before the send and the platform's message id recorded after it, so a second job for the
 * same message finds nothing to do. What each platform error means is decided here, in one place.
 */
export function deliveryJob(channel: ChannelName, limiter?: { max: number; duration: number }) {
  return defineJob({
    name: deliveryQueueName(channel),
    payload: z.object({ messageId: z.string().min(1) }),
    // Enough jobs at once for their claims and records to go together (see outbox.ts).
    concurrency: 64,
    // The limit is kept by spacing the sends (see PACE_MARGIN); the queue's own limiter, which
    // lets jobs start in bursts and restarts its window late, only keeps a margin of jobs ready.
    ...(limiter && { limiter: { max: limiter.max * 2, duration: limiter.duration } }),
    handle: (payload, context) => deliver(payload, context, limiter ? (limiter.duration / limiter.max) * PACE_MARGIN : 0),
  });
}

/** The delivery jobs of every channel, each queue with its platform's rate limit. */
export function deliveryJobs(limits: Partial<Record<ChannelName, { max: number; duration: number }>> = {}) {
  return CHANNEL_NAMES.map((channel) => deliveryJob(channel, limits[channel]));
}

/**
 * Sends on a rate-limited channel are spaced evenly, a little more than the limit allows (3%):
 * the platform counts its own seconds, and a send reaches it a few ms after its instant.
 */
const PACE_MARGIN = 1.03;
/** Spacing below this is no limit worth a round trip to Redis. */
const MIN_PACE_MS = 1;

async function deliver({ messageId }: { messageId: string }, context: JobContext, paceMs: number) {
  const { db, now } = context;
  const claimant = context.job?.id ?? null;
  const canWait = Boolean(context.job && context.token);
  const order = { now: now(), stuckBefore: new Date(now().getTime() - STUCK_SENDING_MS) };
  const wait = async (ms: number): Promise<never> => {
    await context.job!.moveToDelayed(now().getTime() + ms, context.token!);
    throw new DelayedError();
  };
  // One chat at a time: at most one message per interval to the same person (Telegram ~1/s per chat).
  // The slot is reserved only for a message that may go now, so a waiting one takes no one's turn.
  const interval = canWait ? (context.chatIntervalMs?.[channelOf(context)] ?? 0) : 0;
  if (interval > 0) {
    const { blocker, channelIdentityId } = await deliveryBlocker(db, { id: messageId, claimant, order });
    if (blocker === 'done') return { outcome: 'not-queued' };
    if (blocker === 'earlier') return wait(WAIT_FOR_EARLIER_MS);
    const slot = await context.queues.reserveChatSlot(channelOf(context), channelIdentityId, interval);
    if (slot > 0) return wait(slot);
  }
  // Claimed (queued → sending) before the send, in one statement that also reads the recipient.
  // The same job run again after its worker died mid-send may claim it again: the send may or may
  // not have reached the platform; sending again risks a duplicate, not sending a loss: we send.
  const message = await claimOutboundMessage(db, { id: messageId, claimant, order, inOrder: canWait });
  if (!message) {
    // A person receives their messages in the order they were written: wait for earlier ones.
    // Nothing in the way now means the earlier one went out since the claim: try again shortly.
    const { blocker } = canWait ? await deliveryBlocker(db, { id: messageId, claimant, order }) : { blocker: 'done' };
    if (blocker !== 'done') return wait(WAIT_FOR_EARLIER_MS);
    return { outcome: 'not-queued' };
  }
  const { identity, payload } = message;
  const finish = (status: 'sent' | 'failed' | 'skipped' | 'held' | 'queued', extra: Record<string, unknown> = {}) =>
    db.outboundMessage.update({ where: { id: messageId }, data: { status, ...extra } });

  const adapter = context.channels[message.channel];
  if (!adapter) {
    await finish('failed', { failedAt: now(), lastError: `the ${message.channel} channel is not configured` });
    return { outcome: 'failed' };
  }
  if ((message.optedOutAt || message.erasedAt) && !ALWAYS_DELIVERED.includes(message.purpose)) {
    await finish('skipped', { lastError: message.erasedAt ? 'the person erased their data' : 'the person opted out (STOP)' });
    return { outcome: 'skipped' };
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
        [{ personId: message.personId, channelIdentityId: identity.id, purpose: `template_${message.purpose}`, dedupKey: `template-${identity.id}-${message.purpose}-${windowDay(now())}`, payload: template }],
        now(),
      );
      await context.queues.deliverOutbound(rows, now());
    }
    await finish('held', { lastError: `WhatsApp window closed: ${template ? `template ${template.name} sent` : 'needs a template'}` });
    return { outcome: 'held' };
  }

  // The channel's next free instant; the limiter above lets sends start in bursts.
  if (paceMs >= MIN_PACE_MS) {
    const pause = await context.queues.reserveSendSlot(message.channel, paceMs);
    if (pause > 0) await sleep(pause);
  }
  let sent: SentMessage;
  try {
    sent = await adapter.send({ channel: identity.channel, platformId: identity.platformId, phoneNumber: identity.phoneNumber }, payload);
  } catch (error) {
    return handleSendError(error, context, messageId, identity.id, finish);
  }
  // Outside the try: the platform has the message. If recording that fails, the row stays
  // "sending" and the job gives up for good, so that no retry sends it a second time.
  try {
    await recordSent(db, messageId, sent.platformMessageId, now());
  } catch (error) {
    context.logger.error({ err: error, messageId, platformMessageId: sent.platformMessageId }, 'sent, but could not record it');
    throw new UnrecoverableError(`sent as ${sent.platformMessageId}, but not recorded: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { outcome: 'sent' };
}

type Finish = (status: 'sent' | 'failed' | 'skipped' | 'held' | 'queued', extra?: Record<string, unknown>) => Promise<unknown>;

/** What a platform's refusal means for the message: wait, retry, hold, or give up. */
async function handleSendError(error: unknown, context: JobContext, messageId: string, identityId: string, finish: Finish) {
  const { db, now } = context;
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (error instanceof RateLimitedError) await context.queues.count('rate_limited', channelOf(context)).catch(() => {});
  if (error instanceof RateLimitedError && context.job && context.token) {
    // Honour the platform's retry-after: never sooner. Waiting does not count as a failed attempt.
    await finish('queued', { lastError: reason });
    await context.job.moveToDelayed(now().getTime() + error.retryAfterSeconds * 1000, context.token);
    throw new DelayedError();
  }
  if (error instanceof RecipientUnreachableError) {
    await db.channelIdentity.update({ where: { id: identityId }, data: { unreachableAt: now() } });
    await finish('skipped', { lastError: reason });
    return { outcome: 'skipped' };
  }
  if (error instanceof WindowClosedError) {
    await finish('held', { lastError: reason });
    return { outcome: 'held' };
  }
  const retryable = !(error instanceof ChannelError) || error.retryable;
  const attempts = context.job?.opts.attempts ?? 1;
  const lastAttempt = (context.job?.attemptsMade ?? 0) + 1 >= attempts;
  if (!retryable || lastAttempt) {
    await context.queues.count('failed', channelOf(context)).catch(() => {});
    await finish('failed', { failedAt: now(), lastError: reason });
    context.logger.warn({ messageId, err: error }, 'message not delivered');
    return { outcome: 'failed' };
  }
  await finish('queued', { lastError: reason });
  throw error;
}

/** Outbox purposes and the programme-file template purpose that stands in for them. */
const TEMPLATE_PURPOSE: Record<string, TemplatePurpose> = {
  exercise_release: 'exercise_released',
  reminder: 'reminder',
  check_in: 'check_in',
  mentor_digest: 'check_in',
  slipping_alert: 'check_in',
  broadcast: 'broadcast',
  milestone: 'milestone',
  follow_up: 'follow_up',
};

/** One template per person, purpose and day at most: a burst of held messages is announced once. */
function windowDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

async function templateFor(context: JobContext, personId: string, purpose: string): Promise<Extract<OutboundPayload, { kind: 'template' }> | null> {
  const templatePurpose = TEMPLATE_PURPOSE[purpose];
  if (!templatePurpose) return null;
  const person = await context.db.person.findUniqueOrThrow({
    where: { id: personId },
    select: { locale: true, enrolments: { take: 1, orderBy: { createdAt: 'asc' }, select: { cohort: { select: { programme: { select: { settings: true, defaultLocale: true } } } } } } },
  });
  const programme = person.enrolments[0]?.cohort.programme;
  if (!programme) return null;
  const templates = (programme.settings as unknown as ProgrammeSettings).whatsappTemplates[templatePurpose] ?? {};
  const language = isLanguage(person.locale) ? person.locale : isLanguage(programme.defaultLocale) ? programme.defaultLocale : 'fr';
  const ref = templates[language] ?? Object.values(templates)[0];
  if (!ref) return null;
  return { kind: 'template', name: ref.name, language: ref.language, parameters: [], fallbackText: '' };
}

/** The channel of the delivery queue this job runs on (deliver-<channel>). */
function channelOf(context: JobContext): ChannelName {
  const name = context.job?.queueName.replace(/^deliver-/, '');
  return (CHANNEL_NAMES as readonly string[]).includes(name ?? '') ? (name as ChannelName) : 'simulator';
}
