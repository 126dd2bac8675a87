import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { speakerForRecipient } from '../speaker.ts';

/** One side of a new mentoring pair, as the other is told of them. */
interface PairMember {
  id: string;
  locale: string | null;
  displayName: string | null;
  hubName: LocalizedText | null;
}

/** What mentor and mentee are told of each other when staff pair them. */
export interface MentorIntroductionFacts {
  mentor: PairMember;
  mentee: PairMember;
  programme: { name: LocalizedText; defaultLocale: string | null };
}

/**
 * The two introductions of a new mentoring pair, each in its reader's language: who the other
 * is, their city, and how to reach them (MENTOR for the participant; the reply button and
 * MENTEES for the mentor).
 */
export function mentorIntroduction(
  facts: MentorIntroductionFacts,
  deps: { translate: Translate; defaultLanguage: Language },
): { toMentee: OutboundPayload; toMentor: OutboundPayload } {
  const forMentee = speakerForRecipient(facts.mentee, facts.programme, deps);
  const forMentor = speakerForRecipient(facts.mentor, facts.programme, deps);
  const unnamed = (speaker: typeof forMentee) => speaker.t('mentor:unnamed');
  const hubOf = (member: PairMember, speaker: typeof forMentee) =>
    member.hubName ? speaker.t('mentor:introduction_hub', { hub: speaker.pick(member.hubName) }) : '';
  const menteeName = facts.mentee.displayName ?? unnamed(forMentor);
  return {
    toMentee: {
      kind: 'text',
      text: forMentee.t('mentor:introduction_to_mentee', {
        mentor: facts.mentor.displayName ?? unnamed(forMentee),
        hub: hubOf(facts.mentor, forMentee),
        programme: forMentee.pick(facts.programme.name),
      }),
    },
    toMentor: {
      kind: 'choices',
      text: forMentor.t('mentor:introduction_to_mentor', {
        mentee: menteeName,
        hub: hubOf(facts.mentee, forMentor),
        programme: forMentor.pick(facts.programme.name),
      }),
      choices: [{ id: `reply:${facts.mentee.id}`, label: forMentor.t('mentor:write_to_mentee', { name: menteeName }) }],
    },
  };
}
