import type { ProgrammeFilePath as Path } from './programme-file-path.ts';
import type { ProgrammeFile } from './programme-schema.ts';

/** A question of an exercise or of the call for applications, as the file writes it. */
export type QuestionInFile = ProgrammeFile['exercises'][number]['questions'][number];

/** The rules of one question: options for choices, min and max where they mean something. */
export function checkQuestion(question: QuestionInFile, at: Path): [Path, string][] {
  const problems: [Path, string][] = [];
  const hasOptions = question.type === 'choice' || question.type === 'multi_choice';
  if (hasOptions) {
    const options = question.options ?? [];
    if (options.length < 2)
      problems.push([
        [...at, question.options ? 'options' : 'type'],
        `a ${question.type} question needs at least two options`,
      ]);
    const seen = new Set<string>();
    options.forEach((option, index) => {
      if (seen.has(option.id)) problems.push([[...at, 'options', index, 'id'], `duplicate option id "${option.id}"`]);
      seen.add(option.id);
    });
  } else if (question.options) {
    problems.push([[...at, 'options'], `a ${question.type} question has no options`]);
  }
  const boundable = question.type === 'scale' || question.type === 'number' || question.type === 'multi_choice';
  if (!boundable && (question.min !== undefined || question.max !== undefined)) {
    problems.push([
      [...at, question.min !== undefined ? 'min' : 'max'],
      `a ${question.type} question takes no min or max`,
    ]);
  }
  if (question.type === 'scale') {
    if (question.min === undefined || question.max === undefined) {
      problems.push([[...at, 'type'], 'a scale question needs min and max (for example 1 and 5)']);
    } else if (!Number.isInteger(question.min) || !Number.isInteger(question.max) || question.max - question.min > 10) {
      problems.push([[...at, 'max'], 'a scale goes between two whole numbers at most 10 apart']);
    }
  }
  if (question.min !== undefined && question.max !== undefined && question.min >= question.max) {
    problems.push([[...at, 'max'], `max (${question.max}) must be greater than min (${question.min})`]);
  }
  return problems;
}
