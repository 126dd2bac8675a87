/**
 * When an applicant who has not handed in is next reminded: the first of the call's reminder
 * instants (`closesAt` minus each offset, in minutes) still to come after `after`; null when none
 * is left (or the call has closed).
 */
export function nextApplicationReminder(closesAt: Date, reminderOffsets: readonly number[], after: Date): Date | null {
  const upcoming = reminderOffsets
    .map((minutes) => new Date(closesAt.getTime() - minutes * 60_000))
    .filter((at) => at > after && at < closesAt)
    .sort((a, b) => a.getTime() - b.getTime());
  return upcoming[0] ?? null;
}
