import { describe, expect, it } from 'vitest';
import { slippingReasons, type SlippingSubmission } from '../../src/domain/slipping.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date('2027-02-15T12:00:00Z');
const rules = { missedInARow: 2, silentForMinutes: 10 * 24 * 60 };
const joined = new Date('2027-01-04T00:00:00Z');
const wroteYesterday = new Date(now.getTime() - DAY_MS);

/** An exercise released 6 days before its deadline, `deadlineDaysAgo` days before `now`, taken late for 7 more days. */
function exercise(deadlineDaysAgo: number, status: SlippingSubmission['status']): SlippingSubmission {
  const deadlineAt = new Date(now.getTime() - deadlineDaysAgo * DAY_MS);
  const releasedAt = status === 'planned' ? null : new Date(deadlineAt.getTime() - 6 * DAY_MS);
  return { status, deadlineAt, closesAt: new Date(deadlineAt.getTime() + 7 * DAY_MS), releasedAt };
}

/** One exercise handed in long ago: the programme has been running for them since. */
const reached = [exercise(40, 'submitted')];

describe('deciding whether a participant is slipping', () => {
  it('is not slipping when the work is handed in and they write', () => {
    const submissions = [
      exercise(22, 'submitted'),
      exercise(15, 'submitted'),
      exercise(8, 'submitted'),
      exercise(-6, 'open'),
    ];
    expect(
      slippingReasons(
        { submissions, lastMessageAt: wroteYesterday, activeSince: joined, cohortResumedAt: null },
        rules,
        now,
      ),
    ).toEqual([]);
  });

  it('counts exercises closed without a submission, or marked missed, in a row', () => {
    const submissions = [exercise(22, 'submitted'), exercise(15, 'missed'), exercise(8, 'open'), exercise(-6, 'open')];
    expect(
      slippingReasons(
        { submissions, lastMessageAt: wroteYesterday, activeSince: joined, cohortResumedAt: null },
        rules,
        now,
      ),
    ).toEqual([{ rule: 'missed_in_a_row', missed: 2, threshold: 2 }]);
    const three = [exercise(22, 'in_progress'), exercise(15, 'missed'), exercise(8, 'open')];
    expect(
      slippingReasons(
        { submissions: three, lastMessageAt: wroteYesterday, activeSince: joined, cohortResumedAt: null },
        rules,
        now,
      ),
    ).toEqual([{ rule: 'missed_in_a_row', missed: 3, threshold: 2 }]);
  });

  it('is not slipping when only one was missed, or a submission breaks the run', () => {
    const one = [exercise(15, 'submitted'), exercise(8, 'open')];
    expect(
      slippingReasons(
        { submissions: one, lastMessageAt: wroteYesterday, activeSince: joined, cohortResumedAt: null },
        rules,
        now,
      ),
    ).toEqual([]);
    const broken = [exercise(22, 'missed'), exercise(15, 'submitted'), exercise(8, 'missed')];
    expect(
      slippingReasons(
        { submissions: broken, lastMessageAt: wroteYesterday, activeSince: joined, cohortResumedAt: null },
        rules,
        now,
      ),
    ).toEqual([]);
  });

  it('neither counts nor forgives an exercise past its deadline that is still taken late', () => {
    // Two closed and missed, the latest still in its late window: slipping, and still so when it closes.
    const submissions = [exercise(15, 'missed'), exercise(8, 'open'), exercise(2, 'open')];
    expect(
      slippingReasons(
        { submissions, lastMessageAt: wroteYesterday, activeSince: joined, cohortResumedAt: null },
        rules,
        now,
      ),
    ).toEqual([{ rule: 'missed_in_a_row', missed: 2, threshold: 2 }]);
    const oneClosed = [exercise(15, 'submitted'), exercise(8, 'open'), exercise(2, 'open')];
    expect(
      slippingReasons(
        { submissions: oneClosed, lastMessageAt: wroteYesterday, activeSince: joined, cohortResumedAt: null },
        rules,
        now,
      ),
    ).toEqual([]);
  });

  it('ignores exercises not released yet and deadlines still ahead', () => {
    const submissions = [exercise(15, 'planned'), exercise(8, 'planned'), exercise(-1, 'open'), exercise(-8, 'open')];
    expect(
      slippingReasons(
        { submissions, lastMessageAt: wroteYesterday, activeSince: joined, cohortResumedAt: null },
        rules,
        now,
      ),
    ).toEqual([]);
  });

  it('counts silence from the last message, or from when they became active', () => {
    const elevenDaysAgo = new Date(now.getTime() - 11 * DAY_MS);
    expect(
      slippingReasons(
        { submissions: reached, lastMessageAt: elevenDaysAgo, activeSince: joined, cohortResumedAt: null },
        rules,
        now,
      ),
    ).toEqual([{ rule: 'silent', silentForMinutes: 11 * 24 * 60, threshold: rules.silentForMinutes }]);
    // Exactly at the threshold counts; a minute before does not.
    const tenDaysAgo = new Date(now.getTime() - 10 * DAY_MS);
    expect(
      slippingReasons(
        { submissions: reached, lastMessageAt: tenDaysAgo, activeSince: joined, cohortResumedAt: null },
        rules,
        now,
      ),
    ).toHaveLength(1);
    const almost = new Date(tenDaysAgo.getTime() + 60_000);
    expect(
      slippingReasons(
        { submissions: reached, lastMessageAt: almost, activeSince: joined, cohortResumedAt: null },
        rules,
        now,
      ),
    ).toEqual([]);
    // Never wrote, joined three days ago: not silent yet; joined eleven days ago: silent.
    expect(
      slippingReasons(
        {
          submissions: reached,
          lastMessageAt: null,
          activeSince: new Date(now.getTime() - 3 * DAY_MS),
          cohortResumedAt: null,
        },
        rules,
        now,
      ),
    ).toEqual([]);
    expect(
      slippingReasons(
        { submissions: reached, lastMessageAt: null, activeSince: elevenDaysAgo, cohortResumedAt: null },
        rules,
        now,
      ),
    ).toEqual([{ rule: 'silent', silentForMinutes: 11 * 24 * 60, threshold: rules.silentForMinutes }]);
  });

  it('gives a fresh start to someone back from a pause', () => {
    const backThreeDaysAgo = new Date(now.getTime() - 3 * DAY_MS);
    const submissions = [exercise(22, 'missed'), exercise(15, 'missed')];
    const facts = {
      submissions,
      lastMessageAt: new Date(now.getTime() - 30 * DAY_MS),
      activeSince: backThreeDaysAgo,
      cohortResumedAt: null,
    };
    expect(slippingReasons(facts, rules, now)).toEqual([]);
  });

  it('is not silent before any exercise reached them, and counts from the first one that did', () => {
    // Joined a month before the programme started: nothing asked of them yet.
    const monthAgo = new Date(now.getTime() - 30 * DAY_MS);
    const notYet = [exercise(-1, 'planned'), exercise(-8, 'planned')];
    expect(
      slippingReasons(
        { submissions: notYet, lastMessageAt: null, activeSince: monthAgo, cohortResumedAt: null },
        rules,
        now,
      ),
    ).toEqual([]);
    // The first exercise reached them 9 days ago (deadline in 3 days): not silent yet; 11 days ago: silent for 11.
    expect(
      slippingReasons(
        { submissions: [exercise(-3, 'open')], lastMessageAt: null, activeSince: monthAgo, cohortResumedAt: null },
        rules,
        now,
      ),
    ).toEqual([]);
    const reachedElevenDaysAgo = { ...exercise(-5, 'open'), releasedAt: new Date(now.getTime() - 11 * DAY_MS) };
    expect(
      slippingReasons(
        { submissions: [reachedElevenDaysAgo], lastMessageAt: null, activeSince: monthAgo, cohortResumedAt: null },
        rules,
        now,
      ),
    ).toEqual([{ rule: 'silent', silentForMinutes: 11 * 24 * 60, threshold: rules.silentForMinutes }]);
  });

  it('does not count the time the cohort schedule was paused as silence', () => {
    const resumedTwoDaysAgo = new Date(now.getTime() - 2 * DAY_MS);
    const facts = { submissions: reached, lastMessageAt: new Date(now.getTime() - 30 * DAY_MS), activeSince: joined };
    expect(slippingReasons({ ...facts, cohortResumedAt: resumedTwoDaysAgo }, rules, now)).toEqual([]);
    expect(slippingReasons({ ...facts, cohortResumedAt: new Date(now.getTime() - 12 * DAY_MS) }, rules, now)).toEqual([
      { rule: 'silent', silentForMinutes: 12 * 24 * 60, threshold: rules.silentForMinutes },
    ]);
  });

  it('gives both reasons when both rules hold', () => {
    const submissions = [exercise(15, 'open'), exercise(8, 'open')];
    const reasons = slippingReasons(
      { submissions, lastMessageAt: null, activeSince: joined, cohortResumedAt: null },
      rules,
      now,
    );
    expect(reasons.map((r) => r.rule)).toEqual(['missed_in_a_row', 'silent']);
  });
});
