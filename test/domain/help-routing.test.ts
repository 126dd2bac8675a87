import { describe, expect, it } from 'vitest';
import { escalationDue, escalationRoute, routeHelpRequest } from '../../src/domain/help-desk/help-routing.ts';

describe('the help-desk ladder', () => {
  const everyone = { mentor: ['m'], trainer: ['t1', 't2'], staff: ['s'] };

  it('starts at the mentor, else the trainers, else the staff', () => {
    expect(routeHelpRequest(everyone)).toEqual({ level: 'mentor', responders: ['m'] });
    expect(routeHelpRequest({ ...everyone, mentor: [] })).toEqual({ level: 'trainer', responders: ['t1', 't2'] });
    expect(routeHelpRequest({ mentor: [], trainer: [], staff: ['s'] })).toEqual({ level: 'staff', responders: ['s'] });
    expect(routeHelpRequest({ mentor: [], trainer: [], staff: [] })).toBeNull();
  });

  it('passes up to the next level with someone on it, and no further than the staff', () => {
    expect(escalationRoute(everyone, 'mentor')).toEqual({ level: 'trainer', responders: ['t1', 't2'] });
    expect(escalationRoute({ ...everyone, trainer: [] }, 'mentor')).toEqual({ level: 'staff', responders: ['s'] });
    expect(escalationRoute(everyone, 'staff')).toBeNull();
  });

  it('is due the delay after the oldest unanswered message, never at the top', () => {
    const since = new Date('2027-01-15T22:30:00Z');
    expect(escalationDue(since, 'trainer', 24 * 60)).toEqual(new Date('2027-01-16T22:30:00Z'));
    expect(escalationDue(since, 'staff', 24 * 60)).toBeNull();
  });
});
