import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import { recordStaffAction } from '../audit/record-staff-action.ts';

/** The staff member made, and what the command says about them. */
export interface AddedStaffMember {
  personId: string;
  programmeKey: string;
  cohortKeys: string[];
  /** How many other people of the programme's staff already had this name (a second one is made all the same). */
  sameName: number;
}

/**
 * A staff member who has no chat account yet (the first one, typically): a person with the staff
 * role and a joined staff enrolment in every cohort of the programme, audited as done from the
 * command line. They sign in with a one-time link and attach a chat later with a join code.
 */
export async function addStaffMember(
  db: Database,
  request: { name: string; programme: string; now: Date },
): Promise<AddedStaffMember> {
  const programme = await db.programme.findFirst({
    where: { OR: [{ id: request.programme }, { key: request.programme }] },
    select: { id: true, key: true, cohorts: { select: { id: true, key: true }, orderBy: { createdAt: 'asc' } } },
  });
  if (!programme) {
    const keys = (await db.programme.findMany({ select: { key: true }, orderBy: { key: 'asc' } })).map((p) => p.key);
    throw new NotFoundError(
      keys.length === 0
        ? `no programme "${request.programme}": there is none yet, import one first (compagnon import <file>)`
        : `no programme has the id or key "${request.programme}": use one of ${keys.join(', ')}`,
    );
  }
  if (programme.cohorts.length === 0) throw new NotFoundError(`the programme ${programme.key} has no cohort yet`);
  return db.$transaction(async (tx) => {
    const sameName = await tx.person.count({
      where: {
        displayName: request.name,
        roles: { has: 'staff' },
        enrolments: { some: { cohort: { programmeId: programme.id }, role: 'staff' } },
      },
    });
    const person = await tx.person.create({
      data: {
        displayName: request.name,
        roles: ['staff'],
        enrolments: {
          create: programme.cohorts.map((cohort) => ({
            cohortId: cohort.id,
            role: 'staff' as const,
            joinedAt: request.now,
            statusChangedAt: request.now,
          })),
        },
      },
      select: { id: true },
    });
    await recordStaffAction(tx, {
      actorId: null,
      action: 'staff.add',
      entity: 'Person',
      entityId: person.id,
      details: { via: 'cli', programmeId: programme.id },
    });
    return {
      personId: person.id,
      programmeKey: programme.key,
      cohortKeys: programme.cohorts.map((cohort) => cohort.key),
      sameName,
    };
  });
}
