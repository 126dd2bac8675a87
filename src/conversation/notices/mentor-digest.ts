import { mentorDigestText, type DigestMentee } from '../../domain/mentor-digest.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { speakerForRecipient } from '../speaker.ts';

/** One mentee as the digest shows them, their current exercise's title still in every language. */
export type MenteeProgress = Omit<DigestMentee, 'current'> & {
  current: (Omit<NonNullable<DigestMentee['current']>, 'title'> & { title: LocalizedText; exerciseKey: string }) | null;
};

/** A mentor's weekly digest of their mentees' progress, in the mentor's language. */
export function mentorDigest(
  digest: {
    mentor: { locale: string | null };
    programme: { defaultLocale: string | null };
    mentees: readonly MenteeProgress[];
  },
  deps: { translate: Translate; defaultLanguage: Language; now: Date },
): string {
  const { language, pick } = speakerForRecipient(digest.mentor, digest.programme, deps);
  const mentees = digest.mentees.map(({ current, ...mentee }) => ({
    ...mentee,
    current: current && { ...current, title: pick(current.title) || current.exerciseKey },
  }));
  return mentorDigestText(mentees, { language, translate: deps.translate, now: deps.now });
}
