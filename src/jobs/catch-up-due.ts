import { z } from 'zod';
import { catchUpNotice } from '../conversation/notices/catch-up-notice.ts';
import { EXERCISE, openExercise, openInTurn, resumeExercise } from '../conversation/flows/exercise.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import { personLanguage } from '../domain/person-language.ts';
import { createConversationStore } from '../store/conversation-store.ts';
import { claimCatchUp } from '../store/enrolments/claim-catch-up.ts';
import { listDueCatchUps } from '../store/enrolments/list-due-catch-ups.ts';
import type { NewOutboundMessage } from '../store/outbox/outbox.ts';
import { personView, preferredIdentity } from '../store/people/person-view.ts';
import { defineJob } from './job-definition.ts';

const BATCH = 200;

/**
 * Every minute: each person back from a pause or an offline period during which work fell due gets
 * ONE message summing up what waits for them (the exercises released meanwhile, released now
 * without a message of their own, and those still open from before, with their deadlines in the
 * person's time zone), then the normal flow: the first waiting exercise's introduction and first
 * question, or its current question if it was started. Back from a short pause during which
 * nothing fell due, nothing is said: the flow simply goes on. Claimed
 * by clearing `Enrolment.catchUpDueAt` (releases wait while it is set); dedup keys carry the
 * instant, so running it twice sends nothing twice. Quiet hours apply.
 */
export const catchUpDue = defineJob({
  name: 'catch-up-due',
  payload: z.object({}),
  repeat: { pattern: '* * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, { db, now, queues, translate, defaultLanguage, media }) => {
    let caughtUp = 0;
    for (const due of await listDueCatchUps(db, now(), BATCH)) {
      const outbound = await claimCatchUp(db, due, now(), async (tx, claimed) => {
        const identity = await preferredIdentity(tx, claimed.personId);
        if (!identity) return [];
        const person = await personView(tx, claimed.personId);
        const store = createConversationStore(tx, { mediaDir: media.dir });
        // This cohort's work only: someone in two cohorts gets one catch-up per cohort, each its own.
        const own = (await store.submissions(claimed.personId)).filter((s) => claimed.submissionIds.has(s.id));
        const waiting = openInTurn(own, now());
        // Nothing fell due while they were away (a short pause): the flow simply goes on, unannounced.
        if (claimed.releasedIds.size === 0) return [];
        const first = waiting[0];
        const state = await store.getState(claimed.personId);
        // Then the normal flow, as a release sends it: the first waiting exercise, from its start or
        // from where they were; someone in the middle of another dialogue finishes it first.
        const followsAt = first && (state === null || state.flow === EXERCISE) ? first : null;
        const summary = catchUpNotice(
          waiting.map((s) => ({
            title: s.exercise.title,
            deadlineAt: s.deadlineAt,
            started: s.status === 'in_progress',
          })),
          person,
          claimed.programme,
          { translate, defaultLanguage },
          followsAt !== null,
        );
        const context = {
          person,
          defaultLanguage: personLanguage(person, claimed.programme, defaultLanguage),
          translate,
          store,
          now,
        };
        const flow = !followsAt
          ? []
          : followsAt.status === 'open' && followsAt.currentPosition === 0
            ? await openExercise(followsAt, context)
            : await resumeExercise(followsAt, context);
        const plannedAt = outsideQuietHours(now(), claimed.programme.settings.quietHours, person.timeZone);
        const key = `catch-up-${due.enrolmentId}-${due.catchUpDueAt.toISOString()}`;
        return [
          { purpose: 'catch_up', payload: summary },
          ...flow.map((message) => ({ purpose: 'exercise_release', payload: message.payload })),
        ].map((message, index): NewOutboundMessage => ({
          ...message,
          personId: claimed.personId,
          channelIdentityId: identity,
          dedupKey: `${key}-${index}`,
          plannedAt,
        }));
      });
      if (!outbound) continue;
      caughtUp++;
      await queues.deliverOutbound(outbound, now());
    }
    return { caughtUp };
  },
});
