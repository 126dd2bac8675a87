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
import {
  addOutboundMessages,
  claimOutboundMessage,
  deliveryBlocker,
  HELD_FOR_CONSENT,
  outboxStates,
  recordSent,
  releaseClaims,
  type ClaimedMessage,
  type ClaimMade,
  type OrderRule,
  type OutboxRow,
} from '../store/outbox/outbox.ts';
import type { SentMessage } from '../channels/channel-adapter.ts';
import { PROBE_EVERY_MS } from './database-breaker.ts';
import { Prisma } from '../store/generated/client.ts';
import { paceMs, type SendLimit } from './delivery-pace.ts';
import { defineJob, type JobContext } from './job-definition.ts';
import { deliveryQueueName } from './job-queues.ts';
import { CHANNEL_NAMES, type ChannelName } from '../domain/inbound-event.ts';
import { CONSENT_REQUEST_PURPOSE } from '../conversation/flows/consent-again.ts';

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

/** How often a message waiting for an earlier one to the same person checks again. */
const WAIT_FOR_EARLIER_MS = 200;
/** A message "sending" for longer than this was interrupted; it no longer holds the ones after it, and the sweep looks at it. */
export const STUCK_SENDING_MS = 2 * 60 * 1000;

/** A batch waits this long at most for a chat's turn; a longer wait goes to a job of its own. */
const MAX_BATCH_WAIT_MS = 3_000;
/** A message handed from a batch to a job of its own after a transient error is tried again after this. */
const RETRY_AFTER_MS = 2_000;
/** A job keeping sends it could not record comes back at most this long after its last try. */
const KEEP_TRYING_MAX_MS = 5 * 60_000;

/** Delivery jobs a worker runs at once: enough for their claims and records to go together (see outbox.ts). */
export const DELIVERY_CONCURRENCY = 64;

const sentRecord = z.object({ platformMessageId: z.string(), at: z.iso.datetime() });
const deliveryPayload = z
  .object({
    /** One message (replies, retries, the sweep's repairs). */
    messageId: z.string().min(1).optional(),
    /** Several (a broadcast, a release): see `deliverBatch`. */
    messageIds: z.array(z.string().min(1)).max(10_000).optional(),
    /** Sends the platform took whose record failed (PostgreSQL down): recorded, never sent again. */
    sent: z.record(z.string(), sentRecord).optional(),
    /** How many times the job came back to finish (see keepSends). */
    tries: z.number().int().min(0).optional(),
  })
  .refine(
    (payload) => (payload.messageId === undefined) !== (payload.messageIds === undefined),
    'either messageId or messageIds',
  );
type DeliveryPayload = z.infer<typeof deliveryPayload>;

/**
 * Sends outbox messages through their channel, once: each row is claimed (queued → sending)
 * before the send and the platform's message id recorded after it, so a second job for the
 * same message finds nothing to do. A job carries one message or a batch of them (a broadcast,
 * a release: one job per person would spend more on the queue than on the send). What each
 * platform error means is decided here, in one place.
 */
export function deliveryJob(channel: ChannelName, limiter?: SendLimit) {
  return defineJob({
    name: deliveryQueueName(channel),
    payload: deliveryPayload,
    concurrency: DELIVERY_CONCURRENCY,
    // The limit is kept by spacing the sends (see delivery-pace.ts); the queue's own limiter, which
    // lets jobs start in bursts and restarts its window late, only keeps a margin of jobs ready.
    ...(limiter && { limiter: { max: limiter.max * 2, duration: limiter.duration } }),
    handle: async (payload, context) => {
      const pace = paceMs(limiter);
      // PostgreSQL cannot record sends right now: none starts in this process until it can.
      if (context.breaker?.isOpen) {
        if (!context.job || !context.token) throw new Error('PostgreSQL is away: sends wait until it answers');
        await context.job.moveToDelayed(context.now().getTime() + PROBE_EVERY_MS, context.token);
        throw new DelayedError();
      }
      // Sends an earlier run could not record: record them first, and never send them again.
      try {
        for (const [id, sent] of Object.entries(payload.sent ?? {}))
          await recordSent(context.db, id, sent.platformMessageId, new Date(sent.at));
      } catch (error) {
        context.breaker?.trip(error);
        context.logger.warn({ err: error }, 'could not record the sends this job keeps yet');
        return keepSends(payload, {}, payload.messageIds ?? [], context);
      }
      if (payload.messageIds) return deliverBatch(payload, payload.messageIds, context, pace > 0);
      const messageId = payload.messageId!;
      if (payload.sent?.[messageId]) return { outcome: 'sent' };
      return deliver(payload, messageId, context, pace);
    },
  });
}

/** The delivery jobs of every channel, each queue with its platform's rate limit. */
export function deliveryJobs(limits: Partial<Record<ChannelName, SendLimit>> = {}) {
  return CHANNEL_NAMES.map((channel) => deliveryJob(channel, limits[channel]));
}

function orderRule(now: Date): OrderRule {
  return { now, stuckBefore: new Date(now.getTime() - STUCK_SENDING_MS) };
}

/** One message. */
async function deliver(payload: DeliveryPayload, messageId: string, context: JobContext, paceMs: number) {
  const { db, now } = context;
  const claimant = context.job?.id ?? null;
  const canWait = Boolean(context.job && context.token);
  const order = orderRule(now());
  const wait = async (ms: number): Promise<never> => {
    await context.job!.moveToDelayed(now().getTime() + ms, context.token);
    throw new DelayedError();
  };
  // One chat at a time: at most one message per interval to the same person (Telegram ~1/s per chat).
  // The slot is reserved only for a message that may go now, so a waiting one takes no one's turn.
  const interval = canWait ? chatInterval(context) : 0;
  if (interval > 0) {
    const { blocker, channelIdentityId } = await tripping(
      context,
      deliveryBlocker(db, { id: messageId, claimant, order }),
    );
    if (blocker === 'done') return { outcome: 'not-queued' };
    if (blocker === 'earlier') return wait(WAIT_FOR_EARLIER_MS);
    const slot = await context.queues.reserveChatSlot(channelOf(context), channelIdentityId, interval);
    if (slot > 0) return wait(slot);
  }
  // Claimed (queued → sending) before the send, in one statement that also reads the recipient.
  // The same job run again after its worker died mid-send may claim it again: the send may or may
  // not have reached the platform; sending again risks a duplicate, not sending a loss: we send.
  const claim = { id: messageId, claimant, at: order.now };
  const message = await claiming(
    context,
    claim,
    claimOutboundMessage(db, { id: messageId, claimant, order, inOrder: canWait }),
  );
  if (!message) {
    // A person receives their messages in the order they were written: wait for earlier ones.
    // Nothing in the way now means the earlier one went out since the claim: try again shortly.
    const { blocker } = canWait ? await deliveryBlocker(db, { id: messageId, claimant, order }) : { blocker: 'done' };
    if (blocker !== 'done') return wait(WAIT_FOR_EARLIER_MS);
    return { outcome: 'not-queued' };
  }
  const attempts = context.job?.opts.attempts ?? 1;
  const lastAttempt = (context.job?.attemptsMade ?? 0) + 1 >= attempts;
  const result = await sendClaimed(message, context, paceMs, lastAttempt);
  switch (result.outcome) {
    case 'paused':
      // Not sent: the claim is given back once PostgreSQL answers, and the job comes back then.
      giveBack(context, claim);
      if (canWait) return wait(PROBE_EVERY_MS);
      throw new Error('PostgreSQL is away: not sent');
    case 'retry':
      // Honour the platform's retry-after: never sooner. Waiting does not count as a failed attempt.
      if (result.afterMs !== null && canWait) return wait(result.afterMs);
      throw result.error;
    case 'unrecorded':
      return keepSends(payload, { [message.id]: result.sent }, [], context);
    default:
      return { outcome: result.outcome };
  }
}

/**
 * Several messages in one job: each person's in the order they were written, people side by
 * side. Each message is claimed just before its send, as a single one is (the claims of the
 * chains go together in one statement), so that what the job has not reached stays queued for
 * the sweep should the job die. What cannot go now (behind an earlier message outside the
 * batch, a chat's turn far off, a 429, a transient error) goes on in a job of its own, which
 * waits, retries and backs off as a single message does; so does every message of a channel
 * with a send limit (see delivery-pace.ts).
 */
async function deliverBatch(payload: DeliveryPayload, ids: string[], context: JobContext, paced: boolean) {
  const { db } = context;
  const claimant = context.job?.id ?? null;
  const rows = await outboxStates(db, ids);
  // Still to send: queued, or claimed by this same job before it was interrupted (a crash, a stall).
  const pending = rows.filter(
    (row) => row.status === 'queued' || (row.status === 'sending' && row.claimedBy === claimant),
  );
  if (paced) {
    // One message per slot whatever the jobs: a batch would only hold many messages in a worker
    // waiting for their slots (and keep it from stopping). One job each.
    const interrupted = pending.filter((row) => row.status === 'sending').map((row) => row.id);
    if (interrupted.length > 0)
      await db.outboundMessage.updateMany({
        where: { id: { in: interrupted }, status: 'sending', claimedBy: claimant },
        data: { status: 'queued' },
      });
    await handOff(
      (
        await outboxStates(
          db,
          pending.map((row) => row.id),
        )
      ).filter((row) => row.status === 'queued'),
      0,
      context,
    );
    return { outcome: 'handed-off', messages: pending.length };
  }
  const chains = new Map<string, typeof pending>();
  for (const row of pending) chains.set(row.channelIdentityId, [...(chains.get(row.channelIdentityId) ?? []), row]);

  const outcomes: Record<string, number> = {};
  const kept = keeper(payload, context);
  const unfinished: string[] = [];
  await Promise.all(
    [...chains.values()].map(async (chain) => {
      chain.sort((a, b) => (a.sequence < b.sequence ? -1 : 1));
      // The rest of the chain goes on in jobs of its own, `afterMs` from now, in order.
      const handOn = async (from: number, afterMs: number) => {
        const rest = chain.slice(from).map((row) => row.id);
        try {
          await handOff(
            (await outboxStates(db, rest)).filter((r) => r.status === 'queued'),
            afterMs,
            context,
          );
        } catch (error) {
          context.logger.warn({ err: error, messageIds: rest }, 'could not hand messages on; this job tries again');
          unfinished.push(...rest);
        }
      };
      for (const [index, row] of chain.entries()) {
        try {
          // PostgreSQL cannot record sends (this job's or another's found so): the rest waits for the job to come back.
          if (context.breaker?.isOpen) return void unfinished.push(...chain.slice(index).map((r) => r.id));
          const turn = await chatTurn(context, row.channelIdentityId);
          if (turn > 0) return handOn(index, turn);
          const claim = { id: row.id, claimant, at: context.now() };
          const message = await claiming(
            context,
            claim,
            claimOutboundMessage(db, { id: row.id, claimant, order: orderRule(claim.at), inOrder: true }),
          );
          // Behind an earlier message outside the batch, or taken by another job: its own job sees to it.
          if (!message) return handOn(index, 0);
          const result = await sendClaimed(message, context, 0, false);
          if (result.outcome === 'paused') {
            giveBack(context, claim);
            return void unfinished.push(...chain.slice(index).map((r) => r.id));
          }
          // Queued again by sendClaimed: it and the rest wait the retry-after (or back off) together.
          if (result.outcome === 'retry') return handOn(index, result.afterMs ?? RETRY_AFTER_MS);
          outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
          if (result.outcome === 'unrecorded') {
            // Kept in the job at once, so that a crash from here on cannot send it again; the rest
            // of the chain waits behind it until it is recorded.
            await kept.add(message.id, result.sent);
            return handOn(index + 1, RETRY_AFTER_MS);
          }
        } catch (error) {
          // The database or Redis failed around this message: it and the rest of its chain are tried
          // again with the job. No other send starts in this process until PostgreSQL answers.
          context.breaker?.trip(error);
          context.logger.warn({ err: error, messageId: row.id }, 'delivery interrupted; the job tries again');
          unfinished.push(...chain.slice(index).map((r) => r.id));
          return;
        }
      }
    }),
  );
  if (unfinished.length > 0 || kept.count() > 0) return keepSends(payload, kept.all(), unfinished, context);
  return { outcome: 'batch', messages: ids.length, ...outcomes };
}

/**
 * Sends the platform took whose record failed, written to the job's data as soon as each
 * happens (one write at a time), so that a crash before the job ends does not send them again.
 */
function keeper(payload: DeliveryPayload, context: JobContext) {
  const sends: Record<string, SentAs> = {};
  let writing: Promise<void> = Promise.resolve();
  return {
    add: async (id: string, sent: SentAs) => {
      sends[id] = sent;
      if (!context.job) return;
      const job = context.job;
      writing = writing
        .then(() => job.updateData({ ...payload, sent: { ...payload.sent, ...serialized(sends) } }))
        .catch((error: unknown) =>
          context.logger.error({ err: error, sent: serialized(sends) }, 'sent, but could not keep it in the job yet'),
        );
      await writing;
    },
    count: () => Object.keys(sends).length,
    all: () => sends,
  };
}

function serialized(sends: Record<string, SentAs>): Record<string, { platformMessageId: string; at: string }> {
  return Object.fromEntries(
    Object.entries(sends).map(([id, s]) => [id, { platformMessageId: s.platformMessageId, at: s.at.toISOString() }]),
  );
}

/**
 * How long the next message to this chat must wait for its turn (Telegram ~1/s per chat): 0 when
 * it may go now, after waiting here for a turn that is close.
 */
async function chatTurn(context: JobContext, channelIdentityId: string): Promise<number> {
  const interval = chatInterval(context);
  if (interval <= 0) return 0;
  for (;;) {
    const wait = await context.queues.reserveChatSlot(channelOf(context), channelIdentityId, interval);
    if (wait === 0 || wait > MAX_BATCH_WAIT_MS) return wait;
    await sleep(wait);
  }
}

/** Messages that go on in jobs of their own, `afterMs` from now. */
async function handOff(rows: OutboxRow[], afterMs: number, context: JobContext): Promise<void> {
  if (rows.length === 0) return;
  const at = new Date(context.now().getTime() + afterMs);
  await context.queues.deliverOutbound(
    rows.map((row) => ({ ...row, plannedAt: row.plannedAt > at ? row.plannedAt : at })),
    context.now(),
    { oneByOne: true },
  );
}

/**
 * The platform took these messages but their record failed (the database is down), or these
 * others were interrupted. The job keeps the sends in its data and runs again, recording them
 * first and sending only the others. While it holds sends, it comes back for as long as it takes
 * (backing off up to KEEP_TRYING_MAX_MS): they must be recorded, and not made twice. While the
 * breaker is open it comes back every PROBE_EVERY_MS, its retries unspent. Otherwise, holding
 * none, it fails as any job does, its retries counted; a message it leaves "sending" is then the
 * sweep's. Without a job, or when Redis cannot keep the sends either (or loses them), the sends
 * are in the worker's journal, recorded when PostgreSQL answers; only if the journal could not
 * keep them either may the sweep queue them again, one reaching its reader twice rather than never.
 */
async function keepSends(
  payload: DeliveryPayload,
  sends: Record<string, SentAs>,
  unfinished: string[],
  context: JobContext,
): Promise<never> {
  const sent = { ...payload.sent, ...serialized(sends) };
  const holding = Object.keys(sent).length > 0;
  const summary = `${Object.keys(sends).length} sent but not recorded, ${unfinished.length} interrupted`;
  if (!context.job || !context.token) throw new UnrecoverableError(`${summary}: ${JSON.stringify(sent)}`);
  const tries = (payload.tries ?? 0) + 1;
  const kept: DeliveryPayload = {
    ...payload,
    ...(payload.messageIds && { messageIds: unfinished }),
    ...(holding && { sent }),
    tries,
  };
  try {
    await context.job.updateData(kept);
  } catch (error) {
    context.logger.error({ err: error, sent }, 'sent, but could not record it nor keep it for later');
    throw new UnrecoverableError(
      `${summary}, and could not be kept: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  // Stopped by the breaker: the job waits for PostgreSQL without spending its retries.
  const waiting = context.breaker?.isOpen ?? false;
  if (!holding && !waiting) throw new Error(`${summary}; the job tries again`);
  const afterMs = waiting ? PROBE_EVERY_MS : Math.min(RETRY_AFTER_MS * 2 ** (tries - 1), KEEP_TRYING_MAX_MS);
  context.logger.warn({ sent, unfinished, afterMs }, 'delivery to be finished later');
  await context.job.moveToDelayed(context.now().getTime() + afterMs, context.token);
  throw new DelayedError();
}

interface SentAs {
  platformMessageId: string;
  at: Date;
}

type SendResult =
  | { outcome: 'sent' | 'failed' | 'skipped' | 'held' }
  /** Not sent: the breaker opened after the claim (see DatabaseBreaker). */
  | { outcome: 'paused' }
  /** Queued again: to try later, no sooner than `afterMs` when the platform said so. */
  | { outcome: 'retry'; afterMs: number | null; error: unknown }
  /** The platform has it, but recording that failed. */
  | { outcome: 'unrecorded'; sent: SentAs };

/** Sends a claimed message, or says why not: who it goes to decides, then the platform. */
async function sendClaimed(
  message: ClaimedMessage,
  context: JobContext,
  paceMs: number,
  lastAttempt: boolean,
): Promise<SendResult> {
  const { db, now } = context;
  const { identity, payload } = message;
  // An address the message carried (its recipient was erased) goes with any end but a retry.
  const finish: Finish = (status, extra = {}) =>
    db.outboundMessage.update({
      where: { id: message.id },
      data: { status, ...extra, ...(status !== 'queued' && { address: Prisma.DbNull }) },
    });

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

/** A claim whose send never started, given back (to the queue) as soon as PostgreSQL answers. */
function giveBack(context: JobContext, claim: ClaimMade): void {
  const { db, now } = context;
  context.breaker?.whenBack(() => releaseClaims(db, [claim], now()));
}

/** A claim that failed may still have been written: given back once PostgreSQL answers, if it was. */
async function claiming<T>(context: JobContext, claim: ClaimMade, statement: Promise<T>): Promise<T> {
  try {
    return await statement;
  } catch (error) {
    context.breaker?.trip(error);
    giveBack(context, claim);
    throw error;
  }
}

/** A write that failed means PostgreSQL may be away: no new send starts in this process until it answers. */
async function tripping<T>(context: JobContext, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    context.breaker?.trip(error);
    throw error;
  }
}

type Finish = (
  status: 'sent' | 'failed' | 'skipped' | 'held' | 'queued',
  extra?: Record<string, unknown>,
) => Promise<unknown>;

/** What a platform's refusal means for the message: wait, retry, hold, or give up. */
async function handleSendError(
  error: unknown,
  context: JobContext,
  message: ClaimedMessage,
  finish: Finish,
  lastAttempt: boolean,
): Promise<SendResult> {
  const { db, now } = context;
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (error instanceof RateLimitedError) {
    await context.queues.count('rate_limited', message.channel).catch(() => {});
    await finish('queued', { lastError: reason });
    return { outcome: 'retry', afterMs: error.retryAfterSeconds * 1000, error };
  }
  if (error instanceof RecipientUnreachableError) {
    await db.channelIdentity.update({ where: { id: message.identity.id }, data: { unreachableAt: now() } });
    await finish('skipped', { lastError: reason });
    return { outcome: 'skipped' };
  }
  if (error instanceof WindowClosedError) {
    await finish('held', { lastError: reason });
    return { outcome: 'held' };
  }
  const retryable = !(error instanceof ChannelError) || error.retryable;
  if (!retryable || lastAttempt) {
    await context.queues.count('failed', message.channel).catch(() => {});
    await finish('failed', { failedAt: now(), lastError: reason });
    context.logger.warn({ messageId: message.id, err: error }, 'message not delivered');
    return { outcome: 'failed' };
  }
  await finish('queued', { lastError: reason });
  return { outcome: 'retry', afterMs: null, error };
}

/** Outbox purposes and the programme-file template purpose that stands in for them. */
const TEMPLATE_PURPOSE: Record<string, TemplatePurpose> = {
  exercise_release: 'exercise_released',
  reminder: 'reminder',
  check_in: 'check_in',
  mentor_digest: 'check_in',
  slipping_alert: 'check_in',
  broadcast: 'broadcast',
  // The selection decision and a mentor's own words: the programme's announcement and mentoring templates say a message is waiting.
  selection: 'broadcast',
  mentor_message: 'check_in',
  milestone: 'milestone',
  follow_up: 'follow_up',
  // The programme's announcement template says a message is waiting; the question follows the reply.
  [CONSENT_REQUEST_PURPOSE]: 'broadcast',
};

/** One template per person, purpose and day at most: a burst of held messages is announced once. */
function windowDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

async function templateFor(
  context: JobContext,
  personId: string,
  purpose: string,
): Promise<Extract<OutboundPayload, { kind: 'template' }> | null> {
  const templatePurpose = TEMPLATE_PURPOSE[purpose];
  if (!templatePurpose) return null;
  const person = await context.db.person.findUniqueOrThrow({
    where: { id: personId },
    select: {
      locale: true,
      enrolments: {
        take: 1,
        orderBy: { createdAt: 'asc' },
        select: { cohort: { select: { programme: { select: { settings: true, defaultLocale: true } } } } },
      },
    },
  });
  const programme = person.enrolments[0]?.cohort.programme;
  if (!programme) return null;
  const templates = (programme.settings as unknown as ProgrammeSettings).whatsappTemplates[templatePurpose] ?? {};
  const language = isLanguage(person.locale)
    ? person.locale
    : isLanguage(programme.defaultLocale)
      ? programme.defaultLocale
      : 'fr';
  const ref = templates[language] ?? Object.values(templates)[0];
  if (!ref) return null;
  return { kind: 'template', name: ref.name, language: ref.language, parameters: [], fallbackText: '' };
}

/** Least time between two messages to one chat on this job's channel; none when not run by a worker. */
function chatInterval(context: JobContext): number {
  return context.job && context.token ? (context.chatIntervalMs?.[channelOf(context)] ?? 0) : 0;
}

/** The channel of the delivery queue this job runs on (deliver-<channel>). */
function channelOf(context: JobContext): ChannelName {
  const name = context.job?.queueName.replace(/^deliver-/, '');
  return (CHANNEL_NAMES as readonly string[]).includes(name ?? '') ? (name as ChannelName) : 'simulator';
}
