import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';

/** People asked per run; the next run takes the rest. */
const BATCH_SIZE = 500;

/**
 * People marked as asked to consent again who have not had the question since they were marked
 * (by the job or in chat), oldest first; stopped and erased people are left out.
 */
export function peopleToAskConsent(db: Database, purpose: string): Promise<{ id: string; consentAskedAt: Date }[]> {
  return db.$queryRaw<{ id: string; consentAskedAt: Date }[]>`
    SELECT p.id, p."consentAskedAt" FROM "Person" AS p
    WHERE p."consentAskedAt" IS NOT NULL AND p."optedOutAt" IS NULL AND p."erasedAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "OutboundMessage" AS o
        WHERE o."personId" = p.id AND o.purpose = ${purpose} AND o."createdAt" >= p."consentAskedAt")
    ORDER BY p."consentAskedAt" ASC LIMIT ${BATCH_SIZE}`;
}

/** Takes the mark off a person, unless it was set again since it was read; true when taken off. */
export async function unmarkConsentAsked(db: Database, personId: string, consentAskedAt: Date): Promise<boolean> {
  return (
    (await db.person.updateMany({ where: { id: personId, consentAskedAt }, data: { consentAskedAt: null } })).count > 0
  );
}

/** The programme a person is asked to consent to again: its settings and its first language. */
export async function loadConsentProgramme(
  db: Database,
  programmeId: string,
): Promise<{ settings: ProgrammeSettings; defaultLocale: string }> {
  const programme = await db.programme.findUniqueOrThrow({
    where: { id: programmeId },
    select: { settings: true, defaultLocale: true },
  });
  return { settings: parseProgrammeSettings(programme.settings), defaultLocale: programme.defaultLocale };
}
