import { describe, expect, it } from 'vitest';
import {
  questionChoiceId,
  readQuestionChoiceId,
  submissionTag,
} from '../../src/conversation/flows/exercise-choice-ids.ts';
import { CHOICE_ID_MAX_LENGTH } from '../../src/domain/outbound-message.ts';

describe('the buttons of an exercise question', () => {
  const submissionId = 'cmi7x2k0q0001abcd1234efgh';

  it('carry the submission and the question they were sent with, and give the choice back', () => {
    const id = questionChoiceId('a:bouche-a-oreille', submissionId, 1);
    expect(readQuestionChoiceId(id)).toEqual({
      choiceId: 'a:bouche-a-oreille',
      submissionTag: submissionTag(submissionId),
      position: 1,
    });
    expect(readQuestionChoiceId(questionChoiceId('ex:confirm', submissionId, 12))?.position).toBe(12);
  });

  it('tell one submission from another', () => {
    expect(submissionTag(submissionId)).toMatch(/^[0-9a-z]{4}$/);
    expect(submissionTag(submissionId)).not.toBe(submissionTag('cmi7x2k0q0002abcd1234efgh'));
  });

  it('fit on a Telegram button; a choice too long for its tag goes untagged, as buttons did before', () => {
    const longest = questionChoiceId(`a:${'k'.repeat(39)}`, submissionId, 9);
    expect(longest.length).toBeLessThanOrEqual(CHOICE_ID_MAX_LENGTH);
    expect(readQuestionChoiceId(longest)?.choiceId).toBe(`a:${'k'.repeat(39)}`);
    expect(questionChoiceId(`a:${'k'.repeat(46)}`, submissionId, 9)).toBe(`a:${'k'.repeat(46)}`);
  });

  it('reads an untagged button, sent before buttons were tagged, as not saying which question', () => {
    for (const old of ['a:4', 'a!done', 'a!skip', 'ex:next', 'ex:confirm', 'lang:fr'])
      expect(readQuestionChoiceId(old)).toBeNull();
  });
});
