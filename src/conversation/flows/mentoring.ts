import { z } from 'zod';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { DialogueStateStore, FlowState } from '../stores/dialogue-state-store.ts';
import type { ExerciseStore } from '../stores/exercise-store.ts';
import type { HelpDeskStore } from '../stores/help-desk-store.ts';
import type { CheckInSignal, MentoringStore } from '../stores/mentoring-store.ts';
import { flowData } from '../flow-data.ts';
import { speakerFor, text } from '../speaker.ts';
import { continueHelpDesk, HELP_DESK, offerHelpDeskInstead } from './help-desk.ts';
import type { TeamContext } from './team-reply-message.ts';
import { sendToPerson } from './write-to-person.ts';

/**
 * The stores this file reads and changes: a participant's message to their mentor goes through the
 * help desk, and so does a mentor's answer.
 */
type MentoringContext = ConversationContext<
  MentoringStore & DialogueStateStore & HelpDeskStore & Pick<ExerciseStore, 'mediaFileFor'>
> &
  TeamContext;

/**
 * Between mentors and mentees: a participant writes to their mentor (MENTOR), through the help
 * desk (the mentor answers with the button under the relayed message, and it is in the inbox);
 * a mentor writes to a mentee with the button of their introduction; mentors answer check-in prompts with
 * quick choices and an optional note; MENTEES shows a mentor their own mentees only.
 */
const MESSAGE_MENTOR = 'message_mentor';
const REPLY_MENTEE = 'reply_mentee';
const CHECK_IN = 'check_in';

/** A check-in answered whose note the mentor has not written or declined yet. */
const pendingNote = z.object({ checkInId: z.string(), menteeId: z.string(), menteeName: z.string().nullable() });
type PendingNote = z.infer<typeof pendingNote>;

/** What the mentoring flows keep between messages; `notes` in the order they were asked, the first one open. */
export const MENTORING_STATES = {
  [MESSAGE_MENTOR]: z.object({}),
  [REPLY_MENTEE]: z.object({ menteeId: z.string() }),
  [CHECK_IN]: z.object({ notes: z.array(pendingNote).min(1) }),
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

/**
 * MENTOR: the next message goes to the mentor as a help-desk conversation (so that it is in the
 * inbox, and passes up if unanswered). With no mentor yet, the help desk is offered instead.
 */
export async function messageMentor(context: MentoringContext): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  const mentors = await context.store.mentorsOf(context.person.id);
  if (mentors.length === 0) return (await offerHelpDeskInstead(context)) ?? [text(t('mentor:no_mentor'))];
  await context.store.setState(context.person.id, { flow: HELP_DESK, step: 'compose', data: {} });
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
    const checkIn = /^ci:([^:]+):(on_track|needs_attention|no_contact)$/.exec(event.choiceId);
    if (checkIn) return answerCheckIn(state, checkIn[1]!, checkIn[2] as CheckInSignal, event.sentAt, context);
    const noNote = /^ci-note:([^:]+):skip$/.exec(event.choiceId);
    if (noNote) {
      const mentee = await store.checkInMentee(noNote[1]!, person.id);
      if (!mentee) return [text(t('common:choice_expired'))];
      return closeNote(state, { checkInId: noNote[1]!, ...mentee }, context);
    }
  }
  if (!state) return [];
  // Kept from before the help desk: the answer now goes into the mentee's conversation (see write-to-person.ts).
  if (state.flow === REPLY_MENTEE) {
    const { menteeId } = flowData(MENTORING_STATES[REPLY_MENTEE], state);
    return (await sendToPerson(menteeId, null, event, context)) ?? [text(t('mentor:write_text'))];
  }

  if (state.flow === CHECK_IN) {
    // A typed text is the note the open question asked for: the first of those asked.
    const [open] = flowData(MENTORING_STATES[CHECK_IN], state).notes;
    if (event.kind !== 'text') return [text(t('mentor:write_text'))];
    // A check-in gone since (its mentee erased): its question closes without a note.
    const kept = await store.addCheckInNote(open!.checkInId, person.id, event.text.slice(0, NOTE_MAX_LENGTH));
    return closeNote(state, open!, context, kept ? undefined : t('common:choice_expired'));
  }
  // A message to the mentor begun before it went through the help desk goes there too.
  if (state.flow === MESSAGE_MENTOR) {
    const sent = await continueHelpDesk({ flow: HELP_DESK, step: 'compose', data: {} }, event, context);
    return sent ?? [text(t('mentor:write_text'))];
  }
  if (event.kind !== 'text') return [text(t('mentor:write_text'))];
  await store.clearState(person.id);
  // Every mentoring flow is answered above.
  return [];
}

/**
 * Records a tap on a check-in prompt and asks for a note. Only one note question is open at a
 * time, so that a typed text always lands on the mentee the last message named: a check-in
 * answered while another mentee's note is open waits its turn, with its own "no note" button.
 */
async function answerCheckIn(
  state: FlowState | null,
  checkInId: string,
  signal: CheckInSignal,
  sentAt: string,
  context: MentoringContext,
): Promise<Outgoing[]> {
  const { store, person } = context;
  const { t } = speakerFor(context);
  const answered = await store.answerCheckIn(checkInId, person.id, signal, new Date(sentAt));
  if (!answered) return [text(t('common:choice_expired'))];
  const asked: PendingNote = { checkInId, ...answered };
  const notes = pendingNotes(state);
  if (!notes.some((n) => n.checkInId === checkInId)) notes.push(asked);
  await store.setState(person.id, { flow: CHECK_IN, step: 'note', data: { notes } });
  const open = notes[0]!;
  if (open.checkInId === checkInId) return [askNote(open, t('mentor:ask_note', { name: nameOf(open) }), context)];
  return [
    {
      payload: {
        kind: 'choices',
        text: t('mentor:note_later', { name: nameOf(asked), first: nameOf(open) }),
        choices: [open, asked].map((n) => ({
          id: noNoteId(n),
          label: t('mentor:no_note_for', { name: nameOf(n) }),
        })),
      },
      about: [open.menteeId, asked.menteeId],
    },
  ];
}

/** A note written or declined: says for whom (or `instead`), and asks for the next note waiting, if any. */
async function closeNote(
  state: FlowState | null,
  closed: PendingNote,
  context: MentoringContext,
  instead?: string,
): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  const notes = pendingNotes(state).filter((n) => n.checkInId !== closed.checkInId);
  if (notes.length > 0)
    await context.store.setState(context.person.id, { flow: CHECK_IN, step: 'note', data: { notes } });
  else if (state?.flow === CHECK_IN) await context.store.clearState(context.person.id);
  const saved = instead ?? t('mentor:check_in_saved', { name: nameOf(closed) });
  const next = notes[0];
  if (!next) return [{ ...text(saved), about: [closed.menteeId] }];
  const message = askNote(next, `${saved}\n\n${t('mentor:ask_note_next', { name: nameOf(next) })}`, context);
  return [{ ...message, about: [closed.menteeId, next.menteeId] }];
}

function askNote(note: PendingNote, question: string, context: MentoringContext): Outgoing {
  const { t } = speakerFor(context);
  return {
    payload: { kind: 'choices', text: question, choices: [{ id: noNoteId(note), label: t('mentor:no_note') }] },
    about: [note.menteeId],
  };
}

function pendingNotes(state: FlowState | null): PendingNote[] {
  return state?.flow === CHECK_IN ? [...flowData(MENTORING_STATES[CHECK_IN], state).notes] : [];
}

const noNoteId = (note: PendingNote) => `ci-note:${note.checkInId}:skip`;
const nameOf = (note: PendingNote) => note.menteeName ?? '?';
