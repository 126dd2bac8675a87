import type { SessionFeedbackStore } from '../../conversation/stores/session-feedback-store.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Prisma } from '../generated/client.ts';

/** A person's rating of a session they attended, and their comment. */
export function createSessionFeedbackStore(tx: Prisma.TransactionClient): SessionFeedbackStore {
  return {
    rateSession: async (invitationId, personId, score, at) => {
      const before = await tx.sessionInvitation.findFirst({
        // Asked, still present (a later roll call may have unticked them), and not cancelled since.
        where: {
          id: invitationId,
          personId,
          feedbackAskedAt: { not: null },
          attendedAt: { not: null },
          session: { status: 'scheduled' },
        },
        select: { feedbackScore: true, feedbackComment: true, session: { select: { title: true } } },
      });
      if (!before) return null;
      await tx.sessionInvitation.update({
        where: { id: invitationId },
        data: { feedbackScore: score, feedbackAt: at },
      });
      return {
        title: before.session.title as LocalizedText,
        previousScore: before.feedbackScore,
        comment: before.feedbackComment,
      };
    },
    commentSession: async (invitationId, personId, comment, at) => {
      const found = await tx.sessionInvitation.findFirst({
        where: { id: invitationId, personId, attendedAt: { not: null } },
        select: { session: { select: { title: true, status: true } } },
      });
      if (!found) return { outcome: 'not_found' };
      if (found.session.status === 'cancelled') {
        return { outcome: 'cancelled', title: found.session.title as LocalizedText };
      }
      await tx.sessionInvitation.update({
        where: { id: invitationId },
        data: { feedbackComment: comment, feedbackAt: at },
      });
      return { outcome: 'saved' };
    },
  };
}
