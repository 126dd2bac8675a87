import type { Database } from '../database.ts';
import { HELD_FOR_CONSENT, type OutboxRow } from './outbox.ts';

/**
 * Queues again what was held for a person, in the order it was written, and returns it to
 * deliver now: on `identities` (channels they just wrote on) what waited for them to write (a
 * closed WhatsApp window); and, once they no longer have a consent text to answer, on any of
 * their channels what waited for that answer. Someone stopped or erased gets none of the latter:
 * it is marked skipped, as delivery would.
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
    select: { id: true, channel: true, attempts: true, channelIdentityId: true },
  });
  if (held.length === 0) return [];
  const released = await db.outboundMessage.updateManyAndReturn({
    where: { id: { in: held.map((m) => m.id) }, status: 'held' },
    data: { status: 'queued', lastError: null },
    select: { id: true },
  });
  const ids = new Set(released.map((m) => m.id));
  return held.filter((m) => ids.has(m.id)).map((m) => ({ ...m, plannedAt: now }));
}
