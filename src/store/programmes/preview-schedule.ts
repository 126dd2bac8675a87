import { nextReminder, planSubmission } from '../../domain/plan-submission.ts';
import { personLanguage } from '../../domain/person-language.ts';
import { personTimeZone } from '../../domain/person-time-zone.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { outsideQuietHours } from '../../domain/quiet-hours.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import { FOLLOWED_STATUSES } from '../../domain/followed-statuses.ts';
import { previewSessionMessages, type SessionMessage } from '../sessions/preview-session-messages.ts';
import { listOfflinePeriods } from '../offline-periods/list-offline-periods.ts';
import type { OfflinePeriodView } from '../offline-periods/offline-period-types.ts';

/** What a scheduled item sends; the dashboard and the command line each say it in their words. */
type ScheduledWhat =
  | { kind: 'release'; exerciseKey: string; title: string; titles: LocalizedText }
  | { kind: 'reminder'; exerciseKey: string; title: string; titles: LocalizedText; dueAt: Date }
  | { kind: 'broadcast'; broadcastId: string; texts: LocalizedText }
  | SessionMessage;

export interface ScheduledItem {
  at: Date;
  timeZone: string;
  /**
   * The person's name (or id); null for a broadcast or a session's message, whose audience is
   * evaluated when it is sent.
   */
  who: string | null;
  /** The person's hub (or a session venue's), by its name; null for someone on no hub, a broadcast, an online venue. */
  hub: LocalizedText | null;
  what: ScheduledWhat;
  /**
   * Set when the person is offline then (an offline period of theirs, their hub's or the
   * cohort's, not yet started): a release waits for the period's end (null: until resumed), a
   * reminder is dropped.
   */
  offlineUntil?: Date | null;
}

/**
 * What the scheduler will send to a cohort in the coming days, and when (in UTC and in each
 * person's local time), without sending or writing anything: planned releases (including those
 * not planned yet), reminders, scheduled broadcasts, session announcements and reminders (venue by
 * venue, at the venue's local time). Exercise titles are in each person's
 * language, `defaultLanguage` (DEFAULT_LOCALE) being the last resort.
 */
export async function previewSchedule(
  db: Database,
  cohortRef: string,
  from: Date,
  days: number,
  defaultLanguage: Language,
): Promise<{
  cohort: string;
  cohortName: LocalizedText;
  paused: boolean;
  /** Since when the schedule is paused (null: it runs). */
  pausedAt: Date | null;
  /** The cohort's offline periods running or to come; those running hold their people out of `items`. */
  offlinePeriods: OfflinePeriodView[];
  items: ScheduledItem[];
}> {
  const cohort = await db.cohort.findFirst({
    where: { OR: [{ id: cohortRef }, { key: cohortRef }] },
    include: { programme: true },
  });
  if (!cohort) throw new NotFoundError(`no cohort has the id or key "${cohortRef}"`);
  const until = new Date(from.getTime() + days * 24 * 3600_000);
  const settings = parseProgrammeSettings(cohort.programme.settings);
  const inWindow = (at: Date) => at >= from && at < until;
  const exercises = await db.exercise.findMany({
    where: { programmeId: cohort.programmeId },
    include: { phase: true },
  });
  const enrolments = await db.enrolment.findMany({
    where: {
      cohortId: cohort.id,
      role: 'participant',
      // Someone paused until a date (PAUSE N, an offline period running) comes back: what falls
      // after it is theirs, and what falls before it is shown held.
      OR: [{ status: { in: [...FOLLOWED_STATUSES] } }, { status: 'paused', pausedUntil: { not: null } }],
      person: { optedOutAt: null, erasedAt: null },
    },
    include: {
      person: {
        select: {
          displayName: true,
          locale: true,
          timeZone: true,
          hubId: true,
          hub: { select: { timeZone: true, name: true } },
          // The zone of last resort is their first programme's, as everywhere else (personView).
          enrolments: {
            take: 1,
            orderBy: { createdAt: 'asc' },
            select: { cohort: { select: { programme: { select: { id: true, settings: true } } } } },
          },
        },
      },
      submissions: true,
    },
  });
  // Most people's first programme is this one: each programme's settings are read once.
  const zones = new Map<string, string>([[cohort.programmeId, settings.timeZone]]);
  const zoneOf = (programme: { id: string; settings: unknown }) => {
    let zone = zones.get(programme.id);
    if (zone === undefined) zones.set(programme.id, (zone = parseProgrammeSettings(programme.settings).timeZone));
    return zone;
  };
  const periods = await listOfflinePeriods(db, { cohortIds: [cohort.id], now: from });
  const offlinePeriods = [...periods.current, ...periods.upcoming];
  // People of a running period are paused (their pausedUntil says until when); one to come holds what falls in it.
  const offlineAt = (personId: string, hubId: string | null, at: Date): { until: Date | null } | null => {
    const period = periods.upcoming.find(
      (p) =>
        (p.scope === 'cohort' ||
          (p.scope === 'hub' && p.hubId === hubId) ||
          (p.scope === 'person' && p.personId === personId)) &&
        p.startsAt <= at &&
        (p.endsAt === null || at < p.endsAt),
    );
    return period ? { until: period.endsAt } : null;
  };
  const items: ScheduledItem[] = [];
  for (const enrolment of enrolments) {
    const { person } = enrolment;
    const pausedUntil = enrolment.status === 'paused' ? enrolment.pausedUntil : null;
    const offline = (at: Date) => {
      const held =
        pausedUntil && at < pausedUntil ? { until: pausedUntil } : offlineAt(enrolment.personId, person.hubId, at);
      return held ? { offlineUntil: held.until } : {};
    };
    const firstProgramme = person.enrolments[0]?.cohort.programme;
    const timeZone = personTimeZone(person, firstProgramme && zoneOf(firstProgramme));
    const locale = personLanguage(person, cohort.programme, defaultLanguage);
    const who = person.displayName ?? enrolment.personId;
    const hub = (person.hub?.name as LocalizedText | undefined) ?? null;
    for (const exercise of exercises) {
      // `title` is in the person's language (the command line's lines are per person); `titles`
      // lets the dashboard name the exercise in its reader's language.
      const titles = exercise.title as LocalizedText;
      const title = titles[locale] ?? exercise.key;
      const existing = enrolment.submissions.find((s) => s.exerciseId === exercise.id);
      if (existing && !['planned', 'open', 'in_progress'].includes(existing.status)) continue;
      const plan =
        existing ??
        planSubmission(
          {
            phaseStartsOn: exercise.phase.startsOn.toISOString().slice(0, 10),
            releaseRule: exercise.releaseRule,
            deadlineRule: exercise.deadlineRule,
            reminderOffsets: exercise.reminderOffsets,
          },
          timeZone,
        );
      if ((!existing || existing.status === 'planned') && inWindow(plan.releaseAt)) {
        items.push({
          at: outsideQuietHours(plan.releaseAt, settings.quietHours, timeZone),
          timeZone,
          who,
          hub,
          what: { kind: 'release', exerciseKey: exercise.key, title, titles },
          ...offline(plan.releaseAt),
        });
      }
      let reminder = nextReminder(
        plan.deadlineAt,
        exercise.reminderOffsets,
        new Date(Math.max(from.getTime() - 1, plan.releaseAt.getTime())),
      );
      while (reminder && reminder < until) {
        items.push({
          at: outsideQuietHours(reminder, settings.quietHours, timeZone),
          timeZone,
          who,
          hub,
          what: { kind: 'reminder', exerciseKey: exercise.key, title, titles, dueAt: plan.deadlineAt },
          ...offline(reminder),
        });
        reminder = nextReminder(plan.deadlineAt, exercise.reminderOffsets, reminder);
      }
    }
  }
  const broadcasts = await db.broadcast.findMany({
    where: { programmeId: cohort.programmeId, status: 'scheduled', scheduledAt: { gte: from, lt: until } },
  });
  for (const broadcast of broadcasts) {
    items.push({
      at: broadcast.scheduledAt!,
      timeZone: settings.timeZone,
      who: null,
      hub: null,
      what: { kind: 'broadcast', broadcastId: broadcast.id, texts: broadcast.texts as LocalizedText },
    });
  }
  const sessionMessages = await previewSessionMessages(
    db,
    cohort,
    { from, until, quietHours: settings.quietHours },
    cohort.programme.defaultLocale,
  );
  for (const item of sessionMessages) items.push({ ...item, who: null });
  items.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.who ?? '').localeCompare(b.who ?? ''));
  return {
    cohort: cohort.key,
    cohortName: cohort.name as LocalizedText,
    paused: cohort.pausedAt !== null,
    pausedAt: cohort.pausedAt,
    offlinePeriods,
    items,
  };
}
