import { applicationCallJson } from '../../domain/applications/application-call.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';

/** An application not handed in whose reminder is due, with what the reminder says and when it may go. */
export interface DueApplicationReminder {
  applicationId: string;
  personId: string;
  /** The reminder due: what the claim compares, so two workers never both send it. */
  nextReminderAt: Date;
  /** Whether the applicant has agreed to the call's consent text (and so reached the questions). */
  consented: boolean;
  /** Questions not answered yet. */
  questionsLeft: number;
  closesAt: Date;
  reminderOffsets: number[];
  programme: { name: LocalizedText; defaultLocale: string | null; settings: ProgrammeSettings };
}

/**
 * Up to `limit` applications still being filled in whose next reminder is due, to calls still
 * open, of people who have not stopped or erased their data.
 */
export async function listDueApplicationReminders(
  db: Database,
  now: Date,
  limit: number,
): Promise<DueApplicationReminder[]> {
  const due = await db.application.findMany({
    where: {
      status: 'started',
      nextReminderAt: { lte: now },
      call: { closesAt: { gt: now } },
      person: { optedOutAt: null, erasedAt: null },
    },
    take: limit,
    orderBy: { nextReminderAt: 'asc' },
    select: {
      id: true,
      personId: true,
      nextReminderAt: true,
      consentVersion: true,
      currentPosition: true,
      call: {
        select: {
          closesAt: true,
          reminderOffsets: true,
          questions: true,
          programme: { select: { name: true, defaultLocale: true, settings: true } },
        },
      },
    },
  });
  return due.map((application) => {
    const { call } = application;
    const questions = applicationCallJson.questions.parse(call.questions);
    return {
      applicationId: application.id,
      personId: application.personId,
      nextReminderAt: application.nextReminderAt!,
      consented: application.consentVersion !== null,
      questionsLeft: Math.max(questions.length - application.currentPosition, 1),
      closesAt: call.closesAt,
      reminderOffsets: call.reminderOffsets,
      programme: {
        name: applicationCallJson.text.parse(call.programme.name),
        defaultLocale: call.programme.defaultLocale,
        settings: parseProgrammeSettings(call.programme.settings),
      },
    };
  });
}
