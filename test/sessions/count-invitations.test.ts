import { describe, expect, it } from 'vitest';
import { countInvitations, type CountedInvitation } from '../../src/domain/sessions/count-invitations.ts';

const AT = new Date('2027-03-08T09:10:00Z');

function invitation(facts: Partial<CountedInvitation>): CountedInvitation {
  return { rsvp: null, waitlistedAt: null, attendedAt: null, attendedBy: null, feedbackScore: null, ...facts };
}

describe('counting the invitations of a venue', () => {
  it('counts nobody and no average before anyone is invited', () => {
    expect(countInvitations([])).toEqual({
      invited: 0,
      yes: 0,
      maybe: 0,
      no: 0,
      noAnswer: 0,
      waitlisted: 0,
      attended: 0,
      attendedBy: { code: 0, rollCall: 0 },
      feedback: { count: 0, average: null },
    });
  });

  it('counts a yes waiting for a seat on the waiting list, not among the yes, and someone who came without answering as attending', () => {
    const counts = countInvitations([
      invitation({ rsvp: 'yes', attendedAt: AT, attendedBy: 'code', feedbackScore: 3 }),
      invitation({ rsvp: 'yes', waitlistedAt: AT }),
      invitation({ rsvp: 'no' }),
      invitation({ attendedAt: AT, attendedBy: 'roll_call', feedbackScore: 4 }),
    ]);
    expect(counts).toMatchObject({ invited: 4, yes: 1, no: 1, noAnswer: 1, waitlisted: 1, attended: 2 });
    expect(counts.attendedBy).toEqual({ code: 1, rollCall: 1 });
    expect(counts.feedback).toEqual({ count: 2, average: 3.5 });
  });
});
