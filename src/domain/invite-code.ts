import { DateTime } from 'luxon';

/** No 0/O, 1/I: codes are read aloud and typed on phones. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const INVITE_CODE_LENGTH = 8;

/**
 * A new invite code. Telegram deep-link payloads allow A–Z a–z 0–9 _ - (64 at most), so the
 * code can travel as `/start <code>` unchanged.
 * @param randomIndex returns a uniformly random integer in [0, size)
 */
export function generateInviteCode(randomIndex: (size: number) => number): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += ALPHABET[randomIndex(ALPHABET.length)];
  return code;
}

/** The code as typed by a person: any case, spaces or dashes ignored. */
export function normalizeInviteCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * When an invite written as `--expires` stops working: a date means the end of that day in
 * the programme's time zone; a date and time with an offset means that instant.
 */
export function parseInviteExpiry(text: string, timeZone: string): Date | null {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    const day = DateTime.fromISO(trimmed, { zone: timeZone });
    return day.isValid ? day.endOf('day').toJSDate() : null;
  }
  const instant = DateTime.fromISO(trimmed, { setZone: true });
  if (!instant.isValid || !/(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) return null;
  return instant.toJSDate();
}
