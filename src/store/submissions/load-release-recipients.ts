import type { FlowState, PersonView, SubmissionView } from '../../conversation/conversation-context.ts';
import { personTimeZone } from '../../domain/person-time-zone.ts';
import { isLanguage } from '../../domain/programme/language.ts';
import type { QuietHours } from '../../domain/quiet-hours.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { exerciseView } from '../conversation-store.ts';
import type { ReleaseTransaction } from './release-transaction.ts';

/** What composing the messages of many released submissions reads, each in one statement. */
interface ReleaseRecipients {
  /** Each exercise as the conversation reads it, and its programme's quiet hours. */
  exercises: Map<string, { view: SubmissionView['exercise']; quietHours: QuietHours | null }>;
  /** What `personView` gives, by person. */
  people: Map<string, PersonView>;
  /** Each person's conversation state, when they have one. */
  states: Map<string, FlowState>;
  /** What `preferredIdentity` gives, by person; a person nothing reaches has none. */
  identities: Map<string, string>;
}

/** The exercises released and the people they go to, for many released submissions at once. */
export async function loadReleaseRecipients(
  tx: ReleaseTransaction,
  exerciseIds: string[],
  personIds: string[],
): Promise<ReleaseRecipients> {
  const exercises = await tx.exercise.findMany({
    where: { id: { in: exerciseIds } },
    include: { questions: { orderBy: { position: 'asc' } }, programme: { select: { settings: true } } },
  });
  const states = await tx.conversationState.findMany({ where: { personId: { in: personIds } } });
  return {
    exercises: new Map(
      exercises.map((exercise) => [
        exercise.id,
        { view: exerciseView(exercise), quietHours: parseProgrammeSettings(exercise.programme.settings).quietHours },
      ]),
    ),
    people: await peopleByIds(tx, personIds),
    states: new Map(
      states.map((row) => [
        row.personId,
        { flow: row.flow, step: row.step, data: row.data as Record<string, unknown> },
      ]),
    ),
    identities: await preferredIdentities(tx, personIds),
  };
}

/** What `personView` gives, for many people in one statement. */
async function peopleByIds(tx: ReleaseTransaction, personIds: string[]): Promise<Map<string, PersonView>> {
  const rows = await tx.$queryRaw<
    (Omit<PersonView, 'timeZone' | 'locale'> & {
      locale: string | null;
      timeZone: string | null;
      hubZone: string | null;
      programmeZone: string | null;
    })[]
  >`
    SELECT p.id, p.locale, p."displayName", p.roles::text[] AS roles, p."hubId", p."timeZone", h."timeZone" AS "hubZone", p."optedOutAt", p."erasedAt",
      (SELECT pr.settings->>'timeZone' FROM "Enrolment" e JOIN "Cohort" c ON c.id = e."cohortId" JOIN "Programme" pr ON pr.id = c."programmeId"
       WHERE e."personId" = p.id ORDER BY e."createdAt" LIMIT 1) AS "programmeZone"
    FROM "Person" p LEFT JOIN "Hub" h ON h.id = p."hubId"
    WHERE p.id = ANY(${personIds}::text[])`;
  return new Map(
    rows.map(({ hubZone, programmeZone, ...row }) => [
      row.id,
      {
        ...row,
        locale: isLanguage(row.locale) ? row.locale : null,
        timeZone: personTimeZone(
          { timeZone: row.timeZone, hub: hubZone ? { timeZone: hubZone } : null },
          programmeZone,
        ),
      },
    ]),
  );
}

/** What `preferredIdentity` gives, for many people in one statement. */
async function preferredIdentities(tx: ReleaseTransaction, personIds: string[]): Promise<Map<string, string>> {
  const rows = await tx.$queryRaw<{ personId: string; id: string }[]>`
    SELECT DISTINCT ON ("personId") "personId", id FROM "ChannelIdentity"
    WHERE "personId" = ANY(${personIds}::text[]) AND "unreachableAt" IS NULL
    ORDER BY "personId", "lastInboundAt" DESC NULLS LAST, "createdAt" DESC`;
  return new Map(rows.map((row) => [row.personId, row.id]));
}
