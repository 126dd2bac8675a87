import { CHOICE_ID_MAX_LENGTH } from '../../domain/outbound-message.ts';

/** Choices the exercise flow offers besides the answers themselves. */
export const EXERCISE_CHOICE_IDS = {
  /** Done writing a text answer: on to the next question. */
  next: 'ex:next',
  /** Hand the exercise in, from the summary. */
  confirm: 'ex:confirm',
  /** Start the answers again from the first question, from the summary. */
  restart: 'ex:restart',
} as const;

/**
 * The buttons of a question carry the submission and the question they were sent with, after the
 * choice itself: `a:radio#k3f9.1`. The submission is a short tag (a hash of its id, enough to tell
 * one person's few submissions apart) and the question its position (the number of questions for
 * the summary), so a tap is never read against another question. Short enough for Telegram's 64
 * bytes of callback data (CHOICE_ID_MAX_LENGTH); a button that would be longer goes untagged, and
 * an untagged button (one sent before buttons were tagged) answers the current question.
 * "Start again" keeps the tags: a button of the abandoned pass, tapped once the new pass is back
 * at its question (or summary), acts on it, as the same button of the new pass would. Telling
 * the passes apart would need a count of restarts kept on the submission; a later question's
 * button is refused meanwhile (see whyNotThisButton in exercise.ts).
 */
const TAG_SEPARATOR = '#';
const TAGGED = /^(.+)#([0-9a-z]{4})\.(\d{1,4})$/;

/** Which submission and question a button belongs to, and the choice it makes. */
export interface QuestionChoice {
  choiceId: string;
  submissionTag: string;
  position: number;
}

/** The short tag of a submission on its buttons: FNV-1a of its id, 4 base-36 characters. */
export function submissionTag(submissionId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < submissionId.length; i++) {
    hash ^= submissionId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % 36 ** 4).toString(36).padStart(4, '0');
}

/** The id of a button of the question at `position` of a submission (the summary's: the question count). */
export function questionChoiceId(choiceId: string, submissionId: string, position: number): string {
  const tagged = `${choiceId}${TAG_SEPARATOR}${submissionTag(submissionId)}.${position}`;
  return tagged.length <= CHOICE_ID_MAX_LENGTH ? tagged : choiceId;
}

/** The question a button belongs to, or null for a button that does not say (untagged, or not an exercise's). */
export function readQuestionChoiceId(choiceId: string): QuestionChoice | null {
  const match = TAGGED.exec(choiceId);
  if (!match) return null;
  return { choiceId: match[1]!, submissionTag: match[2]!, position: Number(match[3]) };
}
