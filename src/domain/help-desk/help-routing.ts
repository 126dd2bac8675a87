/**
 * The help desk's one routing rule: a participant's question goes to their mentor if they have one,
 * else to their hub's trainers, else to the programme's staff; unanswered for the programme's
 * `help_desk.escalate_after`, it passes up the same ladder, skipping a level with nobody on it.
 */

export const HELP_LEVELS = ['mentor', 'trainer', 'staff'] as const;
export type HelpLevel = (typeof HELP_LEVELS)[number];

export const HELP_STATUSES = ['open', 'waiting', 'closed'] as const;
/** open: the person wrote last (the team owes an answer); waiting: the team answered; closed. */
export type HelpStatus = (typeof HELP_STATUSES)[number];

/** How long a question waits unanswered before it passes up, unless the programme file says otherwise. */
export const DEFAULT_ESCALATE_AFTER = '24h';

/** Who may answer at each level, for one person: their current mentors, their hub's trainers, the programme's staff. */
export type HelpResponders<R> = Record<HelpLevel, R[]>;

export interface HelpRoute<R> {
  level: HelpLevel;
  /** Everyone at that level; never empty. */
  responders: R[];
}

/**
 * The first level from `from` (the mentor by default) with someone on it, and who is on it; null
 * when nobody is left (a programme with no staff enrolled).
 */
export function routeHelpRequest<R>(responders: HelpResponders<R>, from: HelpLevel = 'mentor'): HelpRoute<R> | null {
  for (const level of HELP_LEVELS.slice(HELP_LEVELS.indexOf(from))) {
    if (responders[level].length > 0) return { level, responders: responders[level] };
  }
  return null;
}

/** Where an unanswered question goes next: the first level above `level` with someone on it; null at the top. */
export function escalationRoute<R>(responders: HelpResponders<R>, level: HelpLevel): HelpRoute<R> | null {
  const above = HELP_LEVELS[HELP_LEVELS.indexOf(level) + 1];
  return above ? routeHelpRequest(responders, above) : null;
}

/**
 * When an unanswered question passes up: `escalateAfterMinutes` after the person's oldest
 * unanswered message, counted on the clock (nights and weekends included: participants write in
 * the evening and at weekends, and a question asked on Friday night should not wait until Tuesday).
 * Null at the top level, where nobody is left to pass it to.
 */
export function escalationDue(waitingSince: Date, level: HelpLevel, escalateAfterMinutes: number): Date | null {
  if (level === 'staff') return null;
  return new Date(waitingSince.getTime() + escalateAfterMinutes * 60_000);
}
