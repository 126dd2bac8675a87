import type { LocalizedText } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

/** A call for applications as the review pages show it, with what of its programme they need. */
export interface ReviewedCall {
  id: string;
  programmeId: string;
  programmeName: LocalizedText;
  /** The programme's language, for applicants who have not chosen one. */
  defaultLocale: string | null;
  cohortId: string;
  opensAt: Date;
  closesAt: Date;
  keepDeclinedDays: number;
  questions: unknown;
  notices: unknown;
  /** The programme's zone: the call's dates are shown in it. */
  timeZone: string;
  /** Reviewers grade on the programme's rubric scale (1 to this). */
  rubricScale: number;
}

/**
 * The call of one of the viewer's programmes: the one asked for by id, else that of the first of
 * their programmes that has one. NotFoundError when none is visible (another programme's call
 * reads as one that does not exist).
 */
export async function findViewerCall(
  db: Database,
  programmeIds: readonly string[],
  requestedCallId?: string,
): Promise<ReviewedCall> {
  const calls = await db.applicationCall.findMany({
    where: { programmeId: { in: [...programmeIds] }, ...(requestedCallId && { id: requestedCallId }) },
    orderBy: { createdAt: 'asc' },
    include: { programme: { select: { name: true, settings: true, defaultLocale: true } } },
  });
  const call = calls[0];
  if (!call) throw new NotFoundError('no call for applications the viewer may see');
  const settings = parseProgrammeSettings(call.programme.settings);
  return {
    id: call.id,
    programmeId: call.programmeId,
    programmeName: call.programme.name as LocalizedText,
    defaultLocale: call.programme.defaultLocale,
    cohortId: call.cohortId,
    opensAt: call.opensAt,
    closesAt: call.closesAt,
    keepDeclinedDays: call.keepDeclinedDays,
    questions: call.questions,
    notices: call.notices,
    timeZone: settings.timeZone,
    rubricScale: settings.scores.rubricScale,
  };
}
