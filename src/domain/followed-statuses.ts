/**
 * Enrolment statuses of participants the programme still follows: they are planned, released to,
 * reminded and watched. After the selection, the selected go on to the next phase; those not
 * selected, the paused and the stopped get nothing scheduled.
 */
export const FOLLOWED_STATUSES = ['active', 'selected'] as const;
