/**
 * Ids of the buttons that answer a question. Options are keyed `a:<optionKey>`, a scale's values
 * `a:<number>`; the `a:` prefix tells an answer apart from other buttons (language, consent…).
 * Option keys are at most 64 characters in the programme file, but a choice id is at most 48
 * (CHOICE_ID_MAX_LENGTH), so keys longer than 46 characters cannot travel on a button.
 */
const ANSWER_CHOICE_PREFIX = 'a:';

/** The button that skips an optional question; `!` cannot start an option key, so it never collides. */
export const ANSWER_SKIP_CHOICE_ID = 'a!skip';

export function answerChoiceId(optionKey: string): string {
  return `${ANSWER_CHOICE_PREFIX}${optionKey}`;
}

/** The option key an answer button carries, or null when the id is not an answer button. */
export function parseAnswerChoiceId(choiceId: string): string | null {
  if (!choiceId.startsWith(ANSWER_CHOICE_PREFIX) || choiceId.length === ANSWER_CHOICE_PREFIX.length) return null;
  return choiceId.slice(ANSWER_CHOICE_PREFIX.length);
}
