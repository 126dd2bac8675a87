import { DateTime } from 'luxon';
import { releaseExercise, type HeldByQuietHours, type ReleaseDependencies } from '../../jobs/release-exercise.ts';
import type { Output } from '../output.ts';

/**
 * `compagnon release`: releases an exercise now and says what went out, and, when the quiet hours
 * hold the messages back, when they will go: a release at night must not look like it did nothing.
 */
export async function runRelease(
  options: { exercise: string; cohort?: string },
  deps: { release: ReleaseDependencies; out: Output },
): Promise<void> {
  const result = await releaseExercise(deps.release, {
    exercise: options.exercise,
    ...(options.cohort && { cohort: options.cohort }),
  });
  deps.out.info(`released to ${result.released} participant(s); ${result.already} already had it`);
  if (result.held) deps.out.info(describeHeld(result.held));
}

/** "2 messages to 1 participant held by quiet hours (21:00–07:00 local time); they will go on 12 January 2027 at 08:00 (Europe/Paris time)". */
export function describeHeld(held: HeldByQuietHours): string {
  const when = (at: Date) =>
    DateTime.fromJSDate(at, { zone: held.timeZone }).setLocale('en-GB').toFormat("d LLLL yyyy 'at' HH:mm");
  const { from, to } = held.quietHours;
  const go =
    held.first.getTime() === held.last.getTime()
      ? `on ${when(held.first)}`
      : `from ${when(held.first)} to ${when(held.last)}, at ${to} in each person's own time,`;
  return (
    `${held.messages} message${held.messages > 1 ? 's' : ''} to ${held.people} participant${held.people > 1 ? 's' : ''} ` +
    `held by quiet hours (${from}–${to} local time); they will go ${go} (${held.timeZone} time)`
  );
}
