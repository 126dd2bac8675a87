import { describe, expect, it } from 'vitest';
import { tallyInvitations } from '../../src/domain/sessions/tally-invitations.ts';

describe('the counts of a venue’s invitations', () => {
  it('counts a yes on the waiting list as waiting, and attendance whatever the answer', () => {
    const at = new Date('2027-03-09T09:00:00Z');
    expect(
      tallyInvitations([
        { rsvp: 'yes', waitlistedAt: null, attendedAt: at },
        { rsvp: 'yes', waitlistedAt: at, attendedAt: null },
        { rsvp: 'maybe', waitlistedAt: null, attendedAt: at },
        { rsvp: 'no', waitlistedAt: null, attendedAt: null },
        { rsvp: null, waitlistedAt: null, attendedAt: at },
      ]),
    ).toEqual({ invited: 5, yes: 1, maybe: 1, no: 1, noAnswer: 1, waiting: 1, attended: 3 });
  });

  it('counts nothing for nobody', () => {
    expect(tallyInvitations([])).toEqual({
      invited: 0,
      yes: 0,
      maybe: 0,
      no: 0,
      noAnswer: 0,
      waiting: 0,
      attended: 0,
    });
  });
});
