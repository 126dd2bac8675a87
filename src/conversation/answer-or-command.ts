import { z } from 'zod';
import type { InboundEvent } from '../domain/inbound-event.ts';
import type { ConversationContext, Outgoing } from './conversation-context.ts';
import { flowData, storedFlowState } from './flow-data.ts';
import { KEYWORD_NAMES, type KeywordMatch } from './keywords.ts';
import type { DialogueStateStore, FlowState } from './stores/dialogue-state-store.ts';
import { speakerFor } from './speaker.ts';

/**
 * A word that is both a command and an ordinary word ("Pause", "Plan", "Bonjour"), typed where
 * free text is expected: the person is asked which they meant, with two buttons. What they typed
 * and the dialogue they were in are kept, so that "what I meant to write" files it exactly as it
 * would have been, and "the command" runs the command; the dialogue is given back either way.
 */
export const ANSWER_OR_COMMAND = 'answer_or_command';

const MEANT_ANSWER = 'aoc:answer';
const MEANT_COMMAND = 'aoc:command';

const answerOrCommandData = z.object({
  /** Exactly what the person typed. */
  typed: z.string(),
  /** When they typed it (ISO): an exercise answer filed later is on time if it was. */
  sentAt: z.string(),
  keyword: z.enum(KEYWORD_NAMES),
  argument: z.string(),
  /** The dialogue it was typed in. */
  resume: storedFlowState,
});

/** Whether `choiceId` is one of the two buttons of the question, wherever it is tapped. */
export function isAnswerOrCommandChoice(choiceId: string): boolean {
  return choiceId === MEANT_ANSWER || choiceId === MEANT_COMMAND;
}

/** What the question keeps between messages. */
export const ANSWER_OR_COMMAND_STATES = { [ANSWER_OR_COMMAND]: answerOrCommandData };

/** Asks whether `event`'s text is meant for the dialogue `state` or as the command it reads as. */
export async function askAnswerOrCommand(
  event: InboundEvent & { kind: 'text' },
  match: KeywordMatch,
  state: FlowState,
  context: ConversationContext<DialogueStateStore>,
): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  await context.store.setState(context.person.id, {
    flow: ANSWER_OR_COMMAND,
    step: 'ask',
    data: { typed: event.text, sentAt: event.sentAt, keyword: match.keyword, argument: match.argument, resume: state },
  });
  const command = t(`commands:command_name_${match.keyword}`);
  return [
    {
      payload: {
        kind: 'choices',
        text: t('commands:answer_or_command', {
          typed: event.text.trim(),
          command,
          does: t(`commands:command_does_${match.keyword}`),
        }),
        choices: [
          { id: MEANT_ANSWER, label: t('commands:meant_answer') },
          { id: MEANT_COMMAND, label: t('commands:meant_command', { command }) },
        ],
      },
    },
  ];
}

/** What the person said they meant; the dialogue they were in (`state`) is given back in every case. */
type Meant =
  | { meant: 'answer'; event: InboundEvent; state: FlowState }
  | { meant: 'command'; match: KeywordMatch; state: FlowState }
  /** Neither button: the event is to be read in the dialogue given back. */
  | { meant: 'other'; state: FlowState };

export async function settleAnswerOrCommand(
  state: FlowState,
  event: InboundEvent,
  context: ConversationContext<DialogueStateStore>,
): Promise<Meant> {
  const data = flowData(answerOrCommandData, state);
  await context.store.setState(context.person.id, data.resume);
  if (event.kind === 'choice' && event.choiceId === MEANT_ANSWER) {
    const typed: InboundEvent = {
      channel: event.channel,
      platformEventId: event.platformEventId,
      sender: event.sender,
      sentAt: data.sentAt,
      kind: 'text',
      text: data.typed,
    };
    return { meant: 'answer', event: typed, state: data.resume };
  }
  if (event.kind === 'choice' && event.choiceId === MEANT_COMMAND) {
    return { meant: 'command', match: { keyword: data.keyword, argument: data.argument }, state: data.resume };
  }
  return { meant: 'other', state: data.resume };
}
