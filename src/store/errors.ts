/** What was asked for does not exist (a cohort id, a person id…). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** A key matches several rows where one was expected; the message says how to be precise. */
export class AmbiguousReferenceError extends Error {
  override readonly name = 'AmbiguousReferenceError';
}
