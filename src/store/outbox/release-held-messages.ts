import { expiredReason } from '../../domain/sessions/session-message-expiry.ts';
import type { Database } from '../database.ts';
import { HELD_FOR_CONSENT, type OutboxRow } from './outbox.ts';

/**
 * Queues again what was held for a person, in the order it was written, and returns it to
 * deliver now: on `identities` (channels they just wrote on) what waited for them to write (a
 * closed WhatsApp window); and, once they no longer have a consent text to answer, on any of
 * their channels what waited for that answer. Someone stopped or erased gets none of the latter:
 * it is marked skipped, as delivery would; so is what is past its `notAfter` (a reminder of a
 * session that has started).
 */
export async function releaseHeldMessages(
  db: Database,
  personId: string,
  identities: string[],
  now: Date,
): Promise<OutboxRow[]> {
  const person = await db.person.findUnique({
    where: { id: personId },
    select: { consentAskedAt: true, optedOutAt: true, erasedAt: true },
  });
  if (!person) return [];
  const answered = !person.consentAskedAt;
  if (answered && (person.optedOutAt || person.erasedAt)) {
    await db.outboundMessage.updateMany({
      where: { personId, status: 'held', lastError: HELD_FOR_CONSENT },
      data: {
        status: 'skipped',
        lastError: person.erasedAt ? 'the person erased their data' : 'the person opted out (STOP)',
      },
    });
  }
  const held = await db.outboundMessage.findMany({
    where: {
      status: 'held',
      OR: [
        ...(identities.length > 0
          ? [{ channelIdentityId: { in: identities }, NOT: { lastError: HELD_FOR_CONSENT } }]
          : []),
        ...(answered ? [{ personId, lastError: HELD_FOR_CONSENT }] : []),
      ],
    },
    orderBy: { sequence: 'asc' },
    select: { id: true, channel: true, attempts: true, channelIdentityId: true, purpose: true, notAfter: true },
  });
  const expired = held.filter((m) => m.notAfter && m.notAfter <= now);
  for (const lastError of new Set(expired.map((m) => expiredReason(m.purpose))))
    await db.outboundMessage.updateMany({
      where: {
        id: { in: expired.filter((m) => expiredReason(m.purpose) === lastError).map((m) => m.id) },
        status: 'held',
      },
      data: { status: 'skipped', lastError },
    });
  const live = held.filter((m) => !expired.includes(m));
  if (live.length === 0) return [];
  const released = await db.outboundMessage.updateManyAndReturn({
    where: { id: { in: live.map((m) => m.id) }, status: 'held' },
    data: { status: 'queued', lastError: null },
    select: { id: true },
  });
  const ids = new Set(released.map((m) => m.id));
  return live
    .filter((m) => ids.has(m.id))
    .map(({ id, channel, attempts, channelIdentityId }) => ({
      id,
      channel,
      attempts,
      channelIdentityId,
      plannedAt: now,
    }));
}
