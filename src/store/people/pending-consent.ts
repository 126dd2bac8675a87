import { consentFor } from '../../domain/programme/consent-for-role.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import { Prisma } from '../generated/client.ts';

/** A programme whose current consent text a person has not agreed to yet, though they agreed to an earlier one. */
interface PendingConsent {
  programmeId: string;
  programmeName: LocalizedText;
  version: string;
  text: LocalizedText;
}

/**
 * The version a consent to the text of the person's role in programme `p` records, for each of
 * their enrolments there that is not stopped (alias `e`): `consentFor` (consent-for-role.ts) in SQL.
 * A role with a text of its own records it prefixed ("mentor:2027-01"); the others record the
 * participants' version.
 */
const EXPECTED_VERSION = Prisma.sql`COALESCE(e.role::text || ':' || (p.settings->'consent'->(e.role::text)->>'version'),
  p.settings->'consent'->>'version')`;

/**
 * The rule, in SQL, for person `personId` and programme `p`: enrolled in it (not stopped), agreed
 * to one of its consent texts once, and their latest answer is not "yes" to the current text of
 * their role (a mentor is not asked again when the participants' text changes). Someone still
 * joining (no consent yet) is not concerned: joining asks them; nor is a consent to a call for
 * applications ("application:1"), which is not a consent to take part.
 */
function needsConsentAgain(personId: Prisma.Sql) {
  return Prisma.sql`EXISTS (SELECT 1 FROM "Enrolment" AS e JOIN "Cohort" AS c ON c.id = e."cohortId"
      WHERE e."personId" = ${personId} AND c."programmeId" = p.id AND e.status <> 'stopped')
    AND EXISTS (SELECT 1 FROM "Consent" AS k WHERE k."personId" = ${personId} AND k."programmeId" = p.id AND k.given
      AND k."textVersion" NOT LIKE 'application:%')
    AND NOT COALESCE((SELECT k.given AND k."textVersion" IN (
        SELECT ${EXPECTED_VERSION} FROM "Enrolment" AS e JOIN "Cohort" AS c ON c.id = e."cohortId"
        WHERE e."personId" = ${personId} AND c."programmeId" = p.id AND e.status <> 'stopped')
      FROM "Consent" AS k
      WHERE k."personId" = ${personId} AND k."programmeId" = p.id AND k."textVersion" NOT LIKE 'application:%' ORDER BY k."createdAt" DESC, k.id DESC LIMIT 1), false)`;
}

/** The first programme whose new consent text the person must answer before anything else is sent to them; null when none. */
export async function pendingConsent(
  tx: Prisma.TransactionClient | Database,
  personId: string,
): Promise<PendingConsent | null> {
  const rows = await tx.$queryRaw<
    { id: string; name: LocalizedText; settings: unknown; roles: ('participant' | 'mentor' | 'trainer' | 'staff')[] }[]
  >`
    SELECT p.id, p.name, p.settings, ARRAY(SELECT e.role::text FROM "Enrolment" AS e JOIN "Cohort" AS c ON c.id = e."cohortId"
      WHERE e."personId" = ${personId} AND c."programmeId" = p.id AND e.status <> 'stopped'
      ORDER BY e."createdAt" DESC) AS roles
    FROM "Programme" AS p
    WHERE ${needsConsentAgain(Prisma.sql`${personId}`)}
    ORDER BY p."createdAt" ASC LIMIT 1`;
  const row = rows[0];
  if (!row) return null;
  // Someone with two roles in a programme is asked about the text of their latest one.
  const { version, text } = consentFor(parseProgrammeSettings(row.settings).consent, row.roles[0] ?? 'participant');
  return { programmeId: row.id, programmeName: row.name, version, text };
}

/**
 * After a programme's consent text changed version: everyone concerned (see `needsConsentAgain`)
 * who still receives messages is marked as asked, so that delivery holds what is not a reply for
 * them, and the ask-consent-again job writes them the question. Returns how many were marked.
 */
export async function markConsentAsked(tx: Prisma.TransactionClient, programmeId: string, at: Date): Promise<number> {
  return tx.$executeRaw`
    UPDATE "Person" AS per SET "consentAskedAt" = ${at}, "updatedAt" = ${at}
    FROM "Programme" AS p
    WHERE p.id = ${programmeId} AND per."optedOutAt" IS NULL AND per."erasedAt" IS NULL
      AND ${needsConsentAgain(Prisma.sql`per.id`)}`;
}
