import { z } from 'zod';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import type { Outgoing } from '../conversation-context.ts';
import { flowData, storedFlowState } from '../flow-data.ts';
import type { FlowState } from '../stores/dialogue-state-store.ts';
import { speakerFor, text } from '../speaker.ts';
import { giveBack } from './give-dialogue-back.ts';
import { parseHelpDeskChoice } from './help-desk-choice-ids.ts';
import {
  deliverTeamMessage,
  readTeamMessage,
  resumable,
  TEAM_REPLY,
  WRITE_TO_PERSON,
  type TeamContext,
} from './team-reply-message.ts';
import { continueWriting, pickPerson, WRITE_TO_PERSON_STATES } from './write-to-person.ts';

/**
 * The team answers a participant in chat: the Reply button under a relayed message
 * (`hd:reply:<conversationId>`) asks for the answer, whatever the person was doing; their next
 * text or file is the answer, passed to the participant in the participant's language. Whoever
 * may see the conversation may answer it, even after a colleague did (a hub's trainers are a
 * team); someone who may no longer (a mentee reassigned, a participant who moved city) is told.
 */
export { TEAM_REPLY };

export const TEAM_REPLY_STATES = {
  [TEAM_REPLY]: z.object({ conversationId: z.string(), resume: storedFlowState.optional() }),
  ...WRITE_TO_PERSON_STATES,
};

/** A mentor's button from before the help desk: "Reply" under a mentee's message, "Write to <mentee>". */
const OLD_MENTOR_REPLY = /^reply:(.+)$/;

/** Whether a button is one of the team's: Reply, a person to write to, a mentor's older Reply. */
export function isTeamHelpChoice(choiceId: string): boolean {
  const choice = parseHelpDeskChoice(choiceId);
  return choice?.kind === 'reply' || choice?.kind === 'write-to' || OLD_MENTOR_REPLY.test(choiceId);
}

/** A tap on one of the team's buttons; the dialogue the person was in (`state`) is given back after. */
export async function answerTeamHelpChoice(
  event: InboundEvent & { kind: 'choice' },
  state: FlowState | null,
  context: TeamContext,
): Promise<Outgoing[]> {
  const choice = parseHelpDeskChoice(event.choiceId);
  if (choice?.kind === 'reply') return startReply(choice.conversationId, state, context);
  const personId = choice?.kind === 'write-to' ? choice.personId : OLD_MENTOR_REPLY.exec(event.choiceId)?.[1];
  if (personId === undefined) return [text(speakerFor(context).t('common:choice_expired'))];
  return pickPerson(personId, state, context);
}

/** Whether the person is answering a conversation or writing to someone. */
export function isTeamHelpFlow(state: FlowState): boolean {
  return state.flow === TEAM_REPLY || state.flow === WRITE_TO_PERSON;
}

/** Steps where the team writes freely (the answer, the message); picking a person by number is not one. */
export function teamHelpAcceptsFreeText(state: FlowState): boolean {
  return isTeamHelpFlow(state) && state.step === 'compose';
}

/** The answer or message being written; null for a button that is not meant for it (it acts as anywhere). */
export async function continueTeamHelpFlow(
  state: FlowState,
  event: InboundEvent,
  context: TeamContext,
): Promise<Outgoing[] | null> {
  if (state.flow === WRITE_TO_PERSON) return continueWriting(state, event, context);
  const { t } = speakerFor(context);
  const { conversationId, resume } = flowData(TEAM_REPLY_STATES[TEAM_REPLY], state);
  const reading = await readTeamMessage(event, context);
  if (reading.kind === 'other') return null;
  if (reading.kind === 'problem') return reading.replies;
  const sent = await context.store.answerConversation(context.person.id, conversationId, reading.input, context.now());
  const after = await giveBack(resume ?? null, context);
  if (!sent) return [text(t('helpdesk-team:not_yours')), ...after];
  return [...deliverTeamMessage(sent, reading.content, 'helpdesk-team:answer_sent', context), ...after];
}

async function startReply(conversationId: string, state: FlowState | null, context: TeamContext): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  const person = await context.store.answerableConversation(context.person.id, conversationId);
  if (!person) return [text(t('helpdesk-team:not_yours'))];
  const resume = resumable(state);
  await context.store.setState(context.person.id, {
    flow: TEAM_REPLY,
    step: 'compose',
    data: { conversationId, ...(resume && { resume }) },
  });
  const name = person.displayName ?? t('helpdesk:unnamed');
  return [{ ...text(t('helpdesk-team:compose_answer', { name })), about: [person.id] }];
}
