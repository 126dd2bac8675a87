import { describe, expect, it } from 'vitest';
import {
  parseAnswerChoiceId,
  answerChoiceId,
  ANSWER_SKIP_CHOICE_ID,
} from '../../../src/domain/answer/answer-choice-id.ts';
import type { AnswerableQuestion } from '../../../src/domain/answer/answer-reading.ts';
import {
  finishSelection,
  pickLimits,
  SELECTION_DONE_CHOICE_ID,
  toggleChoice,
} from '../../../src/domain/answer/multi-choice-selection.ts';
import { CHOICE_ID_MAX_LENGTH } from '../../../src/domain/outbound-message.ts';

const roles: AnswerableQuestion = {
  type: 'multi_choice',
  required: true,
  min: 1,
  max: 2,
  options: [
    { key: 'coordination', label: 'Coordination' },
    { key: 'technique', label: 'Technique' },
    { key: 'terrain', label: 'Terrain' },
  ],
};

describe('answer choice ids', () => {
  it('round-trips an option key', () => {
    expect(answerChoiceId('bouche-a-oreille')).toBe('a:bouche-a-oreille');
    expect(parseAnswerChoiceId(answerChoiceId('bouche-a-oreille'))).toBe('bouche-a-oreille');
    expect(parseAnswerChoiceId(answerChoiceId('3'))).toBe('3');
  });

  it('recognises only answer buttons', () => {
    expect(parseAnswerChoiceId('lang:fr')).toBeNull();
    expect(parseAnswerChoiceId('a:')).toBeNull();
    expect(parseAnswerChoiceId(ANSWER_SKIP_CHOICE_ID)).toBeNull();
    expect(parseAnswerChoiceId(SELECTION_DONE_CHOICE_ID)).toBeNull();
  });

  it('fits a 46-character key on a button', () => {
    expect(answerChoiceId('k'.repeat(46)).length).toBe(CHOICE_ID_MAX_LENGTH);
  });
});

describe('toggling options', () => {
  it('adds an option not yet picked and removes one already picked', () => {
    expect(toggleChoice([], 'terrain')).toEqual(['terrain']);
    expect(toggleChoice(['terrain'], 'technique')).toEqual(['terrain', 'technique']);
    expect(toggleChoice(['terrain', 'technique'], 'terrain')).toEqual(['technique']);
  });

  it('leaves the previous selection untouched', () => {
    const selected = ['terrain'];
    toggleChoice(selected, 'technique');
    expect(selected).toEqual(['terrain']);
  });
});

describe('finishing a selection', () => {
  it('gives the picks in the options order', () => {
    expect(finishSelection(roles, ['terrain', 'coordination'])).toEqual({
      kind: 'value',
      value: { choices: ['coordination', 'terrain'] },
    });
  });

  it('holds the picks within min and max', () => {
    expect(finishSelection(roles, ['terrain', 'coordination', 'technique'])).toEqual({
      kind: 'problem',
      problem: { kind: 'too-many-choices', max: 2 },
    });
    expect(finishSelection({ ...roles, min: 2 }, ['terrain'])).toEqual({
      kind: 'problem',
      problem: { kind: 'too-few-choices', min: 2 },
    });
  });

  it('needs one pick on a required question, and skips an optional one', () => {
    expect(finishSelection(roles, [])).toEqual({ kind: 'problem', problem: { kind: 'too-few-choices', min: 1 } });
    expect(finishSelection({ ...roles, min: null }, [])).toEqual({
      kind: 'problem',
      problem: { kind: 'too-few-choices', min: 1 },
    });
    expect(finishSelection({ ...roles, required: false }, [])).toEqual({ kind: 'skip' });
  });

  it('refuses a key that is not an option', () => {
    expect(finishSelection(roles, ['terrain', 'cuisine'])).toEqual({
      kind: 'problem',
      problem: { kind: 'unknown-choice', optionCount: 3 },
    });
  });

  it('allows every option when the question sets no max', () => {
    expect(pickLimits({ ...roles, min: null, max: null })).toEqual({ min: 1, max: 3 });
    expect(pickLimits({ ...roles, min: 0 })).toEqual({ min: 1, max: 2 });
    expect(finishSelection({ ...roles, max: null }, ['terrain', 'technique', 'coordination'])).toMatchObject({
      kind: 'value',
    });
  });
});
