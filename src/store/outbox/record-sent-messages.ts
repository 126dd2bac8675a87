import { SECRET_PURPOSE, type OutboundPayload } from '../../domain/outbound-message.ts';
import type { Database } from '../database.ts';
import { Prisma } from '../generated/client.ts';
import { createGroupCommit } from '../group-commit.ts';
import { DELIVERY_GROUP_COMMIT } from './outbox.ts';

const recorders = new WeakMap<Database, (sends: SentRecord[]) => Promise<void[]>>();

/**
 * What the outbox keeps of a message with a secret once sent (the simulator's transcript is the
 * outbox itself: there it stays, as does the address of an erased simulator session, one of the
 * simulator's own made-up ids, by which its page still finds the erasure's confirmation).
 */
const SECRET_REMOVED: OutboundPayload = { kind: 'text', text: '[sign-in link, removed once sent]' };

/**
 * What a send forgets, however it is recorded (at once or from the journal): an erased person's
 * address (kept only by the simulator) and a secret's text. For `m`, the message being updated.
 */
function forgottenOnceSent(): Prisma.Sql {
  return Prisma.sql`address = CASE WHEN m.channel = 'simulator' THEN m.address ELSE NULL END,
    payload = CASE WHEN m.purpose = ${SECRET_PURPOSE} AND m.channel <> 'simulator' THEN ${JSON.stringify(SECRET_REMOVED)}::jsonb ELSE m.payload END`;
}

interface SentRecord {
  id: string;
  platformMessageId: string;
  at: Date;
}

/**
 * Records sends a worker's journal kept while PostgreSQL was away (see send-journal.ts), in one
 * statement. A message still queued (queued again by the sweep, not yet claimed) is recorded too:
 * it was sent. A later status (sent, delivered, read, failed…) is never overwritten.
 */
export async function recordJournaledSends(db: Database, sends: SentRecord[]): Promise<void> {
  if (sends.length === 0) return;
  await db.$executeRaw`
    UPDATE "OutboundMessage" AS m
    SET status = 'sent', "platformMessageId" = r.platform_id, "sentAt" = r.at, "lastError" = NULL, "updatedAt" = r.at, ${forgottenOnceSent()}
    FROM unnest(${sends.map((s) => s.id)}::text[], ${sends.map((s) => s.platformMessageId)}::text[], ${sends.map((s) => s.at)}::timestamptz[])
      AS r(id, platform_id, at)
    WHERE m.id = r.id AND m.status IN ('queued', 'sending')`;
}

/**
 * Records a send: the platform's message id and when. The records of concurrent jobs go
 * together in one statement; it resolves once this one is written.
 */
export async function recordSent(db: Database, id: string, platformMessageId: string, at: Date): Promise<void> {
  let record = recorders.get(db);
  if (!record) {
    record = createGroupCommit(
      async (sends: SentRecord[]) => {
        await db.$executeRaw`
          UPDATE "OutboundMessage" AS m
          SET status = 'sent', "platformMessageId" = r.platform_id, "sentAt" = r.at, "lastError" = NULL, "updatedAt" = r.at, ${forgottenOnceSent()}
          FROM unnest(${sends.map((s) => s.id)}::text[], ${sends.map((s) => s.platformMessageId)}::text[], ${sends.map((s) => s.at)}::timestamptz[])
            AS r(id, platform_id, at)
          WHERE m.id = r.id AND m.status = 'sending'`;
        return sends.map(() => undefined);
      },
      { ...DELIVERY_GROUP_COMMIT, key: (send) => send.id },
    );
    recorders.set(db, record);
  }
  await record([{ id, platformMessageId, at }]);
}
