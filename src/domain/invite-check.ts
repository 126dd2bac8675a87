import { normalizeInviteCode } from './invite-code.ts';

type InviteCheck = 'ok' | 'unknown' | 'expired' | 'used-up' | 'revoked';

export interface CheckedInvite {
  /** The instant the code stops working; still valid at that very instant. */
  expiresAt: Date | null;
  revokedAt: Date | null;
  uses: number;
  maxUses: number;
}

/**
 * Whether an invite found by its code (or not found: null) can enrol someone at `now`. A revoked
 * code says so before it says expired or used up: staff revoked it on purpose, and the reply
 * should not suggest that a fresh code of the same kind would be given. Redeeming still has to
 * claim a use atomically; this only decides what to tell the person.
 */
export function checkInvite(invite: CheckedInvite | null, now: Date): InviteCheck {
  if (invite === null) return 'unknown';
  if (invite.revokedAt !== null) return 'revoked';
  if (invite.expiresAt !== null && now.getTime() > invite.expiresAt.getTime()) return 'expired';
  if (invite.uses >= invite.maxUses) return 'used-up';
  return 'ok';
}

/** The keyword, with or without a slash, then a colon or spaces, then what can be a code. */
const JOIN_REQUEST = /^\/?(?:join|rejoindre|start(?:@\w+)?)\s*[:\s]\s*([a-z0-9_\s-]+)$/i;

/**
 * "JOIN ABCD2345", "rejoindre abcd-2345", "REJOINDRE : ABCD 2345", "/start ABCD2345" (the
 * Telegram deep link, also as "/start@Bot ABCD2345"): the invite code asked for, normalised,
 * or null when the text is not a join request. What follows the keyword may only be letters,
 * digits, spaces, dashes and underscores (what a code can be typed with), 4 to 64 of them
 * once spaces and dashes are gone; whether such a code exists is the store's to say.
 */
export function parseJoinRequest(text: string): string | null {
  const match = JOIN_REQUEST.exec(text.trim());
  if (!match) return null;
  const code = normalizeInviteCode(match[1] ?? '');
  return code.length >= 4 && code.length <= 64 ? code : null;
}

/**
 * The language a join request is written in, when its keyword says: "JOIN" is English,
 * "REJOINDRE" French; "/start" (a deep link) says nothing.
 */
export function joinRequestLanguage(text: string): 'fr' | 'en' | null {
  const word = /^\/?(join|rejoindre)\b/i.exec(text.trim())?.[1]?.toLowerCase();
  return word === 'join' ? 'en' : word === 'rejoindre' ? 'fr' : null;
}
