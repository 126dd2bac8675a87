import { Prisma, type EnrolmentStatus } from '../generated/client.ts';

/**
 * Who can still be written to about a session, and who holds or can take a seat: one rule for
 * every message, the seat count and the reports (README, "Sessions").
 *
 * - Anyone written to about a session is not erased, has not opted out (STOP), and has an
 *   enrolment in the session's programme that is not stopped.
 * - `routine` messages (reminders, the feedback question) also leave out those whose enrolment
 *   is paused. A `notice` answers what the person asked or holds (the time or place changed, the
 *   session is cancelled, the seat they waited for is theirs): it still reaches them.
 * - A seat is held by a yes that is not waiting, from someone who can still be written to; the
 *   same people can be given a seat from the waiting list. Paused people keep theirs, and their
 *   place in the queue (their own yes at a free venue seats them at once).
 */
export type SessionReach = 'routine' | 'notice';

const leftOut = (reach: SessionReach): EnrolmentStatus[] => (reach === 'routine' ? ['paused', 'stopped'] : ['stopped']);

/** The rule as a filter on people, for `programmeId`'s sessions. */
export function reachablePerson(programmeId: string, reach: SessionReach): Prisma.PersonWhereInput {
  return {
    erasedAt: null,
    optedOutAt: null,
    enrolments: { some: { cohort: { programmeId }, status: { notIn: leftOut(reach) } } },
  };
}

/** The same rule in SQL, for the person `person` and the programme id `programmeId` (SQL expressions). */
export function reachablePersonSql(person: Prisma.Sql, programmeId: Prisma.Sql, reach: SessionReach): Prisma.Sql {
  const statuses = Prisma.join(leftOut(reach).map((status) => Prisma.sql`${status}::"EnrolmentStatus"`));
  return Prisma.sql`${person}."erasedAt" IS NULL AND ${person}."optedOutAt" IS NULL AND EXISTS (
    SELECT 1 FROM "Enrolment" e JOIN "Cohort" c ON c.id = e."cohortId"
    WHERE e."personId" = ${person}.id AND c."programmeId" = ${programmeId} AND e.status NOT IN (${statuses}))`;
}

/** Invitations that hold a seat at a venue of `programmeId`. */
export function holdsSeat(programmeId: string): Prisma.SessionInvitationWhereInput {
  return { rsvp: 'yes', waitlistedAt: null, person: reachablePerson(programmeId, 'notice') };
}

/** Invitations waiting for a seat that can be given one. */
export function canBePromoted(programmeId: string): Prisma.SessionInvitationWhereInput {
  return { rsvp: 'yes', waitlistedAt: { not: null }, person: reachablePerson(programmeId, 'notice') };
}

/** `holdsSeat` in SQL, for the invitation alias `invitation` (joined to nothing). */
export function holdsSeatSql(invitation: Prisma.Sql, programmeId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${invitation}.rsvp = 'yes' AND ${invitation}."waitlistedAt" IS NULL AND EXISTS (
    SELECT 1 FROM "Person" sp WHERE sp.id = ${invitation}."personId"
      AND ${reachablePersonSql(Prisma.sql`sp`, programmeId, 'notice')})`;
}

/** `canBePromoted` in SQL, for the invitation alias `invitation`. */
export function canBePromotedSql(invitation: Prisma.Sql, programmeId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${invitation}.rsvp = 'yes' AND ${invitation}."waitlistedAt" IS NOT NULL AND EXISTS (
    SELECT 1 FROM "Person" wp WHERE wp.id = ${invitation}."personId"
      AND ${reachablePersonSql(Prisma.sql`wp`, programmeId, 'notice')})`;
}
