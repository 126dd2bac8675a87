/**
 * One line of explanation behind a score or a ranking position. `key` is an i18next key in the
 * `scores` namespace, written in full (`scores:reason.submitted`) so whoever shows it calls
 * `t(reason.key, reason.values)`; `values` fills its {{variables}}.
 */
export interface ScoreReason {
  key: string;
  values: Record<string, unknown>;
}

/** A reason in the `scores` namespace. */
export function reason(key: string, values: Record<string, unknown> = {}): ScoreReason {
  return { key: `scores:${key}`, values };
}
