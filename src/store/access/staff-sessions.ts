import { randomBytes } from 'node:crypto';
import type { Database } from '../database.ts';
import { hashToken, newSecretToken } from './secret-token.ts';

/** A session's row, found from the cookie's token. */
export interface StaffSessionRow {
  id: string;
  personId: string;
  csrfSecret: string;
  expiresAt: Date;
  lastSeenAt: Date;
}

/** Opens a session: the cookie gets the token, the database its hash and a CSRF secret. */
export async function openStaffSession(
  db: Database,
  request: { personId: string; now: Date; validHours: number },
): Promise<{ token: string; session: StaffSessionRow }> {
  const token = newSecretToken();
  const session = await db.staffSession.create({
    data: {
      tokenHash: hashToken(token),
      personId: request.personId,
      csrfSecret: randomBytes(32).toString('base64url'),
      expiresAt: new Date(request.now.getTime() + request.validHours * 3600_000),
      lastSeenAt: request.now,
    },
    select: { id: true, personId: true, csrfSecret: true, expiresAt: true, lastSeenAt: true },
  });
  return { token, session };
}

/** The live session a cookie token belongs to: not revoked, not expired; else null. */
export async function findStaffSession(db: Database, token: string, now: Date): Promise<StaffSessionRow | null> {
  return db.staffSession.findFirst({
    where: { tokenHash: hashToken(token), revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, personId: true, csrfSecret: true, expiresAt: true, lastSeenAt: true },
  });
}

/** `lastSeenAt` is written at most this often per session, not on every request. */
export const LAST_SEEN_INTERVAL_MS = 5 * 60_000;

/**
 * Notes that the session was used (shown to no one yet; kept for reviewing sessions). Conditional
 * on the stored time, so the requests a page sends at once (Bull Board's) write it once.
 */
export async function touchStaffSession(db: Database, session: StaffSessionRow, now: Date): Promise<void> {
  const due = new Date(now.getTime() - LAST_SEEN_INTERVAL_MS);
  if (session.lastSeenAt > due) return;
  await db.staffSession.updateMany({ where: { id: session.id, lastSeenAt: { lte: due } }, data: { lastSeenAt: now } });
}

/** Signs out: the session stops working at once, whatever its cookie says. */
export async function revokeStaffSession(db: Database, sessionId: string, now: Date): Promise<void> {
  await db.staffSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}
