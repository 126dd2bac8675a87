import { FOLLOWED_STATUSES } from '../../domain/followed-statuses.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';

/** A submission whose reminder is due, with what the reminder says and when it may go. */
interface DueReminder {
  submissionId: string;
  personId: string;
  status: 'open' | 'in_progress';
  currentPosition: number;
  deadlineAt: Date;
  /** The reminder due: what the claim compares, so two workers never both send it. */
  nextReminderAt: Date;
  reminderOffsets: number[];
  exerciseTitle: LocalizedText;
  questionCount: number;
  programme: { defaultLocale: string | null; settings: ProgrammeSettings };
}

/**
 * Up to `limit` submissions not handed in whose next reminder is due, of people followed (not
 * paused, stopped or erased) in cohorts that are not paused.
 */
export async function listDueReminders(db: Database, now: Date, limit: number): Promise<DueReminder[]> {
  const due = await db.submission.findMany({
    where: {
      status: { in: ['open', 'in_progress'] },
      nextReminderAt: { lte: now },
      enrolment: {
        status: { in: [...FOLLOWED_STATUSES] },
        // Back from a pause: the catch-up message comes first.
        catchUpDueAt: null,
        cohort: { pausedAt: null },
        person: { optedOutAt: null, erasedAt: null },
      },
    },
    take: limit,
    include: {
      enrolment: { select: { personId: true } },
      exercise: {
        select: {
          title: true,
          reminderOffsets: true,
          programme: { select: { id: true, defaultLocale: true, settings: true } },
          _count: { select: { questions: true } },
        },
      },
    },
  });
  const settings = new Map<string, ProgrammeSettings>();
  const settingsOf = (programme: { id: string; settings: unknown }) => {
    if (!settings.has(programme.id)) settings.set(programme.id, parseProgrammeSettings(programme.settings));
    return settings.get(programme.id)!;
  };
  return due.map((submission) => ({
    submissionId: submission.id,
    personId: submission.enrolment.personId,
    status: submission.status as DueReminder['status'],
    currentPosition: submission.currentPosition,
    deadlineAt: submission.deadlineAt,
    nextReminderAt: submission.nextReminderAt!,
    reminderOffsets: submission.exercise.reminderOffsets,
    exerciseTitle: submission.exercise.title as LocalizedText,
    questionCount: submission.exercise._count.questions,
    programme: {
      defaultLocale: submission.exercise.programme.defaultLocale,
      settings: settingsOf(submission.exercise.programme),
    },
  }));
}
