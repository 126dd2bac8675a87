import type { Database } from '../database.ts';
import { Prisma } from '../generated/client.ts';
import { reachablePersonSql } from '../sessions/session-reach.ts';

/**
 * Session invitations by answer, for the metrics scrape: "yes" (holding a seat), "waitlisted"
 * (said yes, waiting for one), "maybe", "no", "none" (no answer yet). Counted like the seats:
 * people who can no longer be written to about the session (erased, opted out, stopped) are left out.
 */
export async function countSessionRsvps(db: Database): Promise<{ answer: string; count: number }[]> {
  return db.$queryRaw<{ answer: string; count: number }[]>`
    SELECT CASE WHEN i.rsvp IS NULL THEN 'none'
        WHEN i.rsvp = 'yes' AND i."waitlistedAt" IS NOT NULL THEN 'waitlisted'
        ELSE i.rsvp::text END AS answer,
      count(*)::int AS count
    FROM "SessionInvitation" i
    JOIN "Session" s ON s.id = i."sessionId"
    JOIN "Person" p ON p.id = i."personId"
    WHERE ${reachablePersonSql(Prisma.sql`p`, Prisma.sql`s."programmeId"`, 'notice')}
    GROUP BY 1`;
}
