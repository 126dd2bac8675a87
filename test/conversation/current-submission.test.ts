import { describe, expect, it } from 'vitest';
import { currentSubmission } from '../../src/conversation/flows/exercise.ts';
import type { SubmissionView } from '../../src/conversation/stores/exercise-store.ts';

const NOW = new Date('2027-01-18T10:00:00Z');
const HOUR = 3600_000;

function submission(id: string, deadlineAt: Date, exercise: { graceMinutes: number; closesAfterMinutes: number }) {
  return {
    id,
    status: 'open',
    late: false,
    currentPosition: 0,
    releaseAt: new Date(deadlineAt.getTime() - 7 * 24 * HOUR),
    deadlineAt,
    submittedAt: null,
    exercise: { id, key: id, title: { fr: id }, intro: { fr: '' }, questions: [], ...exercise },
    answers: [],
  } satisfies SubmissionView;
}

describe('the exercise a person is working on', () => {
  it('is still the one whose grace has not ended, when the grace is longer than its late period', () => {
    // Due two hours ago; answers within three hours of the deadline are on time, so it is still open.
    const inGrace = submission('semaine-1', new Date(NOW.getTime() - 2 * HOUR), {
      graceMinutes: 180,
      closesAfterMinutes: 60,
    });
    expect(currentSubmission([inGrace], NOW)?.id).toBe('semaine-1');
  });

  it('is none once both the grace and the late period have ended', () => {
    const closed = submission('semaine-1', new Date(NOW.getTime() - 4 * HOUR), {
      graceMinutes: 180,
      closesAfterMinutes: 60,
    });
    expect(currentSubmission([closed], NOW)).toBeUndefined();
  });
});
