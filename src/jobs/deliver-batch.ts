import type { OutboxRow } from '../store/outbox/outbox.ts';
import { claimOutboundMessage } from '../store/outbox/claim-outbound-message.ts';
import { readOutboxStates } from '../store/outbox/read-outbox-states.ts';
import { requeueClaimedMessages } from '../store/outbox/requeue-claimed-messages.ts';
import { claiming, giveBack } from './breaker-guards.ts';
import type { DeliveryPayload } from './delivery-payload.ts';
import { chatTurn, orderRule } from './delivery-turns.ts';
import type { JobContext } from './job-definition.ts';
import { keeper, keepSends, RETRY_AFTER_MS } from './keep-sends.ts';
import { sendClaimed } from './send-claimed.ts';

/**
 * Several messages in one job: each person's in the order they were written, people side by
 * side. Each message is claimed just before its send, as a single one is (the claims of the
 * chains go together in one statement), so that what the job has not reached stays queued for
 * the sweep should the job die. What cannot go now (behind an earlier message outside the
 * batch, a chat's turn far off, a 429, a transient error) goes on in a job of its own, which
 * waits, retries and backs off as a single message does; so does every message of a channel
 * with a send limit (see delivery-pace.ts).
 */
export async function deliverBatch(payload: DeliveryPayload, ids: string[], context: JobContext, paced: boolean) {
  const { db } = context;
  const claimant = context.job?.id ?? null;
  const rows = await readOutboxStates(db, ids);
  // Still to send: queued, or claimed by this same job before it was interrupted (a crash, a stall).
  const pending = rows.filter(
    (row) => row.status === 'queued' || (row.status === 'sending' && row.claimedBy === claimant),
  );
  if (paced) {
    // One message per slot whatever the jobs: a batch would only hold many messages in a worker
    // waiting for their slots (and keep it from stopping). One job each.
    const interrupted = pending.filter((row) => row.status === 'sending').map((row) => row.id);
    if (interrupted.length > 0) await requeueClaimedMessages(db, interrupted, claimant);
    await handOff(
      (
        await readOutboxStates(
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
            (await readOutboxStates(db, rest)).filter((r) => r.status === 'queued'),
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
