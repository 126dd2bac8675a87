import { z } from 'zod';
import { countryName } from '../../domain/countries.ts';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import { consentVersionRole } from '../../domain/programme/consent-for-role.ts';
import { isLanguage } from '../../domain/programme/language.ts';
import type { ConversationContext, InboundEventLike, Outgoing } from '../conversation-context.ts';
import { flowData, storedFlowState } from '../flow-data.ts';
import { normalizeWords } from '../keywords.ts';
import type { DialogueStateStore, FlowState } from '../stores/dialogue-state-store.ts';
import type { PersonalData, PrivacyStore } from '../stores/privacy-store.ts';
import { speakerFor, text, type Speaker } from '../speaker.ts';

/** The stores this file reads and changes. */
type DataContext = ConversationContext<PrivacyStore & DialogueStateStore>;

export const ERASE = 'erase';

const eraseData = z.object({
  /** What the person was doing when they asked, given back if they keep their data. */
  resume: storedFlowState.optional(),
});

/** What the erase confirmation keeps between messages. */
export const ERASE_STATES = { [ERASE]: eraseData };

const ERASE_YES = 'erase:yes';
const ERASE_NO = 'erase:no';
/** Typed refusals: a typed "yes" is not enough to erase everything, the button is. */
const TYPED_NO = ['non', 'no', 'garder', 'keep'];

/** MY DATA: a readable account of everything stored about the person, in words, dates in their own time. */
export async function myData(context: DataContext): Promise<Outgoing[]> {
  const { t, pick, language } = speakerFor(context);
  const data = await context.store.personalData(context.person.id);
  const none = t('commands:none');
  const list = (items: string[]) => (items.length > 0 ? items.join(t('commands:my_data_separator')) : none);
  const consentText = (recorded: string) => {
    const applying = /^application:(.*)$/s.exec(recorded);
    if (applying) return t('applications:my_data_consent_text', { version: applying[1] });
    const { role, version } = consentVersionRole(recorded);
    return t(`commands:my_data_consent_text_${role}`, { version });
  };
  const lines = [
    t('commands:my_data_title'),
    t('commands:my_data_name', { value: data.displayName ?? none }),
    t('commands:my_data_language', {
      value: data.locale && isLanguage(data.locale) ? t(`commands:my_data_language_${data.locale}`) : none,
    }),
    t('commands:my_data_hub', { value: data.hub ? pick(data.hub) : none, timeZone: data.timeZone }),
    t('commands:my_data_channels', {
      value: list(
        data.channels.map((c) =>
          t('commands:my_data_account', {
            channel: t(`commands:my_data_channel_${c.channel}`),
            id: c.phoneNumber ?? c.username ?? c.platformId,
          }),
        ),
      ),
    }),
    // Two chats linked (LIER): how to detach one.
    ...(data.channels.length > 1 ? [t('link:my_data_unlink')] : []),
    t('commands:my_data_enrolments', {
      value: list(
        data.enrolments.map((e) =>
          t('commands:my_data_enrolment', {
            cohort: pick(e.cohort),
            role: t(`commands:my_data_role_${e.role}`),
            status: t(`commands:my_data_status_${e.status}`),
          }),
        ),
      ),
    }),
    t('commands:my_data_consents', {
      value: list(
        data.consents.map((c) =>
          t(c.given ? 'commands:my_data_consent_given' : 'commands:my_data_consent_refused', {
            date: formatLocalDateTime(c.at, data.timeZone, language),
            text: consentText(c.version),
          }),
        ),
      ),
    }),
    t('commands:my_data_submissions', {
      value: list(
        data.submissions.map((s) =>
          t('commands:my_data_submission', {
            title: pick(s.title),
            status: t(`commands:my_data_submission_${s.status}${s.status === 'submitted' && s.late ? '_late' : ''}`),
            answers: t('commands:my_data_answers', { count: s.answers }),
          }),
        ),
      ),
    }),
    ...applicationLines(data, { t, pick, language }),
    ...sessionLines(data.sessions, { t, pick }),
    ...helpDeskLines(data.helpDesk, data.timeZone, { t, language }),
    t('commands:my_data_counts', { received: data.messagesReceived, sent: data.messagesSent, checkIns: data.checkIns }),
    t('commands:my_data_footer'),
  ];
  return [text(lines.join('\n'))];
}

/** The applications line of MY DATA: each one's state, answers, files, country and city; none when never applied. */
function applicationLines(data: PersonalData, { t, pick, language }: Speaker): string[] {
  if (data.applications.length === 0) return [];
  const unknown = t('applications:my_data_unknown');
  const each = data.applications.map((a) =>
    t('applications:my_data_application', {
      programme: pick(a.programme),
      status: t(`applications:my_data_status_${a.status}`),
      answers: t('applications:my_data_answers', { count: a.answers }),
      files: t('applications:my_data_files', { count: a.files }),
      country: data.country ? countryName(data.country, language) : unknown,
      city: a.city ?? unknown,
    }),
  );
  return [t('applications:my_data_applications', { value: each.join(t('commands:my_data_separator')) })];
}

/** The sessions line of MY DATA: each session's answer, attendance and feedback; none when never invited. */
function sessionLines(sessions: PersonalData['sessions'], { t, pick }: Pick<Speaker, 't' | 'pick'>): string[] {
  if (sessions.length === 0) return [];
  const each = sessions.map((s) => {
    const facts = [
      s.rsvp ? t('commands:my_data_session_rsvp', { answer: t(`sessions:rsvp.${s.rsvp}`) }) : null,
      s.attended ? t('commands:my_data_session_attended') : null,
      s.feedbackScore !== null ? t('commands:my_data_session_score', { score: s.feedbackScore }) : null,
      s.feedbackComment !== null ? t('commands:my_data_session_comment', { comment: s.feedbackComment }) : null,
    ].filter((fact) => fact !== null);
    return t('commands:my_data_session', {
      title: pick(s.title),
      facts: facts.length > 0 ? facts.join(', ') : t('commands:my_data_session_invited'),
    });
  });
  return [t('commands:my_data_sessions', { value: each.join(t('commands:my_data_separator')) })];
}

/** The help desk's line of MY DATA: counts and the last date, not the words; none when never used. */
function helpDeskLines(
  helpDesk: PersonalData['helpDesk'],
  timeZone: string,
  { t, language }: Pick<Speaker, 't' | 'language'>,
): string[] {
  const lines: string[] = [];
  if (helpDesk.conversations > 0) {
    lines.push(
      t('commands:my_data_help_desk', {
        conversations: t('commands:my_data_help_conversations', { count: helpDesk.conversations }),
        messages: t('commands:my_data_help_messages', { count: helpDesk.messages }),
        date: helpDesk.lastMessageAt ? formatLocalDateTime(helpDesk.lastMessageAt, timeZone, language) : '',
      }),
    );
  }
  if (helpDesk.written > 0) lines.push(t('commands:my_data_help_written', { count: helpDesk.written }));
  return lines;
}

/** DELETE / EFFACER: asks for a confirmation first; `resume` is the dialogue given back if they keep their data. */
export async function askErase(context: DataContext, resume: FlowState | null): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  const kept = resume && resume.flow !== ERASE ? resume : undefined;
  await context.store.setState(context.person.id, {
    flow: ERASE,
    step: 'confirm',
    data: kept ? { resume: kept } : {},
  });
  return [eraseQuestion(t('commands:erase_confirm'), context)];
}

export async function continueErase(
  state: FlowState,
  event: InboundEventLike,
  context: DataContext,
): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  const { resume } = flowData(eraseData, state);
  if (event.kind === 'choice' && event.choiceId === ERASE_YES) {
    await context.store.clearState(context.person.id);
    const confirmation = t('commands:erased');
    await context.store.erase(context.person.id, context.now());
    return [{ payload: { kind: 'text', text: confirmation }, purpose: 'erase_confirmation' }];
  }
  const refused =
    (event.kind === 'choice' && event.choiceId === ERASE_NO) ||
    (event.kind === 'text' && TYPED_NO.includes(normalizeWords(event.text)));
  if (!refused) {
    // Anything else is neither: the question stays, shortly, with what to press.
    return [
      eraseQuestion(t('commands:erase_press', { yes: t('commands:erase_yes'), no: t('commands:erase_no') }), context),
    ];
  }
  if (resume) await context.store.setState(context.person.id, resume);
  else await context.store.clearState(context.person.id);
  return [text(t('commands:erase_cancelled'))];
}

function eraseQuestion(question: string, context: DataContext): Outgoing {
  const { t } = speakerFor(context);
  return {
    payload: {
      kind: 'choices',
      text: question,
      choices: [
        { id: ERASE_YES, label: t('commands:erase_yes') },
        { id: ERASE_NO, label: t('commands:erase_no') },
      ],
    },
  };
}
