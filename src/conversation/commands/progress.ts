import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import { summarizeProgress } from '../../domain/progress.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { ExerciseStore } from '../stores/exercise-store.ts';
import { speakerFor, text } from '../speaker.ts';

/** The stores this file reads and changes. */
type ProgressContext = ConversationContext<ExerciseStore>;

/** PROGRESS: done / late / missing, and the next deadline in the person's local time. */
export async function progress(context: ProgressContext): Promise<Outgoing[]> {
  const speaker = speakerFor(context);
  const submissions = await context.store.submissions(context.person.id);
  const summary = summarizeProgress(
    submissions.map((s) => ({
      exerciseKey: s.exercise.key,
      title: speaker.pick(s.exercise.title),
      status: s.status,
      late: s.late,
      releaseAt: s.releaseAt,
      deadlineAt: s.deadlineAt,
      closesAt: new Date(s.deadlineAt.getTime() + s.exercise.closesAfterMinutes * 60_000),
    })),
    context.now(),
  );
  const lines = [speaker.t('commands:progress', { ...summary })];
  lines.push(
    summary.next
      ? speaker.t('commands:progress_next', {
          title: summary.next.title,
          deadline: formatLocalDateTime(summary.next.deadlineAt, context.person.timeZone, speaker.language),
        })
      : speaker.t('commands:progress_none_next'),
  );
  return [text(lines.join('\n'))];
}
