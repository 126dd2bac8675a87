import { z } from 'zod';
import { MEDIA_KINDS, type InboundEvent } from '../../domain/inbound-event.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import { flowData, storedFlowState } from '../flow-data.ts';
import { helpMessageForTeam } from '../notices/help-desk-notices.ts';
import { formatBytes, speakerFor, text } from '../speaker.ts';
import type { DialogueStateStore, FlowState } from '../stores/dialogue-state-store.ts';
import type { ExerciseStore } from '../stores/exercise-store.ts';
import type { HelpDeskStore } from '../stores/help-desk-store.ts';
import { giveBack } from './give-dialogue-back.ts';
import { KEEP_FROM_TEAM_ID, parseHelpDeskChoice, SEND_TO_TEAM_ID } from './help-desk-choice-ids.ts';
import { whenAnswered, whoAnswers } from './help-desk-words.ts';
import { isThanks } from '../../domain/help-desk/is-thanks.ts';

/**
 * A participant's side of the help desk: QUESTION (or MENTOR) asks them to write, and the next
 * message, text or file, goes to whoever answers them; a message written outside any dialogue is
 * sent only once they confirm it is for the team; while the team waits for them, it goes straight in.
 */
export const HELP_DESK = 'help_desk';

/** A message kept until the person says whether it is for the team. */
const keptMessage = z.object({
  text: z.string().nullable(),
  media: z.object({ kind: z.enum(MEDIA_KINDS), mediaFileId: z.string() }).nullable(),
  sentAt: z.string(),
});
type KeptMessage = z.infer<typeof keptMessage>;

/** compose: the next message goes (into `conversationId` when they tapped Reply); confirm: `messages` wait for yes or no. */
export const HELP_DESK_STATES = {
  [HELP_DESK]: z.object({
    conversationId: z.string().optional(),
    messages: z.array(keptMessage).optional(),
    /** The dialogue QUESTION interrupted (an exercise, a note): given back once the question is sent or cancelled. */
    resume: storedFlowState.optional(),
  }),
};

/** A conversation the team answered last goes on without asking, for this long after the answer. */
const STRAIGHT_IN_MS = 7 * 24 * 3600_000;
/** More messages than this waiting for a yes or no are not kept: the person is asked to answer first. */
const KEPT_MAX = 20;
/** A bare number answers a question no longer asked (an old list): it is not a question for the team. */
const BARE_NUMBER = /^\s*\d{1,3}\s*$/;

type HelpDeskContext = ConversationContext<HelpDeskStore & DialogueStateStore & ExerciseStore>;

/** QUESTION: says whom the question goes to, and waits for it; `interrupted` comes back after it. */
export async function askHelpQuestion(
  context: HelpDeskContext,
  conversationId?: string,
  interrupted: FlowState | null = null,
): Promise<Outgoing[]> {
  const speaker = speakerFor(context);
  const route = await context.store.helpDeskRoute(context.person.id);
  if (!route) return [text(speaker.t('helpdesk-ask:participants_only'))];
  if (!route.level) return nobodyToAnswer(context);
  // QUESTION while asked whether to send what they wrote: that is a yes, and it goes now.
  const kept =
    interrupted?.flow === HELP_DESK && interrupted.step === 'confirm'
      ? flowData(HELP_DESK_STATES[HELP_DESK], interrupted)
      : null;
  if (kept?.messages?.length) {
    await context.store.clearState(context.person.id);
    return sendMessages(kept.messages, context, { straightIn: false });
  }
  await context.store.setState(context.person.id, {
    flow: HELP_DESK,
    step: 'compose',
    data: {
      ...(conversationId && { conversationId }),
      ...(interrupted && interrupted.flow !== HELP_DESK && { resume: interrupted }),
    },
  });
  const who = whoAnswers({ ...route, level: route.level }, speaker);
  const key = conversationId ? 'helpdesk-ask:write_answer' : 'helpdesk-ask:write_question';
  return [{ ...text(speaker.t(key, { who })), about: route.responders.map((r) => r.personId) }];
}

/** MENTOR with no mentor: says so, and offers the help desk instead (the next message goes there). */
export async function offerHelpDeskInstead(context: HelpDeskContext): Promise<Outgoing[] | null> {
  const speaker = speakerFor(context);
  const route = await context.store.helpDeskRoute(context.person.id);
  if (!route?.level) return null;
  await context.store.setState(context.person.id, { flow: HELP_DESK, step: 'compose', data: {} });
  const who = whoAnswers({ ...route, level: route.level }, speaker);
  return [
    { ...text(speaker.t('helpdesk-ask:no_mentor_offer', { who })), about: route.responders.map((r) => r.personId) },
  ];
}

/** Whether a button is the participant's side of the help desk (send or not, write back). */
export function isParticipantHelpDeskChoice(choiceId: string): boolean {
  const choice = parseHelpDeskChoice(choiceId);
  return choice?.kind === 'send' || choice?.kind === 'answer';
}

/** "Send to the team" / "No thanks", and "Reply" under the team's answer, whatever the person is doing. */
export async function answerHelpDeskChoice(
  event: InboundEvent & { kind: 'choice' },
  state: FlowState | null,
  context: HelpDeskContext,
): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  const choice = parseHelpDeskChoice(event.choiceId);
  if (choice?.kind === 'answer') {
    if (!(await context.store.isOwnHelpConversation(context.person.id, choice.conversationId))) {
      return [text(t('common:choice_expired'))];
    }
    return askHelpQuestion(context, choice.conversationId, state);
  }
  const kept =
    state?.flow === HELP_DESK && state.step === 'confirm' ? flowData(HELP_DESK_STATES[HELP_DESK], state) : null;
  if (!kept?.messages?.length || choice?.kind !== 'send') return [text(t('common:choice_expired'))];
  await context.store.clearState(context.person.id);
  if (!choice.confirmed) return [text(t('helpdesk-ask:kept_back'))];
  return sendMessages(kept.messages, context, { straightIn: false });
}

/**
 * A message in the help desk's dialogue: the question itself (compose), or more words while the
 * person is asked whether to send (confirm). Null for what is not for it (another flow's button):
 * the dialogue is left, and the caller reads the event as outside any.
 */
export async function continueHelpDesk(
  state: FlowState,
  event: InboundEvent,
  context: HelpDeskContext,
): Promise<Outgoing[] | null> {
  const { t } = speakerFor(context);
  if (event.kind === 'choice') {
    await context.store.clearState(context.person.id);
    return null;
  }
  if (event.kind === 'media' && context.mediaProblem) return [text(mediaRejected(context))];
  const message = await keep(event, context);
  if (!message) return [text(t('helpdesk-ask:write_something'))];
  const data = flowData(HELP_DESK_STATES[HELP_DESK], state);
  if (state.step === 'compose') {
    await context.store.clearState(context.person.id);
    const sent = await sendMessages([message], context, { straightIn: false, conversationId: data.conversationId });
    return [...sent, ...(await giveBack(data.resume ?? null, context))];
  }
  const messages = data.messages ?? [];
  if (messages.length >= KEPT_MAX) return [confirmQuestion('helpdesk-ask:confirm_full', context, null)];
  await context.store.setState(context.person.id, {
    flow: HELP_DESK,
    step: 'confirm',
    data: { messages: [...messages, message] },
  });
  return [await askToConfirm('helpdesk-ask:confirm_more', context)];
}

/**
 * A text or a file sent outside any dialogue and exercise by a participant: straight into their
 * conversation while the team waits for their answer, else kept and asked about once. Null when
 * it is not for the help desk (a bare number, someone who is not a participant).
 */
export async function helpDeskOutsideDialogue(
  event: InboundEvent,
  context: HelpDeskContext,
): Promise<Outgoing[] | null> {
  if (event.kind === 'text' && BARE_NUMBER.test(event.text)) return null;
  const message = await keep(event, context);
  if (!message) return null;
  const route = await context.store.helpDeskRoute(context.person.id);
  if (!route?.level) return null;
  const latest = await context.store.latestHelpConversation(context.person.id);
  if (latest?.status === 'waiting' && context.now().getTime() - latest.lastMessageAt.getTime() <= STRAIGHT_IN_MS) {
    return sendMessages([message], context, { straightIn: true, conversationId: latest.id });
  }
  await context.store.setState(context.person.id, { flow: HELP_DESK, step: 'confirm', data: { messages: [message] } });
  const key = message.media ? 'helpdesk-ask:confirm_file' : 'helpdesk-ask:confirm_text';
  return [await askToConfirm(key, context)];
}

/** ANNULER in the help desk's dialogue: nothing goes to the team. */
export async function cancelHelpDesk(state: FlowState, context: HelpDeskContext): Promise<Outgoing[]> {
  const { resume } = flowData(HELP_DESK_STATES[HELP_DESK], state);
  await context.store.clearState(context.person.id);
  return [text(speakerFor(context).t('helpdesk-ask:cancelled')), ...(await giveBack(resume ?? null, context))];
}

/** Adds the messages to the person's conversation, tells the team (each in their language, files first) and the person. */
async function sendMessages(
  messages: KeptMessage[],
  context: HelpDeskContext,
  options: { straightIn: boolean; conversationId?: string },
): Promise<Outgoing[]> {
  const speaker = speakerFor(context);
  const notices: Outgoing[] = [];
  let last = null;
  for (const message of messages) {
    const sent = await context.store.sendToHelpDesk(
      context.person.id,
      {
        text: message.text,
        mediaFileId: message.media?.mediaFileId ?? null,
        sentAt: new Date(message.sentAt),
        thanks: options.straightIn && !message.media && message.text !== null && isThanks(message.text),
      },
      context.now(),
      options.conversationId,
    );
    if (!sent) {
      if (last) break;
      return nobodyToAnswer(context);
    }
    last = sent;
    for (const recipient of sent.notify) {
      notices.push(
        ...helpMessageForTeam(
          {
            conversationId: sent.conversationId,
            personId: context.person.id,
            personName: sent.personName,
            hubName: sent.hubName,
            level: sent.level,
            content: { text: message.text, media: message.media },
          },
          recipient,
          { defaultLocale: sent.programmeDefaultLocale },
          context,
        ),
      );
    }
  }
  if (!last) return nobodyToAnswer(context);
  if (last.outcome === 'thanked') {
    return [...notices, text(speaker.t('helpdesk-ask:thanks_noted'))];
  }
  const who = whoAnswers({ level: last.level, responders: last.notify, hubName: last.hubName }, speaker);
  const told = options.straightIn
    ? speaker.t('helpdesk-ask:passed_on', { who })
    : speaker.t('helpdesk-ask:sent', { who, when: whenAnswered(last.escalateAfterMinutes, speaker) });
  return [...notices, { ...text(told), about: last.notify.map((r) => r.personId) }];
}

/** Nobody at any level (a programme with no staff): the person is told it did not go, and the log says so. */
function nobodyToAnswer(context: HelpDeskContext): Outgoing[] {
  context.log?.('help desk: nobody can answer this person, their message was not sent', {
    personId: context.person.id,
  });
  return [text(speakerFor(context).t('helpdesk-ask:nobody'))];
}

/** What of an event goes to the team: its words, or its file (stored already) and caption; null for anything else. */
async function keep(event: InboundEvent, context: HelpDeskContext): Promise<KeptMessage | null> {
  if (event.kind === 'text') return { text: event.text, media: null, sentAt: event.sentAt };
  if (event.kind !== 'media' || context.mediaProblem) return null;
  const mediaFileId = await context.store.mediaFileFor(event.channel, event.media.ref);
  if (!mediaFileId) return null;
  return {
    text: event.media.caption?.trim() || null,
    media: { kind: event.media.kind, mediaFileId },
    sentAt: event.sentAt,
  };
}

async function askToConfirm(key: string, context: HelpDeskContext): Promise<Outgoing> {
  const speaker = speakerFor(context);
  const route = await context.store.helpDeskRoute(context.person.id);
  const who = route?.level
    ? whoAnswers({ ...route, level: route.level }, speaker)
    : speaker.t('helpdesk-ask:who_staff');
  return confirmQuestion(
    key,
    context,
    who,
    route?.responders.map((r) => r.personId),
  );
}

function confirmQuestion(key: string, context: HelpDeskContext, who: string | null, about?: string[]): Outgoing {
  const { t } = speakerFor(context);
  return {
    payload: {
      kind: 'choices',
      text: t(key, { who }),
      choices: [
        { id: SEND_TO_TEAM_ID, label: t('helpdesk-ask:send_yes') },
        { id: KEEP_FROM_TEAM_ID, label: t('helpdesk-ask:send_no') },
      ],
    },
    ...(about?.length && { about }),
  };
}

function mediaRejected(context: HelpDeskContext): string {
  const { t } = speakerFor(context);
  const problem = context.mediaProblem;
  const reason =
    problem?.kind === 'too-large'
      ? t('common:media_too_large', { max: formatBytes(problem.maxBytes) })
      : t('common:media_unreadable');
  return t('common:media_rejected', { reason });
}
