/** No 0/O, 1/I: codes are read aloud in a room or shown on a shared screen, and typed on phones. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const ATTENDANCE_CODE_LENGTH = 6;

/**
 * A new attendance code for a venue, such as "K7PQ3M".
 * @param randomIndex returns a uniformly random integer in [0, size)
 */
export function generateAttendanceCode(randomIndex: (size: number) => number): string {
  let code = '';
  for (let i = 0; i < ATTENDANCE_CODE_LENGTH; i++) code += ALPHABET[randomIndex(ALPHABET.length)];
  return code;
}

/** The code as typed: any case, spaces or dashes ignored. */
export function normalizeAttendanceCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}
