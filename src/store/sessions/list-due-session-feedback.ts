import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';
import { reachablePerson } from './session-reach.ts';

/** Attendance recorded this long after the end still brings the feedback question; later, it does not. */
export const FEEDBACK_ASKED_WITHIN_MS = 24 * 3_600_000;

/** A venue that has ended with people who attended and were not asked for their feedback yet. */
export interface DueSessionFeedback {
  venueId: string;
  programme: { defaultLocale: string | null; settings: ProgrammeSettings };
}

/** Who is still to be asked at a venue: attended, not asked, reached by a routine message (session-reach.ts). */
export function feedbackToAsk(programmeId: string): Prisma.SessionInvitationWhereInput {
  return {
    attendedAt: { not: null },
    feedbackAskedAt: null,
    person: reachablePerson(programmeId, 'routine'),
  };
}

/**
 * Up to `limit` venues of sessions that ask for feedback, not cancelled, ended within the last day,
 * where someone who attended has not been asked yet: right after the end, and again when
 * attendance is recorded later (a roll call ticked the next morning).
 */
export async function listDueSessionFeedback(db: Database, now: Date, limit: number): Promise<DueSessionFeedback[]> {
  const venues = await db.sessionVenue.findMany({
    where: {
      endsAt: { lte: now, gte: new Date(now.getTime() - FEEDBACK_ASKED_WITHIN_MS) },
      session: { feedback: true, status: 'scheduled' },
    },
    orderBy: { endsAt: 'asc' },
    select: {
      id: true,
      session: { select: { programme: { select: { id: true, defaultLocale: true, settings: true } } } },
    },
  });
  const due: DueSessionFeedback[] = [];
  for (const venue of venues) {
    if (due.length >= limit) break;
    const { programme } = venue.session;
    const waiting = await db.sessionInvitation.count({ where: { venueId: venue.id, ...feedbackToAsk(programme.id) } });
    if (waiting === 0) continue;
    due.push({
      venueId: venue.id,
      programme: { defaultLocale: programme.defaultLocale, settings: parseProgrammeSettings(programme.settings) },
    });
  }
  return due;
}
