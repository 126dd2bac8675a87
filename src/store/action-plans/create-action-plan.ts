import { milestoneDueOn, milestoneTimes, nextMilestoneMessage, planStartsAt } from '../../domain/milestone-schedule.ts';
import { personLanguage } from '../../domain/person-language.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Prisma } from '../generated/client.ts';
import { personView } from '../people/person-view.ts';

/**
 * Gives a participant their action plan when a mentor is assigned: one milestone per milestone of
 * the programme file, dated in the participant's local time from the day staff chose, else from the
 * assignment or the programme's start for plans when that is later (`planStartsAt`), titled in their
 * language, with its first reminder planned. A participant who already has a plan keeps it, so
 * assigning again (or a second mentor) creates nothing. Returns the plan's id, or null when the
 * programme has no milestones. Runs in the caller's transaction, so the plan comes with the
 * assignment or not at all.
 */
export async function createActionPlan(
  tx: Prisma.TransactionClient,
  request: {
    enrolmentId: string;
    assignedAt: Date;
    /** YYYY-MM-DD, in the participant's zone: the day staff chose for the plan to start. */
    startsOn?: string | null;
    defaultLanguage: Language;
  },
): Promise<string | null> {
  const enrolment = await tx.enrolment.findUniqueOrThrow({
    where: { id: request.enrolmentId },
    select: {
      personId: true,
      actionPlan: { select: { id: true } },
      cohort: { select: { programme: { select: { settings: true, defaultLocale: true } } } },
    },
  });
  if (enrolment.actionPlan) return enrolment.actionPlan.id;
  const settings = parseProgrammeSettings(enrolment.cohort.programme.settings);
  const plan = settings.actionPlan;
  if (plan.milestones.length === 0) return null;
  // Two assignments at once: the unique enrolment id makes the second insert wait for the first and add nothing.
  const { count } = await tx.actionPlan.createMany({
    data: [{ enrolmentId: request.enrolmentId }],
    skipDuplicates: true,
  });
  const { id } = await tx.actionPlan.findUniqueOrThrow({
    where: { enrolmentId: request.enrolmentId },
    select: { id: true },
  });
  if (count === 0) return id;
  const person = await personView(tx, enrolment.personId);
  const language = personLanguage(person, enrolment.cohort.programme, request.defaultLanguage);
  const startsAt = planStartsAt(request.assignedAt, person.timeZone, {
    chosen: request.startsOn,
    programme: plan.startsOn,
  });
  await tx.milestone.createMany({
    data: plan.milestones.map((milestone, index) => {
      const dueOn = milestoneDueOn(startsAt, person.timeZone, milestone.afterMinutes);
      const times = milestoneTimes(dueOn, person.timeZone, plan, settings.quietHours);
      return {
        actionPlanId: id,
        position: index + 1,
        title: pickTitle(milestone.title, language, enrolment.cohort.programme.defaultLocale),
        dueOn: new Date(`${dueOn}T00:00:00Z`),
        nextReminderAt: nextMilestoneMessage(times, request.assignedAt),
      };
    }),
  });
  return id;
}

function pickTitle(title: LocalizedText, language: string, defaultLanguage: string): string {
  const titles = title as Record<string, string | undefined>;
  return titles[language] ?? titles[defaultLanguage] ?? Object.values(titles)[0] ?? '';
}
