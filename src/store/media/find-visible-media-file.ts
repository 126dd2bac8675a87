import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import { visibleEnrolments, type DashboardScope } from '../access/visible-enrolments.ts';
import { visibleHelpConversations } from '../access/visible-help-conversations.ts';

/**
 * A file a participant sent, only if it answers an exercise in an enrolment the viewer may see:
 * seeing its owner is not enough, since the same person may answer in another programme or to
 * another mentor. Or a file of a help-desk message (either way) in a conversation the viewer may
 * see, or (staff only) a file of an application to a call filling one of their cohorts.
 * NotFoundError otherwise, as for a file that does not exist.
 */
export async function findVisibleMediaFile(
  db: Database,
  scope: DashboardScope,
  mediaFileId: string,
): Promise<{ id: string; path: string; mimeType: string }> {
  const media = await db.mediaFile.findFirst({
    where: {
      id: mediaFileId,
      OR: [
        { answers: { some: { submission: { enrolment: visibleEnrolments(scope) } } } },
        { helpMessages: { some: { conversation: visibleHelpConversations(scope) } } },
        // An application's files: staff of the cohort the call fills review them.
        ...(scope.role === 'staff'
          ? [{ applicationAnswers: { some: { application: { call: { cohortId: { in: scope.cohortIds } } } } } }]
          : []),
      ],
    },
    select: { id: true, path: true, mimeType: true },
  });
  if (!media) throw new NotFoundError(`media file ${mediaFileId} is not an answer the viewer may see`);
  return media;
}
