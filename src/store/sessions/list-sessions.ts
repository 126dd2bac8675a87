import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Database } from '../database.ts';
import type { SessionKind, SessionStatus } from '../generated/enums.ts';

export interface SessionSummary {
  id: string;
  key: string;
  programmeKey: string;
  /** The programme's first language, the one its texts are written in first. */
  defaultLanguage: string;
  kind: SessionKind;
  title: LocalizedText;
  status: SessionStatus;
  /** When the announcement goes; null: as soon as the session exists. */
  announceAt: Date | null;
  announcedAt: Date | null;
  cancelledAt: Date | null;
  /** Every venue has ended. */
  over: boolean;
  /** In the order they start (the five cities' 09:00s from east to west). */
  venues: { key: string; timeZone: string; startsAt: Date; endsAt: Date }[];
}

/**
 * Sessions, those still to come or under way first (soonest first), then those over (latest
 * first). `programme` narrows them to one programme, by id or key.
 */
export async function listSessions(
  db: Database,
  options: { programme?: string; now: Date },
): Promise<SessionSummary[]> {
  const rows = await db.session.findMany({
    where: options.programme ? { programme: { OR: [{ id: options.programme }, { key: options.programme }] } } : {},
    include: {
      programme: { select: { key: true, defaultLocale: true } },
      venues: {
        select: { key: true, timeZone: true, startsAt: true, endsAt: true },
        orderBy: [{ startsAt: 'asc' }, { key: 'asc' }],
      },
    },
  });
  const sessions: SessionSummary[] = rows.map((row) => ({
    id: row.id,
    key: row.key,
    programmeKey: row.programme.key,
    defaultLanguage: row.programme.defaultLocale,
    kind: row.kind,
    title: row.title as LocalizedText,
    status: row.status,
    announceAt: row.announceAt,
    announcedAt: row.announcedAt,
    cancelledAt: row.cancelledAt,
    over: row.venues.every((venue) => venue.endsAt.getTime() < options.now.getTime()),
    venues: row.venues,
  }));
  const startOf = (session: SessionSummary) => session.venues[0]?.startsAt.getTime() ?? 0;
  const upcoming = sessions.filter((session) => !session.over).sort((a, b) => startOf(a) - startOf(b));
  const past = sessions.filter((session) => session.over).sort((a, b) => startOf(b) - startOf(a));
  return [...upcoming, ...past];
}
