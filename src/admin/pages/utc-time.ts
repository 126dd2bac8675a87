/** An instant in UTC to the minute, as staff compare it with the local time next to it. */
export function utcTime(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
