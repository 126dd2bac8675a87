import { z } from 'zod';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import type { Outgoing } from '../conversation-context.ts';
import { flowData, storedFlowState } from '../flow-data.ts';
import { writeToPersonId } from './help-desk-choice-ids.ts';
import type { FlowState } from '../stores/dialogue-state-store.ts';
import type { WritablePerson } from '../stores/team-help-store.ts';
import { speakerFor, text } from '../speaker.ts';
import { giveBack } from './give-dialogue-back.ts';
import {
  deliverTeamMessage,
  readTeamMessage,
  resumable,
  WRITE_TO_PERSON,
  type TeamContext,
} from './team-reply-message.ts';

/**
 * ÉCRIRE / WRITE: a mentor or a trainer writes first to one of their people. They pick the person
 * (buttons, or a number for a long list), then write a text or send a file; it starts or continues
 * the person's help-desk conversation, so that it is in the dashboard's inbox too. Staff, who see
 * the whole programme, write from the inbox. A mentor's older "Write to <mentee>" and "Reply"
 * buttons (`reply:<menteeId>`) lead to the same place.
 */
export { WRITE_TO_PERSON };

/** Beyond this many people, a numbered list: more buttons than that read badly on every platform. */
const BUTTONS_MAX = 10;

export const WRITE_TO_PERSON_STATES = {
  [WRITE_TO_PERSON]: z.union([
    /** step "pick": the people listed, in the order of their numbers. */
    z.object({ personIds: z.array(z.string()).min(1), resume: storedFlowState.optional() }),
    /** step "compose": whom the message is for. */
    z.object({ personId: z.string(), resume: storedFlowState.optional() }),
  ]),
};

/** ÉCRIRE: lists the person's people to pick from; `state` is given back once the message is sent. */
export async function startWriting(state: FlowState | null, context: TeamContext): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  const { roles } = context.person;
  if (!roles.some((role) => role === 'mentor' || role === 'trainer' || role === 'staff')) {
    return [text(t('helpdesk-team:write_team_only'))];
  }
  const found = await context.store.writablePeople(context.person.id);
  if (found.kind === 'dashboard') return [text(t('helpdesk-team:write_from_dashboard'))];
  if (found.kind === 'none') return [text(t('helpdesk-team:write_nobody'))];
  const { people } = found;
  const resume = resumable(state);
  await context.store.setState(context.person.id, {
    flow: WRITE_TO_PERSON,
    step: 'pick',
    data: { personIds: people.map((p) => p.id), ...(resume && { resume }) },
  });
  const about = people.map((p) => p.id);
  if (people.length > BUTTONS_MAX) {
    const lines = people.map((p, index) => t('helpdesk-team:pick_line', { number: index + 1, name: nameOf(p, t) }));
    return [{ ...text(`${t('helpdesk-team:pick_by_number')}\n${lines.join('\n')}`), about }];
  }
  return [
    {
      payload: {
        kind: 'choices',
        text: t('helpdesk-team:pick_person'),
        choices: people.map((p) => ({ id: writeToPersonId(p.id), label: nameOf(p, t) })),
      },
      about,
    },
  ];
}

/** A person picked (a button, an old mentor's button): asks for the message. */
export async function pickPerson(personId: string, state: FlowState | null, context: TeamContext): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  const person = await context.store.writablePerson(context.person.id, personId);
  if (!person) return [text(t('helpdesk-team:cannot_write_to'))];
  const resume = resumable(state);
  await context.store.setState(context.person.id, {
    flow: WRITE_TO_PERSON,
    step: 'compose',
    data: { personId, ...(resume && { resume }) },
  });
  return [{ ...text(t('helpdesk-team:compose_message', { name: nameOf(person, t) })), about: [personId] }];
}

/** The number typed from the list, or the message; null for a button that is not meant for this step. */
export async function continueWriting(
  state: FlowState,
  event: InboundEvent,
  context: TeamContext,
): Promise<Outgoing[] | null> {
  const { t } = speakerFor(context);
  const data = flowData(WRITE_TO_PERSON_STATES[WRITE_TO_PERSON], state);
  if ('personIds' in data) {
    if (event.kind === 'choice') return null;
    const typed = event.kind === 'text' ? /^\s*(\d{1,3})\s*\.?\s*$/.exec(event.text) : null;
    const picked = typed ? data.personIds[Number(typed[1]) - 1] : undefined;
    if (!picked) return [text(t('helpdesk-team:pick_invalid', { max: data.personIds.length }))];
    return pickPerson(picked, data.resume ?? null, context);
  }
  return sendToPerson(data.personId, data.resume ?? null, event, context);
}

/** Passes the message on to the person, if the author may still write to them; `resume` is given back. */
export async function sendToPerson(
  personId: string,
  resume: FlowState | null,
  event: InboundEvent,
  context: TeamContext,
): Promise<Outgoing[] | null> {
  const { t } = speakerFor(context);
  const reading = await readTeamMessage(event, context);
  if (reading.kind === 'other') return null;
  if (reading.kind === 'problem') return reading.replies;
  const sent = await context.store.writeToPerson(context.person.id, personId, reading.input, context.now());
  const after = await giveBack(resume, context);
  if (!sent) return [text(t('helpdesk-team:cannot_write_to')), ...after];
  return [...deliverTeamMessage(sent, reading.content, 'helpdesk-team:message_sent', context), ...after];
}

function nameOf(person: WritablePerson, t: (key: string) => string): string {
  return person.displayName ?? t('helpdesk:unnamed');
}
