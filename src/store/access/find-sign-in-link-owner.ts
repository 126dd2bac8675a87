import type { PersonLocales } from '../../domain/dashboard-language.ts';
import type { Prisma } from '../generated/client.ts';
import { hashToken } from './secret-token.ts';

/**
 * The language choices of the person a link was made for, while the link can still be used (to
 * show its sign-in page in their language, without using it); null for a bad, used or expired link.
 */
export async function findSignInLinkOwner(
  db: Prisma.TransactionClient,
  token: string,
  now: Date,
): Promise<PersonLocales | null> {
  const link = await db.signInLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true, person: { select: { dashboardLocale: true, locale: true } } },
  });
  if (!link || link.usedAt !== null || link.expiresAt <= now) return null;
  return link.person;
}
