import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';

/** A venue whose next reminder is due, with what the claim compares and what comes after it. */
export interface DueSessionReminder {
  venueId: string;
  /** The reminder due: what the claim compares, so two workers never both send it. */
  nextReminderAt: Date;
  startsAt: Date;
  reminderOffsets: number[];
  programme: { defaultLocale: string | null; settings: ProgrammeSettings };
}

/** Up to `limit` venues of sessions not cancelled whose next reminder is due. */
export async function listDueSessionReminders(db: Database, now: Date, limit: number): Promise<DueSessionReminder[]> {
  const due = await db.sessionVenue.findMany({
    where: { nextReminderAt: { lte: now }, session: { status: 'scheduled' } },
    orderBy: { nextReminderAt: 'asc' },
    take: limit,
    select: {
      id: true,
      nextReminderAt: true,
      startsAt: true,
      session: {
        select: {
          reminderOffsets: true,
          programme: { select: { id: true, defaultLocale: true, settings: true } },
        },
      },
    },
  });
  const settings = new Map<string, ProgrammeSettings>();
  return due.map((venue) => {
    const { programme } = venue.session;
    if (!settings.has(programme.id)) settings.set(programme.id, parseProgrammeSettings(programme.settings));
    return {
      venueId: venue.id,
      nextReminderAt: venue.nextReminderAt!,
      startsAt: venue.startsAt,
      reminderOffsets: venue.session.reminderOffsets,
      programme: { defaultLocale: programme.defaultLocale, settings: settings.get(programme.id)! },
    };
  });
}
