import type { LocalizedText } from '../../domain/programme/language.ts';

/** What a person says about a session they attended: a rating from 1 to 5 and a comment. */
export interface SessionFeedbackStore {
  /**
   * Records the person's rating of a session they attended and were asked about, with the rating
   * and comment it had before; null when the invitation is not theirs or they were not asked.
   */
  rateSession: (
    invitationId: string,
    personId: string,
    score: number,
    at: Date,
  ) => Promise<{ title: LocalizedText; previousScore: number | null; comment: string | null } | null>;
  /**
   * Records their comment, as typed: `not_found` when the invitation is not theirs or their presence
   * was taken away since, `cancelled` (with the title) when the session was cancelled meanwhile.
   */
  commentSession: (
    invitationId: string,
    personId: string,
    comment: string,
    at: Date,
  ) => Promise<{ outcome: 'saved' | 'not_found' } | { outcome: 'cancelled'; title: LocalizedText }>;
}
