import type { RsvpAnswer, SessionKind } from '../../domain/sessions/session-definition.ts';
import { visibleEnrolments, type DashboardScope } from '../access/visible-enrolments.ts';
import type { Database } from '../database.ts';
import type { SessionStatus } from '../generated/client.ts';

/** One session a person is invited to, as their page lists it. */
export interface PersonInvitation {
  session: { id: string; kind: SessionKind; title: unknown; status: SessionStatus };
  venue: { hubName: unknown; startsAt: Date; endsAt: Date };
  rsvp: RsvpAnswer | null;
  waitlistedAt: Date | null;
  attendedAt: Date | null;
  attendedBy: string | null;
}

/**
 * A person's invitations, by start, to the sessions of the programmes in which the viewer may see
 * them (`visibleEnrolments`): a mentor sees those of the programme they mentor them in only.
 */
export async function listPersonInvitations(
  db: Database,
  personId: string,
  scope: DashboardScope,
): Promise<PersonInvitation[]> {
  const enrolments = await db.enrolment.findMany({
    where: { AND: [visibleEnrolments(scope), { personId }] },
    select: { cohort: { select: { programmeId: true } } },
  });
  const programmeIds = [...new Set(enrolments.map((enrolment) => enrolment.cohort.programmeId))];
  if (programmeIds.length === 0) return [];
  const rows = await db.sessionInvitation.findMany({
    where: { personId, session: { programmeId: { in: programmeIds } } },
    orderBy: { venue: { startsAt: 'asc' } },
    select: {
      rsvp: true,
      waitlistedAt: true,
      attendedAt: true,
      attendedBy: true,
      session: { select: { id: true, kind: true, title: true, status: true } },
      venue: { select: { startsAt: true, endsAt: true, hub: { select: { name: true } } } },
    },
  });
  return rows.map(({ venue, ...row }) => ({
    ...row,
    venue: { hubName: venue.hub?.name ?? null, startsAt: venue.startsAt, endsAt: venue.endsAt },
  }));
}
