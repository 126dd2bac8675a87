import type { Prisma } from '../generated/client.ts';
import { checkDashboardAccess, type DashboardRefusal } from './dashboard-access.ts';
import { hashToken, newSecretToken } from './secret-token.ts';

/** Where a sign-in link points, relative to PUBLIC_URL. */
export const signInPath = (token: string) => `/admin/sign-in/${token}`;

type NewSignInLink = { ok: true; token: string; expiresAt: Date } | { ok: false; reason: DashboardRefusal };

/**
 * A one-time dashboard link for a staff member or mentor. Only the token's hash is stored; the
 * token itself is returned once, to be sent in chat or printed.
 */
export async function createSignInLink(
  db: Prisma.TransactionClient,
  request: { personId: string; now: Date; validMinutes: number },
): Promise<NewSignInLink> {
  const access = await checkDashboardAccess(db, request.personId);
  if (!access.allowed) return { ok: false, reason: access.reason };
  const token = newSecretToken();
  const expiresAt = new Date(request.now.getTime() + request.validMinutes * 60_000);
  await db.signInLink.create({ data: { tokenHash: hashToken(token), personId: request.personId, expiresAt } });
  return { ok: true, token, expiresAt };
}

/**
 * Uses a link: one conditional update marks it used only if it is unused and unexpired, so two
 * clicks at the same moment open one session. Returns the person, or null for a bad link.
 */
export async function consumeSignInLink(
  db: Prisma.TransactionClient,
  token: string,
  now: Date,
): Promise<{ personId: string } | null> {
  const tokenHash = hashToken(token);
  const { count } = await db.signInLink.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count === 0) return null;
  const link = await db.signInLink.findUniqueOrThrow({ where: { tokenHash }, select: { personId: true } });
  return { personId: link.personId };
}
