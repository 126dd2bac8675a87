import { describe, expect, it } from 'vitest';
import { exercisesInTurn, type SubmissionTurn } from '../../src/domain/exercises-in-turn.ts';

const now = new Date('2027-02-03T12:00:00Z');

function exercise(key: string, facts: Partial<SubmissionTurn>): SubmissionTurn & { key: string } {
  return {
    key,
    status: 'open',
    releaseAt: new Date('2027-02-01T09:00:00Z'),
    deadlineAt: new Date('2027-02-07T23:59:00Z'),
    closesAt: new Date('2027-02-14T23:59:00Z'),
    ...facts,
  };
}

describe('the order exercises are asked in', () => {
  it('puts the one due first first, a late one still taken included, then the one released first', () => {
    const keys = exercisesInTurn(
      [
        exercise('week-5', { releaseAt: new Date('2027-02-02T09:00:00Z') }),
        exercise('week-4', {}),
        exercise('week-2', { status: 'in_progress', deadlineAt: new Date('2027-01-24T23:59:00Z') }),
      ],
      (s) => s,
      now,
    ).map((s) => s.key);
    expect(keys).toEqual(['week-2', 'week-4', 'week-5']);
  });

  it('leaves out what is handed in, missed, closed or not released yet', () => {
    const keys = exercisesInTurn(
      [
        exercise('done', { status: 'submitted' }),
        exercise('missed', { status: 'missed' }),
        exercise('closed', { closesAt: new Date('2027-02-03T11:59:59Z') }),
        exercise('planned', { status: 'planned' }),
        exercise('tomorrow', { releaseAt: new Date('2027-02-04T09:00:00Z') }),
        exercise('open', {}),
      ],
      (s) => s,
      now,
    ).map((s) => s.key);
    expect(keys).toEqual(['open']);
  });
});
