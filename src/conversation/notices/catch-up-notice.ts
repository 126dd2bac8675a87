import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { speakerForRecipient } from '../speaker.ts';

/** An exercise waiting for the person on their return. */
interface WaitingExercise {
  title: LocalizedText;
  deadlineAt: Date;
  /** Started before the absence: the person picks it up where they left it. */
  started: boolean;
}

/**
 * The one message a person gets on their return from a pause or an offline period: what waits for
 * them, each exercise with its deadline in their own time zone, soonest first; or, with nothing
 * waiting, a short welcome back.
 */
export function catchUpNotice(
  waiting: WaitingExercise[],
  recipient: { locale: string | null; timeZone: string; displayName: string | null },
  programme: { defaultLocale: string | null },
  deps: { translate: Translate; defaultLanguage: Language },
  /** The first of them follows at once (it fell due during the absence and nothing else is under way). */
  firstFollows = true,
): OutboundPayload {
  const speaker = speakerForRecipient(recipient, programme, deps);
  const name = recipient.displayName ?? '';
  if (waiting.length === 0) return { kind: 'text', text: speaker.t('catch-up:nothing_waiting', { name }) };
  const lines = waiting.map((exercise) =>
    speaker.t(exercise.started ? 'catch-up:exercise_started' : 'catch-up:exercise_waiting', {
      title: speaker.pick(exercise.title),
      deadline: formatLocalDateTime(exercise.deadlineAt, recipient.timeZone, speaker.language),
    }),
  );
  const heading = speaker.t('catch-up:waiting', { name, count: waiting.length });
  const ending = firstFollows ? [speaker.t('catch-up:first_follows')] : [];
  return { kind: 'text', text: [heading, ...lines, ...ending].join('\n') };
}
