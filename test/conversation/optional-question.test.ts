import { describe, expect, it } from 'vitest';
import { askQuestion } from '../../src/conversation/flows/exercise-question.ts';
import type { QuestionView, SubmissionView } from '../../src/conversation/stores/exercise-store.ts';
import type { Speaker } from '../../src/conversation/speaker.ts';
import { createTranslate } from '../../src/i18n.ts';

const translate = createTranslate({ defaultLanguage: 'fr' });
const speakerIn = (language: 'fr' | 'en'): Speaker => ({
  language,
  t: (key, values) => translate(language, key, values),
  pick: (text) => text[language] ?? '',
});

/** A submission whose only question is `question`. */
function submissionWith(question: Omit<QuestionView, 'id'>): SubmissionView {
  return { exercise: { questions: [{ id: 'q1', ...question }] } } as unknown as SubmissionView;
}

const count = (text: string, word: string) => text.toLowerCase().split(word).length - 1;

describe('an optional question', () => {
  it('says once that it is optional, even when its prompt already says so', () => {
    const submission = submissionWith({
      key: 'photo',
      type: 'photo',
      required: false,
      prompt: {
        fr: 'Envoyez une photo de votre équipe (facultatif).',
        en: 'Send a photo of your team (optional).',
      },
    } as Omit<QuestionView, 'id'>);
    const fr = askQuestion(submission, 0, speakerIn('fr')).payload;
    const en = askQuestion(submission, 0, speakerIn('en')).payload;
    const textOf = (payload: typeof fr) => ('text' in payload ? (payload.text ?? '') : '');
    expect(count(textOf(fr), 'facultatif')).toBe(1);
    expect(textOf(fr)).toContain('PASSER');
    expect(count(textOf(en), 'optional')).toBe(1);
    expect(textOf(en)).toContain('SKIP');
  });

  it('says it when the prompt does not', () => {
    const submission = submissionWith({
      key: 'photo',
      type: 'photo',
      required: false,
      prompt: { fr: 'Envoyez une photo de votre équipe.', en: 'Send a photo of your team.' },
    } as Omit<QuestionView, 'id'>);
    const payload = askQuestion(submission, 0, speakerIn('fr')).payload;
    expect('text' in payload ? payload.text : '').toContain('(facultatif : répondez PASSER pour passer)');
  });
});
