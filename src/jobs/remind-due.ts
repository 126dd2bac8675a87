import { z } from 'zod';
import { formatLocalDateTime } from '../domain/format-local-date-time.ts';
import { nextReminder } from '../domain/plan-submission.ts';
import { isLanguage, type LocalizedText } from '../domain/programme/language.ts';
import type { ProgrammeSettings } from '../domain/programme/programme-definition.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import { addOutboundMessages } from '../store/outbox/outbox.ts';
import { personView, preferredIdentity } from '../store/people/person-view.ts';
import { defineJob } from './job-definition.ts';
import { FOLLOWED_STATUSES } from '../domain/followed-statuses.ts';

const BATCH = 500;

/**
 * Every minute: reminds those who have not handed in an exercise, at the programme's offsets
 * before the deadline; someone who started and stopped halfway gets a nudge instead. Each
 * reminder is claimed by moving `nextReminderAt` on with a conditional update, so it is sent once.
 * Nobody paused, stopped, done, or in a paused cohort is reminded.
 */
export const remindDue = defineJob({
  name: 'remind-due',
  payload: z.object({}),
  repeat: { pattern: '* * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, { db, now, queues, translate, defaultLanguage }) => {
    const due = await db.submission.findMany({
      where: {
        status: { in: ['open', 'in_progress'] },
        nextReminderAt: { lte: now() },
        enrolment: {
          status: { in: [...FOLLOWED_STATUSES] },
          cohort: { pausedAt: null },
          person: { optedOutAt: null, erasedAt: null },
        },
      },
      take: BATCH,
      include: {
        enrolment: { select: { personId: true } },
        exercise: {
          select: {
            title: true,
            reminderOffsets: true,
            programme: { select: { settings: true } },
            _count: { select: { questions: true } },
          },
        },
      },
    });
    let reminded = 0;
    for (const submission of due) {
      const outbound = await db.$transaction(async (tx) => {
        const following = nextReminder(submission.deadlineAt, submission.exercise.reminderOffsets, now());
        const { count } = await tx.submission.updateMany({
          where: {
            id: submission.id,
            nextReminderAt: submission.nextReminderAt,
            status: { in: ['open', 'in_progress'] },
          },
          data: { nextReminderAt: following },
        });
        if (count === 0) return [];
        const personId = submission.enrolment.personId;
        const person = await personView(tx, personId);
        const language = person.locale ?? defaultLanguage;
        const title = submission.exercise.title as LocalizedText;
        const values = {
          title: title[language] ?? Object.values(title)[0],
          deadline: formatLocalDateTime(
            submission.deadlineAt,
            person.timeZone,
            isLanguage(language) ? language : defaultLanguage,
          ),
          left: submission.exercise._count.questions - submission.currentPosition,
        };
        const text = translate(
          language,
          submission.status === 'in_progress' ? 'exercise:nudge' : 'exercise:reminder',
          values,
        );
        const identity = await preferredIdentity(tx, personId);
        if (!identity) return [];
        const settings = submission.exercise.programme.settings as unknown as ProgrammeSettings;
        return addOutboundMessages(
          tx,
          [
            {
              personId,
              channelIdentityId: identity,
              purpose: 'reminder',
              dedupKey: `reminder-${submission.id}-${submission.nextReminderAt!.toISOString()}`,
              plannedAt: outsideQuietHours(now(), settings.quietHours, person.timeZone),
              payload: { kind: 'text', text },
            },
          ],
          now(),
        );
      });
      if (outbound.length === 0) continue;
      reminded++;
      await queues.deliverOutbound(outbound, now());
    }
    return { reminded };
  },
});
