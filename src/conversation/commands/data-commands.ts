import { z } from 'zod';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import { consentVersionRole } from '../../domain/programme/consent-for-role.ts';
import { isLanguage } from '../../domain/programme/language.ts';
import type { ConversationContext, InboundEventLike, Outgoing } from '../conversation-context.ts';
import type { DialogueStateStore, FlowState } from '../stores/dialogue-state-store.ts';
import type { PrivacyStore } from '../stores/privacy-store.ts';
import { speakerFor, text } from '../speaker.ts';

/** The stores this file reads and changes. */
type DataContext = ConversationContext<PrivacyStore & DialogueStateStore>;

export const ERASE = 'erase';

/** What the erase confirmation keeps between messages: nothing but the step. */
export const ERASE_STATES = { [ERASE]: z.object({}) };

/** MY DATA: a readable account of everything stored about the person, in words, dates in their own time. */
export async function myData(context: DataContext): Promise<Outgoing[]> {
  const { t, pick, language } = speakerFor(context);
  const data = await context.store.personalData(context.person.id);
  const none = t('commands:none');
  const list = (items: string[]) => (items.length > 0 ? items.join(t('commands:my_data_separator')) : none);
  const consentText = (recorded: string) => {
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
      value: list(data.channels.map((c) => [c.channel, c.phoneNumber ?? c.username ?? c.platformId].join(' '))),
    }),
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
    t('commands:my_data_counts', { received: data.messagesReceived, sent: data.messagesSent, checkIns: data.checkIns }),
    t('commands:my_data_footer'),
  ];
  return [text(lines.join('\n'))];
}

/** DELETE / EFFACER: asks for a confirmation first. */
export async function askErase(context: DataContext): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  await context.store.setState(context.person.id, { flow: ERASE, step: 'confirm', data: {} });
  return [
    {
      payload: {
        kind: 'choices',
        text: t('commands:erase_confirm'),
        choices: [
          { id: 'erase:yes', label: t('commands:erase_yes') },
          { id: 'erase:no', label: t('commands:erase_no') },
        ],
      },
    },
  ];
}

export async function continueErase(
  _state: FlowState,
  event: InboundEventLike,
  context: DataContext,
): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  await context.store.clearState(context.person.id);
  if (event.kind === 'choice' && event.choiceId === 'erase:yes') {
    const confirmation = t('commands:erased');
    await context.store.erase(context.person.id, context.now());
    return [{ payload: { kind: 'text', text: confirmation }, purpose: 'erase_confirmation' }];
  }
  return [text(t('commands:erase_cancelled'))];
}
