/** Choices the exercise flow offers besides the answers themselves. */
export const EXERCISE_CHOICE_IDS = {
  /** Done writing a text answer: on to the next question. */
  next: 'ex:next',
  /** Hand the exercise in, from the summary. */
  confirm: 'ex:confirm',
  /** Start the answers again from the first question, from the summary. */
  restart: 'ex:restart',
} as const;
