import { DelayedError } from 'bullmq';
import { z } from 'zod';
import { MediaRejectedError } from '../channels/channel-errors.ts';
import type { MediaProblem } from '../conversation/conversation-context.ts';
import { handleEvent } from '../conversation/handle-event.ts';
import type { ChannelName } from '../domain/inbound-event.ts';
import { createConversationStore } from '../store/conversation-store.ts';
import { personView, preferredIdentity } from '../store/people/person-view.ts';
import { addOutboundMessages, type ErasedAddress, type NewOutboundMessage } from '../store/outbox/outbox.ts';
import { deleteErasedFiles } from '../store/people/erase-person.ts';
import { releaseHeldMessages } from '../store/outbox/release-held-messages.ts';
import { storeMedia } from '../store/media/store-media.ts';
import { failOldestPendingEvent } from '../store/inbound/fail-oldest-pending-event.ts';
import { listPendingMediaEvents } from '../store/inbound/list-pending-media-events.ts';
import { lockPersonEvents } from '../store/inbound/lock-person-events.ts';
import { markInboundEventIgnored } from '../store/inbound/mark-inbound-event-ignored.ts';
import { markInboundEventProcessed } from '../store/inbound/mark-inbound-event-processed.ts';
import { readInboundTrigger } from '../store/inbound/read-inbound-trigger.ts';
import { takePendingEvents } from '../store/inbound/take-pending-events.ts';
import { announceSessionsTo } from './announce-sessions.ts';
import { defineJob, type JobContext } from './job-definition.ts';
import { HANDLE_INBOUND_QUEUE } from './job-queues.ts';
import { queueTimeIn } from './queue-clock.ts';

/**
 * Handles a person's recorded events, one person at a time and in the order they were sent:
 * whichever worker runs first takes the person's lock and handles all their pending events, so
 * concurrent or repeated jobs for the same person wait, then find nothing left to do.
 * Replies are written to the outbox in the same transaction that marks the events handled.
 */
export const handleInbound = defineJob({
  name: HANDLE_INBOUND_QUEUE,
  payload: z.object({ eventId: z.string().min(1) }),
  concurrency: 8,
  handle: async ({ eventId }, context) => {
    const { db, now } = context;
    const trigger = await readInboundTrigger(db, eventId);
    if (!trigger?.personId || trigger.status !== 'received') return { handled: 0 };
    const personId = trigger.personId;

    // Media are fetched before the transaction: downloads are slow, and WhatsApp media ids expire.
    const { problems: mediaProblems, fetched } = await fetchPendingMedia(personId, context);
    let leftForLater = false;

    const handled: { id: string; channel: ChannelName; platformEventId: string; channelIdentityId: string | null }[] =
      [];
    const broadcasts: { id: string; scheduledAt: Date }[] = [];
    // An erased person's files, deleted once the transaction has committed.
    const erasedFiles: string[] = [];
    let joined = false;
    // Set when a join code moved the chat to the person it was made for (see attachChat).
    const moved: { to: string | null; pending: string[] } = { to: null, pending: [] };
    const outbound = await lockPersonEvents(db, personId, async (tx) => {
      const events = await takePendingEvents(tx, personId);
      const person = await personView(tx, personId);
      // Set by the store when the person is erased (a closure: a box, so the type is kept).
      const erasure: { addresses: Map<string, ErasedAddress> | null } = { addresses: null };
      // Whom the event being handled is about besides its sender (see InboundEvent.aboutPersonIds).
      let eventAbout: string[] = [];
      const store = createConversationStore(tx, {
        mediaDir: context.media.dir,
        onBroadcast: (broadcast) => broadcasts.push(broadcast),
        onErase: (addresses, files) => {
          erasure.addresses = addresses;
          erasedFiles.push(...files);
        },
        onAbout: (personIds) => eventAbout.push(...personIds),
        onJoined: () => {
          joined = true;
        },
        onChatMoved: (toPersonId, pendingEventIds) => {
          moved.to = toPersonId;
          moved.pending = pendingEventIds;
        },
        dashboard: context.dashboard,
      });
      const replies: NewOutboundMessage[] = [];
      for (const event of events) {
        // What an erased person sent after (or while) being erased is kept neither read nor answered.
        if (person.erasedAt || erasure.addresses) {
          await markInboundEventIgnored(tx, event.id, now());
          continue;
        }
        const inbound = event.payload;
        // A file that arrived while the others were downloading: this event and the ones after
        // it wait for the next run, which fetches it first (order is kept).
        if (inbound.kind === 'media' && !fetched.has(event.id)) {
          leftForLater = true;
          break;
        }
        const repliesBefore = replies.length;
        const outgoing = await handleEvent(inbound, {
          person,
          defaultLanguage: context.defaultLanguage,
          translate: context.translate,
          store,
          now,
          log: (message, details) => context.logger.warn({ ...details, personId }, message),
          ...(mediaProblems.has(event.id) && { mediaProblem: mediaProblems.get(event.id) }),
        });
        for (const message of outgoing) {
          const identityId =
            message.toIdentityId ??
            (message.toPersonId ? await preferredIdentity(tx, message.toPersonId) : event.channelIdentityId);
          // Someone else: not the person, nor the one their chat just moved to (see LinkStore).
          const other = message.toPersonId && message.toPersonId !== personId && message.toPersonId !== moved.to;
          // Words passed on to someone (a mentor, a mentee) are about them too.
          if (other) eventAbout.push(message.toPersonId!);
          if (!identityId) continue;
          // A message to someone else relays what this person wrote or did: it is about them.
          const about = [...(other ? [personId] : []), ...(message.about ?? [])];
          replies.push({
            personId: message.toPersonId ?? moved.to ?? personId,
            channelIdentityId: identityId,
            purpose: message.purpose ?? 'reply',
            payload: message.payload,
            ...(about.length > 0 && { aboutPersonIds: about }),
            ...(message.notAfter && { notAfter: message.notAfter }),
          });
        }
        // Erased by this event: what answered her earlier events (her data, her words to a mentor)
        // is not written at all; only what answers the erasure itself is.
        if (erasure.addresses) replies.splice(0, repliesBefore);
        await markInboundEventProcessed(tx, event.id, now(), eventAbout);
        eventAbout = [];
        handled.push(event);
        // The chat is someone else's now: what it sent next is handled as theirs, by a job of theirs.
        if (moved.to) break;
      }
      // Erased just now: the replies still go to the person, at the addresses their identities had.
      const addresses = erasure.addresses;
      if (addresses) {
        for (const reply of replies) {
          const address = reply.personId === personId ? addresses.get(reply.channelIdentityId) : undefined;
          if (address) reply.address = address;
        }
      }
      return addOutboundMessages(tx, replies, now());
    }).catch(async (error: unknown) => {
      await setAsideOnLastAttempt(personId, error, context);
      throw error;
    });
    const stillPending = moved.pending.filter((id) => !handled.some((event) => event.id === id));
    // This job's own event among them: its job is this one, running, so queuing it again would do
    // nothing; it is handled below, as the chat's new owner, once this run is done.
    const ownLeft = stillPending.includes(eventId);
    if (stillPending.length > 0 && !ownLeft)
      await context.queues.handleInbound(stillPending.slice(0, 1), { replaceFinished: true });
    await deleteErasedFiles(erasedFiles);
    await context.queues.deliverOutbound(
      [...outbound, ...(await releaseHeld(moved.to ?? personId, handled, context))],
      now(),
    );
    await context.queues.fanOutBroadcasts(broadcasts, now());
    if (joined) await announceUpcomingSessions(personId, context);
    await markAsRead(handled, context);
    if (leftForLater && context.job && context.token) {
      // Run again shortly: the next run fetches the new file, then handles it in order.
      await context.job.moveToDelayed(queueTimeIn(500), context.token);
      throw new DelayedError();
    }
    if (ownLeft) return handleAgain({ eventId }, context);
    if (handled.length === 0) {
      // A join code moved the chat to another person while this job waited for the lock (see
      // attachChat): the event is theirs now, and is handled as theirs at once.
      const moved = await readInboundTrigger(db, eventId);
      if (moved?.status === 'received' && moved.personId && moved.personId !== personId) {
        return handleAgain({ eventId }, context);
      }
    }
    return { handled: handled.length };
  },
});

/** The handler again, for an event whose chat changed hands while it waited (once: the chat has moved). */
function handleAgain(payload: { eventId: string }, context: JobContext): Promise<unknown> {
  return handleInbound.handle(payload, context);
}

/**
 * Someone who just finished joining is told of the sessions announced before, after the welcome;
 * if that fails, the sessions job tells them at its next pass (their event is handled already).
 */
async function announceUpcomingSessions(personId: string, context: JobContext): Promise<void> {
  try {
    await announceSessionsTo(context, personId);
  } catch (error) {
    context.logger.warn({ err: error, personId }, 'could not announce the upcoming sessions to a newcomer yet');
  }
}

/**
 * The person wrote: their WhatsApp window is open again, so what was held for it follows, in
 * the order it was written (after the replies to what they just sent). So does, on any of their
 * channels, what was held while they were asked to consent to a new text, once they agreed.
 */
async function releaseHeld(personId: string, events: { channelIdentityId: string | null }[], context: JobContext) {
  const identities = [...new Set(events.map((e) => e.channelIdentityId).filter((id): id is string => id !== null))];
  if (identities.length === 0) return [];
  return releaseHeldMessages(context.db, personId, identities, context.now());
}

/**
 * An event that fails every attempt (a bug, data we cannot store) must not block the person's
 * later messages: on the last attempt, the oldest pending event is set aside as failed, with the
 * error, and the rest go on.
 */
async function setAsideOnLastAttempt(personId: string, error: unknown, context: JobContext): Promise<void> {
  const job = context.job;
  if (!job || job.attemptsMade + 1 < (job.opts.attempts ?? 1)) return;
  const setAside = await failOldestPendingEvent(
    context.db,
    personId,
    error instanceof Error ? error.message.slice(0, 2000) : String(error),
  );
  if (!setAside) return;
  context.logger.error({ err: error, eventId: setAside.failed }, 'inbound event set aside after repeated failures');
  if (setAside.next) await context.queues.handleInbound([setAside.next], { replaceFinished: true });
}

/** Tells the platforms that have read receipts that the events were read; a failure only costs the ticks. */
async function markAsRead(
  events: { channel: ChannelName; platformEventId: string }[],
  context: JobContext,
): Promise<void> {
  for (const event of events) {
    const adapter = context.channels[event.channel];
    if (!adapter?.markAsRead) continue;
    await adapter
      .markAsRead(event.platformEventId)
      .catch((err: unknown) => context.logger.info({ err, event: event.platformEventId }, 'could not mark as read'));
  }
}

/** Stores the files of the person's pending media events; returns the problems by event id. */
async function fetchPendingMedia(
  personId: string,
  context: JobContext,
): Promise<{ problems: Map<string, MediaProblem>; fetched: Set<string> }> {
  const problems = new Map<string, MediaProblem>();
  const fetched = new Set<string>();
  const events = await listPendingMediaEvents(context.db, personId);
  for (const event of events) {
    fetched.add(event.id);
    const inbound = event.payload;
    const adapter = context.channels[event.channel];
    const { maxBytes } = context.media;
    if (!adapter) {
      problems.set(event.id, { kind: 'unreadable' });
      continue;
    }
    if (inbound.media.sizeBytes !== undefined && inbound.media.sizeBytes > maxBytes) {
      problems.set(event.id, { kind: 'too-large', maxBytes });
      continue;
    }
    try {
      await storeMedia({
        db: context.db,
        adapter,
        personId,
        channel: event.channel,
        media: inbound.media,
        mediaDir: context.media.dir,
        maxBytes,
      });
    } catch (error) {
      // A refused file gets a polite answer; anything else (network) fails the job, which is retried.
      if (!(error instanceof MediaRejectedError)) throw error;
      context.logger.warn({ err: error, eventId: event.id }, 'media file refused');
      problems.set(event.id, error.reason === 'too-large' ? { kind: 'too-large', maxBytes } : { kind: 'unreadable' });
    }
  }
  return { problems, fetched };
}
