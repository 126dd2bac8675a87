import { describe, expect, it } from 'vitest';
import type { ParticipantActivity } from '../../../src/domain/scores/participant-activity.ts';
import { scoreCohort } from '../../../src/domain/scores/score-cohort.ts';
import { DEFAULT_SCORE_WEIGHTS } from '../../../src/domain/scores/score-weights.ts';
import { day, exercise } from './exercise-fixture.ts';

const settings = { now: day(10), weights: DEFAULT_SCORE_WEIGHTS, rubricScale: 5 };

/** Someone who handed in the week's exercise on day 3, with the given grades and check-in signals. */
function member(name: string, activity: Partial<ParticipantActivity> = {}) {
  return {
    personId: name.toLowerCase(),
    name,
    registeredAt: day(0),
    activity: {
      exercises: [exercise({ status: 'submitted' })],
      mentorSignals: [],
      rubricGrades: [],
      ...activity,
    },
  };
}

const byName = (result: ReturnType<typeof scoreCohort<ReturnType<typeof member>>>) =>
  Object.fromEntries(result.participants.map((p) => [p.member.name, p]));

describe('a cohort’s totals', () => {
  it('leave the grades out of everyone’s total until everyone who handed work in is graded', () => {
    // Awa and Binta did the same work; only Awa is graded yet, with a middling 3/5.
    const partly = byName(scoreCohort([member('Awa', { rubricGrades: [3] }), member('Binta')], settings));
    expect(partly.Awa!.scores.rubric).toBe(0.5);
    expect(partly.Binta!.scores.rubric).toBeNull();
    // Grading Awa first does not lower her against Binta, who is not graded yet.
    expect(partly.Awa!.scores.total).toBe(partly.Binta!.scores.total);

    const all = scoreCohort([member('Awa', { rubricGrades: [3] }), member('Binta', { rubricGrades: [5] })], settings);
    expect(all.counted.rubric).toEqual({ counts: true, have: 2, of: 2 });
    const graded = byName(all);
    expect(graded.Binta!.scores.total).toBeGreaterThan(graded.Awa!.scores.total!);
    expect(graded.Binta!.rank).toBe(1);
  });

  it('say how many have each score, and which scores count', () => {
    const result = scoreCohort([member('Awa', { rubricGrades: [4] }), member('Binta'), member('Chantal')], settings);
    expect(result.counted).toEqual({
      motivation: { counts: true, have: 3, of: 3 },
      reactivity: { counts: true, have: 3, of: 3 },
      teamwork: { counts: false, have: 0, of: 3 },
      rubric: { counts: false, have: 1, of: 3 },
    });
  });

  it('do not let someone who handed in nothing hold the grades back', () => {
    const result = scoreCohort(
      [member('Awa', { rubricGrades: [5] }), member('Binta', { exercises: [exercise({ status: 'missed' })] })],
      settings,
    );
    expect(result.counted.rubric).toEqual({ counts: true, have: 1, of: 1 });
    const people = byName(result);
    // Binta: motivation 0 and reactivity 0, the only scores she has.
    expect(people.Binta!.scores).toMatchObject({ rubric: null, total: 0 });
    // Awa: motivation 1, reactivity 0.75 (handed in half-way through the week), grades 5/5.
    expect(people.Awa!.scores.total).toBeCloseTo((1 + 0.75 + 1) / 3, 10);
  });

  it('leave a mentor’s check-in signals out until every participant has one', () => {
    const partly = byName(
      scoreCohort([member('Awa', { mentorSignals: ['needs_attention'] }), member('Binta')], settings),
    );
    expect(partly.Awa!.scores.teamwork).toBe(0.5);
    expect(partly.Awa!.scores.total).toBe(partly.Binta!.scores.total);
  });

  it('do not let someone with nothing due yet hold any score back, and give them a missing total, ranked last', () => {
    const result = scoreCohort(
      [member('Awa', { rubricGrades: [5], mentorSignals: ['on_track'] }), member('Didier', { exercises: [] })],
      settings,
    );
    expect(result.counted).toMatchObject({
      motivation: { counts: true, have: 1, of: 1 },
      teamwork: { counts: true, have: 1, of: 1 },
      rubric: { counts: true, have: 1, of: 1 },
    });
    expect(result.participants.map((p) => [p.rank, p.member.name, p.scores.total === null])).toEqual([
      [1, 'Awa', false],
      [2, 'Didier', true],
    ]);
  });

  it('are missing, not 50 %, when no score counts yet', () => {
    const result = scoreCohort([member('Awa', { exercises: [] }), member('Binta', { exercises: [] })], settings);
    for (const participant of result.participants)
      expect(participant.scores).toEqual({
        motivation: null,
        reactivity: null,
        teamwork: null,
        rubric: null,
        total: null,
      });
  });
});
