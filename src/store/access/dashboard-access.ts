import type { Prisma } from '../generated/client.ts';
import { currentTrainerHubs } from './load-viewer-scope.ts';

/** Why a person may not use the dashboard; each has a message in locales/<lang>/dashboard.json (`refused_<reason>`). */
export type DashboardRefusal =
  'unknown' | 'participant' | 'not_staff' | 'no_mentees' | 'no_hubs' | 'erased' | 'opted_out';

type DashboardAccess =
  { allowed: true; role: 'staff' | 'mentor' | 'trainer' } | { allowed: false; reason: DashboardRefusal };

/**
 * Who may sign in to the dashboard, checked when a link is made, when it is used and on every
 * request: staff whose staff enrolment is not stopped, trainers who run a hub, and mentors with
 * current mentees. Someone with two of these roles signs in with the widest: staff, then trainer
 * (who also sees their mentees), then mentor.
 */
export async function checkDashboardAccess(db: Prisma.TransactionClient, personId: string): Promise<DashboardAccess> {
  const person = await db.person.findUnique({
    where: { id: personId },
    select: {
      roles: true,
      erasedAt: true,
      optedOutAt: true,
      enrolments: { where: { role: 'staff', status: { not: 'stopped' } }, select: { id: true }, take: 1 },
      mentoring: { where: { endedAt: null }, select: { id: true }, take: 1 },
      trainerHubs: { where: currentTrainerHubs(), select: { id: true }, take: 1 },
    },
  });
  if (!person) return { allowed: false, reason: 'unknown' };
  if (person.erasedAt) return { allowed: false, reason: 'erased' };
  if (person.optedOutAt) return { allowed: false, reason: 'opted_out' };
  if (person.roles.includes('staff') && person.enrolments.length > 0) return { allowed: true, role: 'staff' };
  if (person.roles.includes('trainer') && person.trainerHubs.length > 0) return { allowed: true, role: 'trainer' };
  if (person.roles.includes('mentor')) {
    return person.mentoring.length > 0 ? { allowed: true, role: 'mentor' } : { allowed: false, reason: 'no_mentees' };
  }
  if (person.roles.includes('trainer')) return { allowed: false, reason: 'no_hubs' };
  return { allowed: false, reason: person.roles.includes('participant') ? 'participant' : 'not_staff' };
}
