import type { LocalizedText } from '../../domain/programme/language.ts';
import { outsideQuietHours, type QuietHours } from '../../domain/quiet-hours.ts';
import { parseSessionAudience } from '../../domain/sessions/session-definition.ts';
import type { Database } from '../database.ts';

/** A session's message, as the schedule preview names it. */
export type SessionMessage = {
  sessionKey: string;
  /** In the programme's first language; `titles` lets the dashboard use its reader's. */
  title: string;
  titles: LocalizedText;
  venueKey: string;
  /** The venue's start and the zone its hour is set in. */
  startsAt: Date;
  venueTimeZone: string;
} & (
  | {
      kind: 'session_announcement';
      /** No announcement date: it goes as soon as the scheduler next runs. */
      atOnce: boolean;
    }
  | { kind: 'session_reminder'; minutesBefore: number }
);

export interface SessionMessageItem {
  at: Date;
  /** The venue's zone. */
  timeZone: string;
  /** The venue's hub, by its name; null online. */
  hub: LocalizedText | null;
  what: SessionMessage;
}

/**
 * The session announcements and reminders a cohort's people will get between `from` and
 * `until`, venue by venue, at the venue's local time: an announcement not yet made (at its date,
 * or at once when it has none), and each reminder still to come (the start minus an offset; on a
 * hub's venue, moved out of the quiet hours unless that would push it past the start). Who gets
 * each is worked out when it is sent, as for a broadcast.
 */
export async function previewSessionMessages(
  db: Database,
  cohort: { id: string; programmeId: string },
  window: { from: Date; until: Date; quietHours: QuietHours | null },
  defaultLanguage: string,
): Promise<SessionMessageItem[]> {
  const { from, until } = window;
  const sessions = await db.session.findMany({
    where: { programmeId: cohort.programmeId, status: 'scheduled', venues: { some: { startsAt: { gt: from } } } },
    include: {
      venues: { include: { hub: { select: { name: true } } }, orderBy: [{ startsAt: 'asc' }, { key: 'asc' }] },
    },
  });
  const items: SessionMessageItem[] = [];
  for (const session of sessions) {
    const audience = parseSessionAudience(session.audience);
    if (!audience) continue;
    if (audience.cohortIds?.length && !audience.cohortIds.includes(cohort.id)) continue;
    const titles = session.title as LocalizedText;
    const title = titles[defaultLanguage as keyof LocalizedText] ?? Object.values(titles)[0] ?? session.key;
    for (const venue of session.venues) {
      if (venue.startsAt <= from) continue;
      if (venue.hubId !== null && audience.hubIds?.length && !audience.hubIds.includes(venue.hubId)) continue;
      const about = {
        sessionKey: session.key,
        title,
        titles,
        venueKey: venue.key,
        startsAt: venue.startsAt,
        venueTimeZone: venue.timeZone,
      };
      const place = {
        timeZone: venue.timeZone,
        hub: (venue.hub?.name as LocalizedText | undefined) ?? null,
      };
      if (session.announcedAt === null) {
        const atOnce = session.announceAt === null || session.announceAt < from;
        const at = atOnce ? from : session.announceAt!;
        if (at < until) items.push({ at, ...place, what: { ...about, kind: 'session_announcement', atOnce } });
      }
      // The sweep's next reminder marks where the venue's reminders stand; null: none left.
      const next = venue.nextReminderAt;
      if (next === null) continue;
      for (const minutesBefore of session.reminderOffsets) {
        const due = new Date(venue.startsAt.getTime() - minutesBefore * 60_000);
        if (due < next) continue;
        const outside = venue.hubId === null ? due : outsideQuietHours(due, window.quietHours, venue.timeZone);
        const at = new Date(Math.max((outside < venue.startsAt ? outside : due).getTime(), from.getTime()));
        if (at < until) items.push({ at, ...place, what: { ...about, kind: 'session_reminder', minutesBefore } });
      }
    }
  }
  return items;
}
