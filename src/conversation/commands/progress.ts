import { exerciseClosesAt } from '../../domain/submission-timing.ts';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import { summarizeProgress } from '../../domain/progress.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { AccountStore } from '../stores/account-store.ts';
import type { ExerciseStore } from '../stores/exercise-store.ts';
import { speakerFor, text } from '../speaker.ts';

/** The stores this file reads and changes. */
type ProgressContext = ConversationContext<ExerciseStore & AccountStore>;

/**
 * PROGRESS: done / late / missing, a pause if there is one, then the exercise the conversation
 * asks now and those that wait after it, with their deadlines in the person's local time.
 */
export async function progress(context: ProgressContext): Promise<Outgoing[]> {
  const speaker = speakerFor(context);
  const when = (instant: Date) => formatLocalDateTime(instant, context.person.timeZone, speaker.language);
  const submissions = await context.store.submissions(context.person.id);
  const summary = summarizeProgress(
    submissions.map((s) => ({
      exerciseKey: s.exercise.key,
      title: speaker.pick(s.exercise.title),
      status: s.status,
      late: s.late,
      releaseAt: s.releaseAt,
      deadlineAt: s.deadlineAt,
      closesAt: exerciseClosesAt(s.deadlineAt, s.exercise.graceMinutes, s.exercise.closesAfterMinutes),
    })),
    context.now(),
  );
  const lines = [speaker.t('commands:progress', { ...summary })];
  const paused = (await context.store.enrolments(context.person.id)).find(
    (e) => e.status === 'paused' && e.pausedUntil !== null && e.pausedUntil > context.now(),
  );
  if (paused?.pausedUntil) lines.push(speaker.t('commands:progress_paused', { until: when(paused.pausedUntil) }));
  const { current } = summary;
  if (!current) lines.push(speaker.t('commands:progress_none_next'));
  else if (current.deadlineAt >= context.now()) {
    lines.push(speaker.t('commands:progress_next', { title: current.title, deadline: when(current.deadlineAt) }));
  } else {
    lines.push(speaker.t('commands:progress_current_late', { title: current.title, closesAt: when(current.closesAt) }));
  }
  for (const other of summary.waiting) {
    lines.push(
      speaker.t('commands:progress_also_open', {
        title: other.title,
        deadline: when(other.deadlineAt),
        current: current?.title,
      }),
    );
  }
  return [text(lines.join('\n'))];
}
