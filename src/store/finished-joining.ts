import { JOINING } from '../conversation/flows/joining.ts';
import type { Prisma } from './generated/client.ts';

/**
 * People not in the middle of joining a cohort: a redeemed code makes the enrolment at once, and
 * until language, consent, hub and name are given the person is sent no exercise and no
 * announcement (if they stop halfway, none ever). See also the planner (plan-submissions.ts).
 */
export const FINISHED_JOINING = { NOT: { conversation: { is: { flow: JOINING } } } } satisfies Prisma.PersonWhereInput;
