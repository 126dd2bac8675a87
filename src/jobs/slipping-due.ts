import { z } from 'zod';
import { isLanguage, type Language, type LocalizedText } from '../domain/programme/language.ts';
import type { ProgrammeSettings } from '../domain/programme/programme-definition.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import { slippingReasons, type SlippingReason } from '../domain/slipping.ts';
import { exerciseClosesAt } from '../domain/submission-timing.ts';
import type { Translate } from '../i18n.ts';
import type { Database } from '../store/database.ts';
import type { EnrolmentStatus } from '../store/generated/enums.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../store/outbox/outbox.ts';
import { defineJob, type JobContext } from './job-definition.ts';

const BATCH = 500;
const MINUTES_PER_DAY = 24 * 60;

/**
 * Who is watched: active participants, and selected ones, who go on with the programme through
 * the mentoring phase. Paused and stopped ones asked for quiet; those not selected are done.
 */
export const WATCHED_STATUSES: EnrolmentStatus[] = ['active', 'selected'];

/** What the sweeps need of a cohort, loaded once per cohort and run. */
export interface CohortFacts {
  name: LocalizedText;
  settings: ProgrammeSettings;
  defaultLocale: string;
  /** When staff last resumed its paused schedule (the audit log is the only record of it). */
  resumedAt: Date | null;
}

/**
 * Every ten minutes: tells a participant's mentors and the cohort's staff when the participant
 * starts slipping (the programme's `slipping` rules), once per episode. A sweep over enrolments
 * rather than a job per participant, because slipping is a state read from rows (deadlines that
 * pass, messages that stop), not an event: each run decides afresh, so a restart loses nothing.
 *
 * The alert is claimed by setting `Enrolment.slippingAlertedAt` with a conditional update in the
 * transaction that writes the messages, so several workers alert once; it is cleared when the
 * participant is no longer slipping, so a later relapse alerts again.
 *
 * Watched: active and selected participants (see WATCHED_STATUSES). Selection resets
 * `statusChangedAt`, so the mentoring phase starts with a clean slate. Nobody is watched in a
 * cohort whose schedule is paused, and silence is counted again from its resume.
 */
export const slippingDue = defineJob({
  name: 'slipping-due',
  payload: z.object({}),
  repeat: { pattern: '*/10 * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, context) => {
    const { db, now } = context;
    const cohorts = new Map<string, CohortFacts>();
    let alerted = 0;
    let cleared = 0;
    let cursor = '';
    for (;;) {
      // Keyset pagination: a row that disappears between two pages cannot end the sweep early.
      const enrolments = await db.enrolment.findMany({
        where: {
          id: { gt: cursor },
          role: 'participant',
          status: { in: WATCHED_STATUSES },
          cohort: { pausedAt: null },
          person: { optedOutAt: null, erasedAt: null },
        },
        orderBy: { id: 'asc' },
        take: BATCH,
        select: {
          id: true,
          personId: true,
          cohortId: true,
          slippingAlertedAt: true,
          statusChangedAt: true,
          person: { select: { displayName: true, identities: { select: { lastInboundAt: true } } } },
          submissions: {
            where: { status: { not: 'planned' } },
            select: {
              status: true,
              deadlineAt: true,
              releasedAt: true,
              exercise: { select: { graceMinutes: true, closesAfterMinutes: true } },
            },
          },
        },
      });
      await loadCohorts(
        db,
        cohorts,
        enrolments.map((e) => e.cohortId),
      );
      for (const enrolment of enrolments) {
        const cohort = cohorts.get(enrolment.cohortId);
        if (!cohort) continue; // deleted since the page was read
        const reasons = slippingReasons(
          {
            submissions: enrolment.submissions.map((s) => ({
              status: s.status,
              deadlineAt: s.deadlineAt,
              closesAt: exerciseClosesAt(s.deadlineAt, s.exercise.graceMinutes, s.exercise.closesAfterMinutes),
              releasedAt: s.releasedAt,
            })),
            lastMessageAt: latest(enrolment.person.identities.map((i) => i.lastInboundAt)),
            activeSince: enrolment.statusChangedAt,
            cohortResumedAt: cohort.resumedAt,
          },
          cohort.settings.slipping,
          now(),
        );
        try {
          if (reasons.length > 0 && !enrolment.slippingAlertedAt) {
            if (await alertSlipping(context, { ...enrolment, name: enrolment.person.displayName }, cohort, reasons))
              alerted++;
          } else if (reasons.length === 0 && enrolment.slippingAlertedAt) {
            const { count } = await db.enrolment.updateMany({
              where: { id: enrolment.id, slippingAlertedAt: enrolment.slippingAlertedAt },
              data: { slippingAlertedAt: null },
            });
            cleared += count;
          }
        } catch (err) {
          // One participant who cannot be handled (a person deleted meanwhile…) must not hold up the others.
          context.logger.error({ err, enrolmentId: enrolment.id }, 'could not handle a slipping participant');
        }
      }
      if (enrolments.length < BATCH) break;
      cursor = enrolments.at(-1)!.id;
    }
    return { alerted, cleared };
  },
});

/** Adds to `cohorts` those of `cohortIds` not loaded yet, in two queries. */
export async function loadCohorts(db: Database, cohorts: Map<string, CohortFacts>, cohortIds: string[]): Promise<void> {
  const missing = [...new Set(cohortIds)].filter((id) => !cohorts.has(id));
  if (missing.length === 0) return;
  const [rows, resumes] = await Promise.all([
    db.cohort.findMany({
      where: { id: { in: missing } },
      select: { id: true, name: true, programme: { select: { settings: true, defaultLocale: true } } },
    }),
    db.auditLog.groupBy({
      by: ['entityId'],
      where: { entity: 'Cohort', action: 'cohort.resume', entityId: { in: missing } },
      _max: { createdAt: true },
    }),
  ]);
  const resumedAt = new Map(resumes.map((r) => [r.entityId, r._max.createdAt]));
  for (const row of rows) {
    cohorts.set(row.id, {
      name: row.name as LocalizedText,
      settings: row.programme.settings as unknown as ProgrammeSettings,
      defaultLocale: row.programme.defaultLocale,
      resumedAt: resumedAt.get(row.id) ?? null,
    });
  }
}

/** Claims the episode and writes the alerts; false when another worker claimed it first. */
async function alertSlipping(
  context: JobContext,
  enrolment: { id: string; personId: string; cohortId: string; name: string | null },
  cohort: CohortFacts,
  reasons: SlippingReason[],
): Promise<boolean> {
  const { db, now, queues } = context;
  const reachable = { optedOutAt: null, erasedAt: null };
  // Read before the claim, in one query: the claim below is what makes the alert once.
  const recipients = await db.person.findMany({
    where: {
      ...reachable,
      id: { not: enrolment.personId },
      OR: [
        { mentoring: { some: { menteeId: enrolment.personId, cohortId: enrolment.cohortId, endedAt: null } } },
        { enrolments: { some: { cohortId: enrolment.cohortId, role: 'staff', status: { not: 'stopped' } } } },
      ],
    },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      locale: true,
      timeZone: true,
      hub: { select: { timeZone: true } },
      // The channel they last wrote from, among those that still reach them (as preferredIdentity).
      identities: {
        where: { unreachableAt: null },
        orderBy: [{ lastInboundAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
        take: 1,
        select: { id: true },
      },
      mentoring: {
        where: { menteeId: enrolment.personId, cohortId: enrolment.cohortId, endedAt: null },
        take: 1,
        select: { id: true },
      },
    },
  });
  // Mentors first, then staff; someone both mentor and staff gets the mentor's message, once.
  recipients.sort((a, b) => Number(b.mentoring.length > 0) - Number(a.mentoring.length > 0));
  const outbound = await db.$transaction(async (tx): Promise<OutboxRow[] | null> => {
    const alertedAt = now();
    const claimed = await tx.enrolment.updateMany({
      where: { id: enrolment.id, slippingAlertedAt: null },
      data: { slippingAlertedAt: alertedAt },
    });
    if (claimed.count === 0) return null;
    const messages: NewOutboundMessage[] = [];
    for (const recipient of recipients) {
      const identity = recipient.identities[0];
      if (!identity) continue;
      const language = languageOf(recipient.locale, cohort.defaultLocale, context.defaultLanguage);
      const text = context.translate(
        language,
        recipient.mentoring.length > 0 ? 'digest:alert_mentor' : 'digest:alert_staff',
        {
          name: enrolment.name ?? context.translate(language, 'digest:no_name'),
          cohort: cohort.name[language] ?? Object.values(cohort.name)[0] ?? '',
          reasons: reasons.map((reason) => slippingReasonText(reason, language, context.translate)).join('\n'),
        },
      );
      messages.push({
        personId: recipient.id,
        channelIdentityId: identity.id,
        purpose: 'slipping_alert',
        dedupKey: `slipping-alert:${enrolment.id}:${alertedAt.toISOString()}:${recipient.id}`,
        plannedAt: outsideQuietHours(
          now(),
          cohort.settings.quietHours,
          recipient.timeZone ?? recipient.hub?.timeZone ?? cohort.settings.timeZone,
        ),
        payload: { kind: 'text', text },
        aboutPersonIds: [enrolment.personId],
      });
    }
    return addOutboundMessages(tx, messages, now());
  });
  if (outbound === null) return false;
  await queues.deliverOutbound(outbound, now());
  return true;
}

/** One reason, as a line of the alert, in the recipient's language. */
export function slippingReasonText(reason: SlippingReason, language: Language, translate: Translate): string {
  if (reason.rule === 'missed_in_a_row') {
    return translate(language, 'digest:reason_missed_in_a_row', { count: reason.missed, threshold: reason.threshold });
  }
  return translate(language, 'digest:reason_silent', {
    count: Math.floor(reason.silentForMinutes / MINUTES_PER_DAY),
    threshold: translate(language, 'digest:days', { count: reason.threshold / MINUTES_PER_DAY }),
  });
}

function languageOf(locale: string | null, programmeLocale: string, fallback: Language): Language {
  if (isLanguage(locale)) return locale;
  return isLanguage(programmeLocale) ? programmeLocale : fallback;
}

function latest(instants: (Date | null)[]): Date | null {
  return instants.reduce<Date | null>((last, instant) => (instant && (!last || instant > last) ? instant : last), null);
}
