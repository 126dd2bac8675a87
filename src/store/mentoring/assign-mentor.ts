import type { MentorIntroductionFacts } from '../../conversation/notices/mentor-introduction.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { outsideQuietHours } from '../../domain/quiet-hours.ts';
import type { Database } from '../database.ts';
import { createActionPlan } from '../action-plans/create-action-plan.ts';
import { NotFoundError } from '../errors.ts';
import type { Prisma } from '../generated/client.ts';
import { addOutboundMessages, type NewOutboundMessage } from '../outbox/outbox.ts';
import { personView, preferredIdentity } from '../people/person-view.ts';

/** A request that cannot be done as asked (a participant given as mentor…); the message says why. */
export class InvalidAssignmentError extends Error {
  override readonly name = 'InvalidAssignmentError';
}

/** The two introductions of a pair, worded in src/conversation/notices/mentor-introduction.ts. */
type Introduce = (facts: MentorIntroductionFacts) => { toMentee: OutboundPayload; toMentor: OutboundPayload };

/**
 * Assigns a mentee to a mentor in the mentee's cohort (`cohortId` when the mentee is a participant
 * of several). Assigning twice changes nothing; an assignment that had ended starts again. With
 * `introduce`, mentor and mentee are each written an introduction to the other, in the same
 * transaction, once per assignment: the returned outbox rows are to be queued after it commits.
 */
export async function assignMentor(
  db: Database,
  request: {
    mentorId: string;
    menteeId: string;
    cohortId?: string;
    actorId?: string;
    now?: Date;
    /** YYYY-MM-DD, chosen by staff: the day the action plan starts (else the assignment, or the programme's start for plans). */
    startsOn?: string | null;
    introduce?: Introduce;
    /** DEFAULT_LOCALE: the language of milestone titles when neither the mentee nor the programme has one. */
    defaultLanguage: Language;
  },
) {
  const [mentor, mentee] = await Promise.all([
    db.person.findUnique({ where: { id: request.mentorId }, include: { enrolments: true } }),
    db.person.findUnique({ where: { id: request.menteeId }, include: { enrolments: true } }),
  ]);
  if (!mentor) throw new NotFoundError(`no person has the id "${request.mentorId}"`);
  if (!mentee) throw new NotFoundError(`no person has the id "${request.menteeId}"`);
  for (const erased of [mentor, mentee].filter((person) => person.erasedAt))
    throw new InvalidAssignmentError(`${erased.id} erased their data: they can no longer be assigned`);
  if (!mentor.roles.includes('mentor'))
    throw new InvalidAssignmentError(`${mentor.displayName ?? mentor.id} is not a mentor`);
  const enrolment = mentee.enrolments.find(
    (e) => e.role === 'participant' && (request.cohortId === undefined || e.cohortId === request.cohortId),
  );
  if (!enrolment) throw new InvalidAssignmentError(`${mentee.displayName ?? mentee.id} is not a participant`);
  const cohort = await db.cohort.findUniqueOrThrow({
    where: { id: enrolment.cohortId },
    select: { programme: { select: { settings: true, name: true, defaultLocale: true } } },
  });
  const settings = parseProgrammeSettings(cohort.programme.settings);
  const cadence = settings.checkIns;
  const now = request.now ?? new Date();
  // The first check-in prompt comes `first_after` the assignment, then every `every` (programme file).
  const nextCheckInAt = cadence ? new Date(now.getTime() + cadence.firstAfterMinutes * 60_000) : null;
  // The assignment, the action plan it starts and the audit entry are kept together or not at all.
  const assignment = await db.$transaction(async (tx) => {
    const row = await tx.mentorAssignment.upsert({
      where: { cohortId_mentorId_menteeId: { cohortId: enrolment.cohortId, mentorId: mentor.id, menteeId: mentee.id } },
      create: { cohortId: enrolment.cohortId, mentorId: mentor.id, menteeId: mentee.id, nextCheckInAt },
      update: { endedAt: null },
    });
    await createActionPlan(tx, {
      enrolmentId: enrolment.id,
      assignedAt: now,
      startsOn: request.startsOn ?? null,
      defaultLanguage: request.defaultLanguage,
    });
    await tx.auditLog.create({
      data: {
        actorId: request.actorId ?? null,
        action: 'mentor.assign',
        entity: 'MentorAssignment',
        entityId: row.id,
        details: { mentorId: mentor.id, menteeId: mentee.id, ...(request.startsOn && { startsOn: request.startsOn }) },
      },
    });
    const introduce = request.introduce;
    const outbox = introduce
      ? await addOutboundMessages(
          tx,
          await introductions(
            tx,
            { assignmentId: row.id, mentorId: mentor.id, menteeId: mentee.id, now, settings },
            (facts) =>
              introduce({
                ...facts,
                programme: {
                  name: cohort.programme.name as LocalizedText,
                  defaultLocale: cohort.programme.defaultLocale,
                },
              }),
          ),
          now,
        )
      : [];
    return { row, outbox };
  });
  return {
    assignment: assignment.row,
    outbox: assignment.outbox,
    mentorName: mentor.displayName,
    menteeName: mentee.displayName,
  };
}

/**
 * The introduction each side of the pair can be written (not erased, not opted out, with a channel
 * that reaches them), out of their quiet hours. Keyed on the assignment: assigning the same pair
 * again, or again after it ended, writes nothing twice.
 */
async function introductions(
  tx: Prisma.TransactionClient,
  pair: { assignmentId: string; mentorId: string; menteeId: string; now: Date; settings: ProgrammeSettings },
  word: (facts: Omit<MentorIntroductionFacts, 'programme'>) => { toMentee: OutboundPayload; toMentor: OutboundPayload },
): Promise<NewOutboundMessage[]> {
  const member = async (personId: string) => {
    const person = await tx.person.findUniqueOrThrow({
      where: { id: personId },
      select: { displayName: true, locale: true, optedOutAt: true, erasedAt: true, hub: { select: { name: true } } },
    });
    const reachable = !person.optedOutAt && !person.erasedAt;
    return {
      facts: {
        id: personId,
        locale: person.locale,
        displayName: person.displayName,
        hubName: (person.hub?.name as LocalizedText | undefined) ?? null,
      },
      identityId: reachable ? await preferredIdentity(tx, personId) : null,
      timeZone: (await personView(tx, personId)).timeZone,
    };
  };
  const [mentor, mentee] = [await member(pair.mentorId), await member(pair.menteeId)];
  const { toMentee, toMentor } = word({ mentor: mentor.facts, mentee: mentee.facts });
  const messages: NewOutboundMessage[] = [];
  for (const [to, about, payload] of [
    [mentee, mentor, toMentee],
    [mentor, mentee, toMentor],
  ] as const) {
    if (!to.identityId) continue;
    messages.push({
      personId: to.facts.id,
      channelIdentityId: to.identityId,
      purpose: 'mentor_introduction',
      dedupKey: `mentor-introduction-${pair.assignmentId}-${to.facts.id}`,
      plannedAt: outsideQuietHours(pair.now, pair.settings.quietHours, to.timeZone),
      payload,
      aboutPersonIds: [about.facts.id],
    });
  }
  return messages;
}
