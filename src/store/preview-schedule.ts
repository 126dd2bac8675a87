import { DateTime } from 'luxon';
import { nextReminder, planSubmission } from '../domain/plan-submission.ts';
import type { LocalizedText } from '../domain/programme/language.ts';
import type { ProgrammeSettings } from '../domain/programme/programme-definition.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import type { Database } from './database.ts';
import { NotFoundError } from './errors.ts';
import { personView } from './person-view.ts';
import { FOLLOWED_STATUSES } from '../domain/followed-statuses.ts';

export interface ScheduledItem {
  at: Date;
  timeZone: string;
  who: string;
  what: string;
}

/**
 * What the scheduler will send to a cohort in the coming days, and when (in UTC and in each
 * person's local time), without sending or writing anything: planned releases (including those
 * not planned yet), reminders, scheduled broadcasts.
 */
export async function previewSchedule(db: Database, cohortRef: string, from: Date, days: number): Promise<{ cohort: string; paused: boolean; items: ScheduledItem[] }> {
  const cohort = await db.cohort.findFirst({ where: { OR: [{ id: cohortRef }, { key: cohortRef }] }, include: { programme: true } });
  if (!cohort) throw new NotFoundError(`no cohort has the id or key "${cohortRef}"`);
  const until = new Date(from.getTime() + days * 24 * 3600_000);
  const settings = cohort.programme.settings as unknown as ProgrammeSettings;
  const inWindow = (at: Date) => at >= from && at < until;
  const exercises = await db.exercise.findMany({ where: { programmeId: cohort.programmeId }, include: { phase: true } });
  const enrolments = await db.enrolment.findMany({
    where: { cohortId: cohort.id, role: 'participant', status: { in: [...FOLLOWED_STATUSES] }, person: { optedOutAt: null, erasedAt: null } },
    include: { person: { select: { displayName: true } }, submissions: true },
  });
  const items: ScheduledItem[] = [];
  for (const enrolment of enrolments) {
    const person = await personView(db, enrolment.personId);
    const who = enrolment.person.displayName ?? enrolment.personId;
    for (const exercise of exercises) {
      const title = (exercise.title as LocalizedText)[person.locale ?? 'fr'] ?? exercise.key;
      const existing = enrolment.submissions.find((s) => s.exerciseId === exercise.id);
      if (existing && !['planned', 'open', 'in_progress'].includes(existing.status)) continue;
      const plan = existing ?? planSubmission(
        { phaseStartsOn: exercise.phase.startsOn.toISOString().slice(0, 10), releaseRule: exercise.releaseRule, deadlineRule: exercise.deadlineRule, reminderOffsets: exercise.reminderOffsets },
        person.timeZone,
      );
      if ((!existing || existing.status === 'planned') && inWindow(plan.releaseAt)) {
        items.push({ at: outsideQuietHours(plan.releaseAt, settings.quietHours, person.timeZone), timeZone: person.timeZone, who, what: `release ${exercise.key} (${title})` });
      }
      let reminder = nextReminder(plan.deadlineAt, exercise.reminderOffsets, new Date(Math.max(from.getTime() - 1, plan.releaseAt.getTime())));
      while (reminder && reminder < until) {
        items.push({ at: outsideQuietHours(reminder, settings.quietHours, person.timeZone), timeZone: person.timeZone, who, what: `reminder ${exercise.key} (due ${plan.deadlineAt.toISOString()})` });
        reminder = nextReminder(plan.deadlineAt, exercise.reminderOffsets, reminder);
      }
    }
  }
  const broadcasts = await db.broadcast.findMany({ where: { programmeId: cohort.programmeId, status: 'scheduled', scheduledAt: { gte: from, lt: until } } });
  for (const broadcast of broadcasts) {
    items.push({ at: broadcast.scheduledAt!, timeZone: settings.timeZone, who: 'segment (evaluated when sent)', what: `broadcast ${broadcast.id}` });
  }
  items.sort((a, b) => a.at.getTime() - b.at.getTime() || a.who.localeCompare(b.who));
  return { cohort: cohort.key, paused: cohort.pausedAt !== null, items };
}

/** One line of the preview: UTC instant, local time with its zone, who, what. */
export function formatScheduledItem(item: ScheduledItem): string {
  const local = DateTime.fromJSDate(item.at, { zone: item.timeZone }).toFormat('yyyy-LL-dd HH:mm');
  return `${item.at.toISOString().slice(0, 16).replace('T', ' ')} UTC  ${local} ${item.timeZone.padEnd(20)}  ${item.who}: ${item.what}`;
}

/** Pauses or resumes a cohort's schedule (releases and reminders wait while paused). */
export async function setCohortPaused(db: Database, cohortRef: string, paused: boolean, at: Date): Promise<string> {
  const cohort = await db.cohort.findFirst({ where: { OR: [{ id: cohortRef }, { key: cohortRef }] } });
  if (!cohort) throw new NotFoundError(`no cohort has the id or key "${cohortRef}"`);
  await db.cohort.update({ where: { id: cohort.id }, data: { pausedAt: paused ? at : null } });
  await db.auditLog.create({ data: { action: paused ? 'cohort.pause' : 'cohort.resume', entity: 'Cohort', entityId: cohort.id } });
  return cohort.key;
}
