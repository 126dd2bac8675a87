import { z } from 'zod';
import { mentorDigest, type MenteeProgress } from '../conversation/notices/mentor-digest.ts';
import { FOLLOWED_STATUSES } from '../domain/followed-statuses.ts';
import { currentDigestExercise, digestWeek } from '../domain/mentor-digest.ts';
import { personTimeZone } from '../domain/person-time-zone.ts';
import { summarizeProgress } from '../domain/progress.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import { slippingReasons } from '../domain/slipping.ts';
import { loadCohortFacts, type CohortFacts } from '../store/cohorts/load-cohort-facts.ts';
import { findSentDigests } from '../store/mentoring/find-sent-digests.ts';
import { loadDigestMentees, type DigestMenteeRow } from '../store/mentoring/load-digest-mentees.ts';
import { loadDigestMentors } from '../store/mentoring/load-digest-mentors.ts';
import { addOutboundMessages } from '../store/outbox/outbox.ts';
import { preferredIdentity } from '../store/people/person-view.ts';
import { defineJob, type JobContext } from './job-definition.ts';

/**
 * How long after Monday 08:00 a digest not sent yet still goes (workers down over the morning,
 * a mentor assigned on Monday). Later in the week it waits for next Monday: a digest on Thursday
 * would not be the Monday update mentors expect.
 */
const CATCH_UP_MS = 24 * 60 * 60 * 1000;

/**
 * Every ten minutes: sends each mentor, at Monday 08:00 in their own time zone, one digest of
 * their current mentees' progress. A sweep rather than one repeating job per mentor: mentors live
 * in different time zones and come and go, and a per-mentor scheduler would have to be kept in
 * step with every assignment and time-zone change; a sweep reads the rows as they are, so a
 * restart or a change loses nothing. The outbox key `mentor-digest:<mentor>:<ISO week>` is
 * unique, so several workers, or the same one twice, send one digest a week.
 *
 * Nothing goes to mentors who opted out, were erased or no channel reaches, nor about mentees
 * erased or in a cohort whose schedule is paused; a mentor left with no current mentee gets no
 * digest. Mentees are flagged slipping as the alerts judge it (see slippingDue), selected ones
 * included: mentoring goes on after the selection.
 */
export const mentorDigestsDue = defineJob({
  name: 'mentor-digests-due',
  payload: z.object({}),
  repeat: { pattern: '*/10 * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, context) => {
    const { db, now } = context;
    const assignments = await loadDigestMentors(db);
    const cohorts = new Map<string, CohortFacts>();
    await loadCohortFacts(
      db,
      cohorts,
      assignments.map((a) => a.cohortId),
    );
    const due = new Map<string, { dedupKey: string; timeZone: string }>();
    for (const assignment of assignments) {
      const cohort = cohorts.get(assignment.cohortId);
      if (due.has(assignment.mentorId) || !cohort) continue;
      const timeZone = personTimeZone(assignment.mentor, cohort.settings.timeZone);
      const { week, dueAt } = digestWeek(now(), timeZone);
      const late = now().getTime() - dueAt.getTime();
      if (late < 0 || late >= CATCH_UP_MS) continue;
      due.set(assignment.mentorId, { dedupKey: `mentor-digest:${assignment.mentorId}:${week}`, timeZone });
    }
    const done = await findSentDigests(
      db,
      [...due.values()].map((d) => d.dedupKey),
    );
    let digests = 0;
    for (const [mentorId, { dedupKey, timeZone }] of due) {
      if (done.has(dedupKey)) continue;
      try {
        if (await sendDigest(context, { mentorId, dedupKey, timeZone }, cohorts)) digests++;
      } catch (err) {
        // One mentor whose digest cannot be written must not hold up the others.
        context.logger.error({ err, mentorId }, 'could not send a mentor digest');
      }
    }
    return { digests };
  },
});

/** Writes one mentor's digest to the outbox; false when there is nothing to send or it was already there. */
async function sendDigest(
  context: JobContext,
  digest: { mentorId: string; dedupKey: string; timeZone: string },
  cohorts: Map<string, CohortFacts>,
): Promise<boolean> {
  const { db, now, queues } = context;
  const { mentorId, dedupKey, timeZone } = digest;
  // A mentor no channel reaches gets nothing: check before reading their mentees' work.
  const identity = await preferredIdentity(db, mentorId);
  if (!identity) return false;
  const { mentor, mentees: rows } = await loadDigestMentees(db, mentorId);
  const first = rows[0] && cohorts.get(rows[0].cohortId);
  if (!first) return false;
  const mentees: MenteeProgress[] = [];
  const named: string[] = [];
  for (const row of rows) {
    const cohort = cohorts.get(row.cohortId);
    if (!cohort) continue;
    mentees.push(menteeProgress(row, cohort, now()));
    named.push(row.menteeId);
  }
  if (mentees.length === 0) return false;
  const text = mentorDigest({ mentor, programme: first, mentees }, { ...context, now: now() });
  const outbound = await addOutboundMessages(
    db,
    [
      {
        personId: mentorId,
        channelIdentityId: identity,
        purpose: 'mentor_digest',
        dedupKey,
        plannedAt: outsideQuietHours(now(), first.settings.quietHours, timeZone),
        payload: { kind: 'text', text },
        aboutPersonIds: named,
      },
    ],
    now(),
  );
  if (outbound.length === 0) return false;
  await queues.deliverOutbound(outbound, now());
  return true;
}

/** One mentee's progress in one cohort, as the digest tells it. */
function menteeProgress(mentee: DigestMenteeRow, cohort: CohortFacts, now: Date): MenteeProgress {
  const { submissions } = mentee;
  // Only the counts are used: the title the summary wants is never shown.
  const summary = summarizeProgress(
    submissions.map((s) => ({ ...s, title: s.exerciseKey })),
    now,
  );
  const current = currentDigestExercise(submissions, now);
  // Slipping is judged as the alerts judge it, and only for those the alerts watch.
  const watched = (FOLLOWED_STATUSES as readonly string[]).includes(mentee.status) && mentee.optedOutAt === null;
  const facts = {
    submissions,
    lastMessageAt: mentee.lastMessageAt,
    activeSince: mentee.statusChangedAt,
    cohortResumedAt: cohort.resumedAt,
  };
  return {
    name: mentee.name,
    status: mentee.status,
    released: submissions.length,
    submitted: summary.done,
    missed: summary.missing,
    open: summary.open,
    current: current
      ? {
          title: current.submission.title,
          exerciseKey: current.submission.exerciseKey,
          started: current.submission.status === 'in_progress',
          answered: current.submission.currentPosition,
          questions: current.submission.questions,
          late: current.late,
        }
      : null,
    lastMessageAt: mentee.lastMessageAt,
    slipping: watched && slippingReasons(facts, cohort.settings.slipping, now).length > 0,
  };
}
