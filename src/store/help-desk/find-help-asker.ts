import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';
import type { HelpAsker } from './list-help-responders.ts';

/** A participant who can open a help-desk conversation, with what routing it needs. */
export interface HelpAskerView extends HelpAsker {
  programmeId: string;
  /** The programme's `help_desk.escalate_after`, in minutes. */
  escalateAfterMinutes: number;
}

/**
 * The cohort a person asks the help desk from: their latest participant enrolment that has
 * finished joining and is not stopped (`cohortId` to choose one). Null for someone who is not a
 * participant there (a mentor, a trainer, a newcomer).
 */
export async function findHelpAsker(
  db: Database | Prisma.TransactionClient,
  personId: string,
  cohortId?: string,
): Promise<HelpAskerView | null> {
  const enrolment = await db.enrolment.findFirst({
    where: {
      personId,
      role: 'participant',
      status: { not: 'stopped' },
      joinedAt: { not: null },
      person: { erasedAt: null },
      ...(cohortId !== undefined && { cohortId }),
    },
    orderBy: { createdAt: 'desc' },
    select: {
      cohortId: true,
      person: { select: { hubId: true } },
      cohort: { select: { programmeId: true, programme: { select: { settings: true } } } },
    },
  });
  if (!enrolment) return null;
  return {
    personId,
    cohortId: enrolment.cohortId,
    hubId: enrolment.person.hubId,
    programmeId: enrolment.cohort.programmeId,
    escalateAfterMinutes: parseProgrammeSettings(enrolment.cohort.programme.settings).helpDesk.escalateAfterMinutes,
  };
}
