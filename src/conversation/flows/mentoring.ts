import { z } from 'zod';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { DialogueStateStore, FlowState } from '../stores/dialogue-state-store.ts';
import type { CheckInSignal, MentoringStore } from '../stores/mentoring-store.ts';
import { flowData } from '../flow-data.ts';
import { speakerFor, text } from '../speaker.ts';

/** The stores this file reads and changes. */
type MentoringContext = ConversationContext<MentoringStore & DialogueStateStore>;

/**
 * Between mentors and mentees: a participant writes to their mentor (MENTOR), the mentor
 * answers with the button under the forwarded message; mentors answer check-in prompts with
 * quick choices and an optional note; MENTEES shows a mentor their own mentees only.
 */
const MESSAGE_MENTOR = 'message_mentor';
const REPLY_MENTEE = 'reply_mentee';
const CHECK_IN = 'check_in';

/** What the mentoring flows keep between messages. */
export const MENTORING_STATES = {
  [MESSAGE_MENTOR]: z.object({}),
  [REPLY_MENTEE]: z.object({ menteeId: z.string() }),
  [CHECK_IN]: z.object({ checkInId: z.string() }),
};
const SIGNALS: CheckInSignal[] = ['on_track', 'needs_attention', 'no_contact'];
const NOTE_MAX_LENGTH = 2000;

export function isMentorFlow(state: FlowState): boolean {
  return [MESSAGE_MENTOR, REPLY_MENTEE, CHECK_IN].includes(state.flow);
}

/** The prompt a mentor receives for a check-in with a mentee. */
export function checkInPrompt(checkInId: string, menteeName: string, context: ConversationContext<unknown>): Outgoing {
  const { t } = speakerFor(context);
  return {
    purpose: 'check_in',
    payload: {
      kind: 'choices',
      text: t('mentor:check_in_prompt', { name: menteeName }),
      choices: SIGNALS.map((signal) => ({ id: `ci:${checkInId}:${signal}`, label: t(`mentor:signal_${signal}`) })),
    },
  };
}

export async function messageMentor(context: MentoringContext): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  const mentors = await context.store.mentorsOf(context.person.id);
  if (mentors.length === 0) return [text(t('mentor:no_mentor'))];
  await context.store.setState(context.person.id, { flow: MESSAGE_MENTOR, step: 'compose', data: {} });
  return [
    {
      ...text(t('mentor:write_to_mentor', { name: mentors.map((m) => m.displayName ?? '?').join(', ') })),
      about: mentors.map((m) => m.id),
    },
  ];
}

/** MENTEES: each of the mentor's own mentees, with their progress. */
export async function mentees(context: MentoringContext): Promise<Outgoing[]> {
  const { t, language } = speakerFor(context);
  const list = await context.store.menteesOf(context.person.id);
  if (list.length === 0) return [text(t('mentor:no_mentees'))];
  const lines = list.map((m) =>
    t('mentor:mentee_line', {
      name: m.displayName ?? '?',
      done: m.done,
      late: m.late,
      missing: m.missing,
      last: m.lastMessageAt ? formatLocalDateTime(m.lastMessageAt, context.person.timeZone, language) : '—',
      signal: m.lastSignal ? t(`mentor:signal_${m.lastSignal}`) : '—',
    }),
  );
  return [{ ...text(`${t('mentor:mentees_title')}\n${lines.join('\n')}`), about: list.map((m) => m.id) }];
}

/** Continues a mentoring flow; with no state, handles the buttons mentors get (reply, check-in). */
export async function continueMentorFlow(
  state: FlowState | null,
  event: InboundEvent,
  context: MentoringContext,
): Promise<Outgoing[]> {
  const { store, person } = context;
  const { t } = speakerFor(context);

  if (event.kind === 'choice') {
    const reply = /^reply:(.+)$/.exec(event.choiceId);
    if (reply && (await store.isMentorOf(person.id, reply[1]!))) {
      await store.setState(person.id, { flow: REPLY_MENTEE, step: 'compose', data: { menteeId: reply[1] } });
      return [text(t('mentor:write_reply'))];
    }
    const checkIn = /^ci:([^:]+):(on_track|needs_attention|no_contact)$/.exec(event.choiceId);
    if (checkIn) {
      const answered = await store.answerCheckIn(
        checkIn[1]!,
        person.id,
        checkIn[2] as CheckInSignal,
        new Date(event.sentAt),
      );
      if (!answered) return [text(t('common:choice_expired'))];
      await store.setState(person.id, { flow: CHECK_IN, step: 'note', data: { checkInId: checkIn[1] } });
      return [
        {
          payload: {
            kind: 'choices',
            text: t('mentor:ask_note', { name: answered.menteeName ?? '?' }),
            choices: [{ id: 'ci-note:skip', label: t('mentor:no_note') }],
          },
          about: [answered.menteeId],
        },
      ];
    }
  }
  if (!state) return [];

  if (state.flow === CHECK_IN) {
    await store.clearState(person.id);
    if (event.kind === 'text')
      await store.addCheckInNote(
        flowData(MENTORING_STATES[CHECK_IN], state).checkInId,
        event.text.slice(0, NOTE_MAX_LENGTH),
      );
    return [text(t('mentor:check_in_saved'))];
  }
  if (event.kind !== 'text') return [text(t('mentor:write_text'))];
  await store.clearState(person.id);
  if (state.flow === MESSAGE_MENTOR) {
    const mentors = await store.mentorsOf(person.id);
    return [
      ...mentors.map((mentor): Outgoing => ({
        toPersonId: mentor.id,
        purpose: 'mentor_message',
        payload: {
          kind: 'choices',
          text: context.translate(mentor.locale ?? context.defaultLanguage, 'mentor:forwarded', {
            name: person.displayName ?? '?',
            message: event.text,
          }),
          choices: [
            {
              id: `reply:${person.id}`,
              label: context.translate(mentor.locale ?? context.defaultLanguage, 'mentor:reply'),
            },
          ],
        },
      })),
      text(t('mentor:sent_to_mentor')),
    ];
  }
  const { menteeId } = flowData(MENTORING_STATES[REPLY_MENTEE], state);
  if (!(await store.isMentorOf(person.id, menteeId))) return [text(t('common:choice_expired'))];
  const menteeLanguage = (await store.localeOf(menteeId)) ?? context.defaultLanguage;
  return [
    {
      toPersonId: menteeId,
      purpose: 'mentor_message',
      payload: {
        kind: 'text',
        text: context.translate(menteeLanguage, 'mentor:reply_forwarded', {
          name: person.displayName ?? '?',
          message: event.text,
        }),
      },
    },
    text(t('mentor:sent_to_mentee')),
  ];
}
