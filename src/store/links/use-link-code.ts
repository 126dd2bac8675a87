import type { ChatAddress, UseLinkCodeResult } from '../../conversation/stores/link-store.ts';
import { LINK_ATTEMPT_WINDOW_MS, LINK_ATTEMPTS_MAX, linkCodeHash } from '../../domain/link-code.ts';
import type { Prisma } from '../generated/client.ts';
import { personHoldsData } from './person-holds-data.ts';

/**
 * Attaches the chat `chat` (whose person is `chatPersonId`) to the person a code was made for.
 * Refused, with the reason: a chat that typed too many codes lately, an unknown, used or expired
 * code, the chat that asked for it or another on the same platform, a chat already theirs, a
 * platform where they already have a chat, and a chat whose person holds anything (never merged
 * silently: that person must erase it first, or ask the team). A chat whose person holds nothing
 * moves to the code's person, with what it sent and was sent, and the empty person is removed;
 * its events still waiting are named to `onMoved`. The code is spent by a conditional update, so
 * the same code typed in two chats at once attaches one of them.
 */
export async function useLinkCode(
  tx: Prisma.TransactionClient,
  request: {
    typed: string;
    chat: ChatAddress;
    chatPersonId: string;
    now: Date;
    onMoved?: (toPersonId: string, pendingEventIds: string[]) => void;
  },
): Promise<UseLinkCodeResult> {
  const { chat, chatPersonId, now } = request;
  const identity = await tx.channelIdentity.findUniqueOrThrow({
    where: { channel_platformId: { channel: chat.channel, platformId: chat.platformId } },
    select: { id: true },
  });
  if ((await codesTypedLately(tx, identity.id)) > LINK_ATTEMPTS_MAX) return { kind: 'too-many-attempts' };
  // Locked: the same code typed in two chats at once is read by the second once the first is done.
  const [code] = await tx.$queryRaw<
    { id: string; personId: string; fromIdentityId: string; expiresAt: Date; usedAt: Date | null }[]
  >`SELECT id, "personId", "fromIdentityId", "expiresAt", "usedAt" FROM "LinkCode"
    WHERE "codeHash" = ${linkCodeHash(request.typed)} FOR UPDATE`;
  if (!code) return { kind: 'unknown' };
  if (code.usedAt) return { kind: 'used' };
  if (code.expiresAt <= now) return { kind: 'expired' };
  if (code.fromIdentityId === identity.id) return { kind: 'same-chat' };
  if (code.personId === chatPersonId) return { kind: 'already-yours' };
  // The code's person is locked while their chats change (a DÉLIER, a staff member's unlink).
  await tx.$executeRaw`SELECT 1 FROM "Person" WHERE id = ${code.personId} FOR UPDATE`;
  const target = await tx.person.findUnique({
    where: { id: code.personId },
    select: { erasedAt: true, locale: true, displayName: true, identities: { select: { id: true, channel: true } } },
  });
  if (!target || target.erasedAt) return { kind: 'unknown' };
  const from = target.identities.find((i) => i.id === code.fromIdentityId);
  if (!from) return { kind: 'unknown' };
  if (from.channel === chat.channel) return { kind: 'same-platform' };
  if (target.identities.some((i) => i.channel === chat.channel)) return { kind: 'platform-taken' };
  if (await personHoldsData(tx, chatPersonId)) return { kind: 'has-data' };
  const spent = await tx.$executeRaw`
    UPDATE "LinkCode" SET "usedAt" = ${now} WHERE id = ${code.id} AND "usedAt" IS NULL AND "expiresAt" > ${now}`;
  if (spent === 0) return { kind: 'used' };

  await tx.channelIdentity.update({ where: { id: identity.id }, data: { personId: code.personId } });
  await tx.inboundEvent.updateMany({ where: { personId: chatPersonId }, data: { personId: code.personId } });
  await tx.outboundMessage.updateMany({ where: { personId: chatPersonId }, data: { personId: code.personId } });
  const pending = await tx.inboundEvent.findMany({
    where: { personId: code.personId, channelIdentityId: identity.id, status: 'received' },
    select: { id: true },
    orderBy: { sequence: 'asc' },
  });
  await tx.person.delete({ where: { id: chatPersonId } });
  request.onMoved?.(
    code.personId,
    pending.map((event) => event.id),
  );
  return {
    kind: 'attached',
    personId: code.personId,
    locale: target.locale,
    displayName: target.displayName,
    fromIdentityId: from.id,
    fromChannel: from.channel,
  };
}

/**
 * Codes the chat typed in the last LINK_ATTEMPT_WINDOW_MS, this one included, counted from its own
 * messages (by the database's clock, which stamped their arrival): so that codes cannot be guessed.
 */
async function codesTypedLately(tx: Prisma.TransactionClient, identityId: string): Promise<number> {
  const seconds = LINK_ATTEMPT_WINDOW_MS / 1000;
  const [row] = await tx.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM "InboundEvent"
    WHERE "channelIdentityId" = ${identityId}
      AND "receivedAt" > now() - make_interval(secs => ${seconds}::double precision)
      AND ((payload->>'kind' = 'text' AND payload->>'text' ~* '^\\s*/?(lier|link|relier)\\s+\\S')
        OR (payload->>'kind' = 'command' AND lower(payload->>'command') IN ('lier', 'link', 'relier')
            AND coalesce(payload->>'argument', '') <> ''))`;
  return Number(row?.count ?? 0);
}
