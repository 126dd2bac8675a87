import type { ProgrammeSettings } from './programme/programme-definition.ts';

const MINUTE_MS = 60_000;

/** One of a participant's submissions, as the slipping rules read it. */
export interface SlippingSubmission {
  status: 'planned' | 'open' | 'in_progress' | 'submitted' | 'missed';
  deadlineAt: Date;
  /** The last instant answers are taken (see exerciseClosesAt). */
  closesAt: Date;
  /** When it actually reached the participant; null while it has not. */
  releasedAt: Date | null;
}

/** What is known of a watched participant (active or selected) when deciding whether they are slipping. */
export interface SlippingFacts {
  submissions: readonly SlippingSubmission[];
  /** Their last message on any channel; null when they never wrote. */
  lastMessageAt: Date | null;
  /** When their status last changed: joined, came back from a pause, or was selected. */
  activeSince: Date;
  /** When staff last resumed the cohort's paused schedule; null when it never was paused. */
  cohortResumedAt: Date | null;
}

/** Why a participant counts as slipping, with the numbers to tell their mentor and staff. */
export type SlippingReason =
  | { rule: 'missed_in_a_row'; missed: number; threshold: number }
  | { rule: 'silent'; silentForMinutes: number; threshold: number };

/**
 * Why a participant is slipping under the programme's `slipping` rules; empty when they are not.
 *
 * Missed in a row: the exercises whose deadline passed, latest first, are missed (status `missed`,
 * or closed without a submission) at least `missedInARow` times before one that was submitted.
 * One past its deadline but still taken late is neither: it is skipped, so that the week it
 * spends in its late window does not look like a recovery (which would alert again once it closes).
 *
 * Silent: no message for `silentForMinutes`, counted from the latest of their last message, when
 * they became active, the first exercise that reached them and the cohort's last resume. Before
 * any exercise has reached them the programme has asked nothing of them, so nobody is silent
 * (joining weeks before the start is not silence); nor is anyone silent for the time their
 * cohort's schedule was paused.
 *
 * Both count only from `activeSince`: what was missed before a pause was already reported then,
 * and someone coming back, or selected, deserves a fresh start.
 *
 * The one rule: the alerts (slipping-due.ts), the mentor digests and the cohort page's "who is
 * slipping" (cohort-overview.ts) all ask it, over the same watched participants.
 */
export function slippingReasons(
  facts: SlippingFacts,
  rules: ProgrammeSettings['slipping'],
  now: Date,
): SlippingReason[] {
  const reasons: SlippingReason[] = [];
  const missed = missedInARow(facts, now);
  if (rules.missedInARow > 0 && missed >= rules.missedInARow) {
    reasons.push({ rule: 'missed_in_a_row', missed, threshold: rules.missedInARow });
  }
  const since = silenceStart(facts, now);
  const silentForMinutes = since === null ? 0 : Math.floor((now.getTime() - since) / MINUTE_MS);
  if (rules.silentForMinutes > 0 && silentForMinutes >= rules.silentForMinutes) {
    reasons.push({ rule: 'silent', silentForMinutes, threshold: rules.silentForMinutes });
  }
  return reasons;
}

/** The instant silence is counted from; null while no exercise has reached them yet. */
function silenceStart(facts: SlippingFacts, now: Date): number | null {
  const releases = facts.submissions.flatMap((s) =>
    s.releasedAt && s.releasedAt <= now ? [s.releasedAt.getTime()] : [],
  );
  if (releases.length === 0) return null;
  return Math.max(
    Math.min(...releases),
    facts.lastMessageAt?.getTime() ?? 0,
    facts.activeSince.getTime(),
    facts.cohortResumedAt?.getTime() ?? 0,
  );
}

/** How many exercises in a row, counting back from the latest past its deadline, were missed. */
function missedInARow(facts: SlippingFacts, now: Date): number {
  const time = now.getTime();
  const pastDeadline = facts.submissions
    .filter((s) => s.status !== 'planned' && s.deadlineAt.getTime() < time && s.deadlineAt >= facts.activeSince)
    .sort((a, b) => b.deadlineAt.getTime() - a.deadlineAt.getTime());
  let run = 0;
  for (const submission of pastDeadline) {
    if (submission.status === 'submitted') break;
    if (submission.status === 'missed' || submission.closesAt.getTime() <= time) run += 1;
  }
  return run;
}
