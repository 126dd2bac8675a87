import type { InboundEvent } from '../domain/inbound-event.ts';
import { isLanguage, SUPPORTED_LANGUAGES } from '../domain/programme/language.ts';
import { parseJoinRequest } from '../domain/invite-check.ts';
import { askLanguage, help, pause, pickLanguage, resume, stop } from './commands/account-commands.ts';
import { actionPlan } from './commands/action-plan-command.ts';
import { agenda } from './commands/agenda-command.ts';
import { isAttendanceCode, recordAttendance } from './commands/attendance-command.ts';
import { askErase, continueErase, ERASE, myData } from './commands/data-commands.ts';
import { dashboardLink } from './commands/dashboard-command.ts';
import { progress } from './commands/progress.ts';
import type { ConversationContext, Outgoing } from './conversation-context.ts';
import type { FlowState } from './stores/dialogue-state-store.ts';
import { continueExercise, currentSubmission, EXERCISE, resumeExercise } from './flows/exercise.ts';
import { askConsentAgain, continueConsentAgain } from './flows/consent-again.ts';
import {
  continueJoining,
  earlierJoiningChoice,
  isJoiningChoice,
  JOINING,
  JOINING_STATES,
  previousJoinedAt,
  askJoiningStepAgain,
  resumeAcceptedJoining,
  startJoining,
} from './flows/joining.ts';
import { continueMentorFlow, isMentorFlow, mentees, messageMentor } from './flows/mentoring.ts';
import {
  answerMilestoneChoice,
  answerTypedFollowUp,
  continueMilestoneNote,
  isMilestoneChoice,
  MILESTONE_NOTE,
} from './flows/milestone-follow-up.ts';
import {
  answerFeedbackChoice,
  continueFeedbackComment,
  isSessionFeedbackChoice,
  SESSION_FEEDBACK,
} from './flows/session-feedback.ts';
import { continueBroadcast, isBroadcastFlow, startBroadcast, stats } from './flows/broadcast.ts';
import { answerRsvpChoice, isRsvpChoice } from './flows/rsvp.ts';
import {
  answerHelpDeskChoice,
  askHelpQuestion,
  cancelHelpDesk,
  continueHelpDesk,
  HELP_DESK,
  helpDeskOutsideDialogue,
  isParticipantHelpDeskChoice,
} from './flows/help-desk.ts';
import {
  answerTeamHelpChoice,
  continueTeamHelpFlow,
  isTeamHelpChoice,
  isTeamHelpFlow,
  teamHelpAcceptsFreeText,
} from './flows/team-reply.ts';
import { startWriting } from './flows/write-to-person.ts';
import {
  APPLICATION,
  applicantNotes,
  applicationAcceptsFreeText,
  applicationHelp,
  cancelApplication,
  continueApplication,
  startApplication,
} from './flows/application.ts';
import { askCountry, continueCountry, COUNTRY } from './flows/country.ts';
import { answerUnlinkChoice, isUnlinkChoice, link, unlink } from './commands/link-commands.ts';
import { APPLY_START_PARAMETER } from '../domain/application-links.ts';
import { participants } from './commands/participants-command.ts';
import { ANSWER_OR_COMMAND, askAnswerOrCommand, settleAnswerOrCommand } from './answer-or-command.ts';
import { matchKeyword, mayBeAnAnswer, type KeywordMatch } from './keywords.ts';
import { readFlowState } from './read-flow-state.ts';
import { flowData } from './flow-data.ts';
import { formatBytes, speakerFor, text } from './speaker.ts';

/** Longer texts are refused with a clear message rather than stored truncated. */
export const TEXT_MAX_LENGTH = 4000;

/**
 * Turns one inbound event into the messages to send. Pure dialogue: what it reads and changes
 * goes through `context.store`, inside the caller's transaction.
 */
export async function handleEvent(event: InboundEvent, context: ConversationContext): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  if (event.kind === 'text' && event.text.length > TEXT_MAX_LENGTH) {
    return [text(t('common:text_too_long', { length: event.text.length, max: TEXT_MAX_LENGTH }))];
  }

  // A new consent text to answer comes before anything else, but STOP and HELP, and MY DATA and
  // DELETE, which the consent text itself promises at any time.
  const pending = context.person.roles.length > 0 ? await context.store.pendingConsent(context.person.id) : null;
  if (pending) {
    const asked = keywordOf(event)?.keyword;
    if (asked === 'my_data') return [...(await myData(context)), ...(await askConsentAgain(pending, context))];
    if (asked === 'erase') return askErase(context, null);
    const erasing = await readFlowState(context);
    if (erasing?.flow === ERASE) return continueErase(erasing, event, context);
    return continueConsentAgain(pending, event, keywordOf(event), context);
  }
  if (context.person.consentAskedAt) {
    await context.store.setConsentAsked(context.person.id, null);
    context.person.consentAskedAt = null;
  }

  // The public link of a call for applications: Telegram sends "/start apply".
  // (Someone who sent STOP is answered as anything else they send: RESUME first.)
  if (event.kind === 'command' && event.command === 'start' && event.argument === APPLY_START_PARAMETER) {
    return context.person.optedOutAt ? whileStopped(event, context) : startApplication(event, context);
  }

  const joinCode =
    event.kind === 'command' && event.command === 'start' && event.argument
      ? parseJoinRequest(`/start ${event.argument}`)
      : event.kind === 'text'
        ? parseJoinRequest(event.text)
        : null;
  if (joinCode) return startJoining(joinCode, event, context);

  // After STOP, nothing but RESUME (or joining again with a code) brings the person back into a dialogue.
  if (context.person.optedOutAt) return whileStopped(event, context);

  let state = await readFlowState(context);
  if (!state && context.person.roles.includes('participant')) {
    // An accepted applicant who has not finished joining: a greeting or anything not a command
    // brings the joining back (cancelled, refused, or the decision held while they had stopped).
    const keyword = keywordOf(event)?.keyword;
    if (!keyword || keyword === 'start' || keyword === 'help' || keyword === 'apply') {
      const resumed = await resumeAcceptedJoining(context);
      if (resumed) return resumed;
    }
  }
  if (state?.flow === ANSWER_OR_COMMAND) {
    const settled = await settleAnswerOrCommand(state, event, context);
    if (settled.meant === 'answer') return continueDialogue(settled.event, settled.state, context);
    if (settled.meant === 'command') return command(settled.match, settled.state, context, event);
    // Neither button: the message is read as if the question had not been asked.
    state = settled.state;
  }
  const keyword = keywordOf(event);
  if (keyword) {
    // Typed where free text is expected, an ordinary word that is also a command is asked about;
    // every other keyword acts (see ORDINARY_WORDS in keywords.ts).
    if (event.kind === 'text' && state && (await acceptsFreeText(state, context))) {
      if (await mayBeMeantAsAnswer(event.text, keyword, state, context)) {
        return askAnswerOrCommand(event, keyword, state, context);
      }
    }
    return command(keyword, state, context, event);
  }
  return continueDialogue(event, state, context);
}

/** What an event that is not a command means in the dialogue the person is in (`state`), or outside any. */
async function continueDialogue(
  event: InboundEvent,
  state: FlowState | null,
  context: ConversationContext,
): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  // A session's feedback buttons name the invitation: they answer it whatever the person is doing.
  if (event.kind === 'choice' && isSessionFeedbackChoice(event.choiceId)) {
    return answerFeedbackChoice(event, state, context);
  }
  // So do a session's RSVP buttons: the dialogue the person is in (a comment being written) stays where it was.
  if (event.kind === 'choice' && isRsvpChoice(event.choiceId)) return answerRsvpChoice(event, context);
  // DÉLIER's buttons name the chat to detach.
  if (event.kind === 'choice' && isUnlinkChoice(event.choiceId)) return answerUnlinkChoice(event, context);
  // The help desk's buttons ("send it to the team", "reply") name what they act on, wherever they are tapped.
  if (event.kind === 'choice' && isParticipantHelpDeskChoice(event.choiceId)) {
    return answerHelpDeskChoice(event, state, context);
  }
  if (state?.flow === HELP_DESK) {
    const asked = await continueHelpDesk(state, event, context);
    if (asked) return asked;
    state = await readFlowState(context);
  }
  // The team's help-desk buttons (Reply, whom to write to) too: the dialogue left is given back after.
  if (event.kind === 'choice' && isTeamHelpChoice(event.choiceId)) return answerTeamHelpChoice(event, state, context);
  if (state && isTeamHelpFlow(state)) {
    const written = await continueTeamHelpFlow(state, event, context);
    if (written) return written;
    // Another button while writing: it acts as it would anywhere; the answer being written waits.
    state = null;
  }
  if (state?.flow === SESSION_FEEDBACK) {
    const commented = await continueFeedbackComment(state, event, context);
    if (commented) return commented;
    state = await readFlowState(context);
  }
  // A milestone's buttons name the milestone: they answer it whatever the person is doing.
  if (event.kind === 'choice' && isMilestoneChoice(event.choiceId)) return answerMilestoneChoice(event, state, context);
  if (state?.flow === MILESTONE_NOTE) {
    const noted = await continueMilestoneNote(state, event, context);
    if (noted) return noted;
    // Not a note (an exercise's option, its file): it goes to what the person was doing before.
    state = await readFlowState(context);
  }
  // A joining button tapped once joining is over (an old "English") changes nothing.
  if (event.kind === 'choice' && isJoiningChoice(event.choiceId) && state?.flow !== JOINING) {
    return earlierJoiningChoice(context);
  }
  if (state) {
    if (state.flow === JOINING) return continueJoining(state, event, context);
    if (state.flow === APPLICATION) return continueApplication(state, event, context);
    if (state.flow === COUNTRY) return continueCountry(state, event, context);
    if (state.flow === EXERCISE) return continueExercise(state, event, context);
    if (state.flow === ERASE) return continueErase(state, event, context);
    if (isMentorFlow(state)) return continueMentorFlow(state, event, context);
    if (isBroadcastFlow(state)) return continueBroadcast(state, event, context);
    await context.store.clearState(context.person.id);
  }

  if (event.kind === 'choice') {
    const picked = await pickLanguage(event.choiceId, context);
    if (picked) return picked;
    const mentorChoice = await continueMentorFlow(null, event, context);
    if (mentorChoice.length > 0) return mentorChoice;
  }
  if (context.person.roles.length === 0) return toNewcomer(event, context, ['common:join_explanation']);

  const submission = currentSubmission(await context.store.submissions(context.person.id), context.now());
  if (submission) {
    // A choice or a file is clearly an answer; a plain text may be a greeting: ask the question again.
    if (event.kind === 'choice' || event.kind === 'media') {
      return continueExercise(
        { flow: EXERCISE, step: 'question', data: { submissionId: submission.id } },
        event,
        context,
      );
    }
    return resumeExercise(submission, context);
  }
  if (event.kind === 'media') {
    const problem = context.mediaProblem;
    if (!problem) return (await helpDeskOutsideDialogue(event, context)) ?? [text(t('common:media_not_expected'))];
    const reason =
      problem.kind === 'too-large'
        ? t('common:media_too_large', { max: formatBytes(problem.maxBytes) })
        : t('common:media_unreadable');
    return [text(t('common:media_rejected', { reason }))];
  }
  if (event.kind === 'location' || event.kind === 'unsupported') return [text(t('common:unsupported'))];
  if (event.kind === 'choice') return [text(t('common:choice_expired'))];
  return (
    (await answerTypedFollowUp(event, context)) ??
    (await helpDeskOutsideDialogue(event, context)) ?? [text(t('common:nothing_pending'))]
  );
}

/**
 * A stopped person (STOP) is answered, never brought back into a dialogue, until they send RESUME.
 * HELP, LANGUAGE, MY DATA and DELETE still work: the consent text promises the last two at any time.
 */
async function whileStopped(event: InboundEvent, context: ConversationContext): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  const match = keywordOf(event);
  const state = await readFlowState(context);
  if (match && ['resume', 'help', 'language', 'my_data', 'erase'].includes(match.keyword)) {
    return command(match, state, context, event);
  }
  if (state?.flow === ERASE) return continueErase(state, event, context);
  if (event.kind === 'choice') {
    const picked = await pickLanguage(event.choiceId, context);
    if (picked) return picked;
  }
  return [text(t('commands:still_stopped'))];
}

/**
 * Someone Compagnon does not know yet has chosen no language: they are answered in the one their
 * app is set to when the platform says (Telegram does), else in every language, one after the other.
 * An applicant who handed in is told their application is in instead; while a call is open, the
 * way to apply follows the explanation.
 */
async function toNewcomer(event: InboundEvent, context: ConversationContext, keys: string[]): Promise<Outgoing[]> {
  const reported = event.sender.languageCode?.slice(0, 2).toLowerCase();
  const languages = context.person.locale
    ? [context.person.locale]
    : isLanguage(reported)
      ? [reported]
      : SUPPORTED_LANGUAGES;
  const paragraphs: string[] = [];
  for (const language of languages) {
    const notes = await applicantNotes(language, context);
    const lines = notes.handedIn
      ? notes.lines
      : [...keys.map((key) => context.translate(language, key)), ...notes.lines];
    paragraphs.push(lines.join('\n'));
  }
  return [text(paragraphs.join('\n\n'))];
}

function keywordOf(event: InboundEvent): KeywordMatch | null {
  if (event.kind === 'command') {
    const match = matchKeyword(event.command);
    return match ? { keyword: match.keyword, argument: event.argument } : { keyword: 'help', argument: '' };
  }
  if (event.kind === 'text') return matchKeyword(event.text);
  return null;
}

/**
 * Steps where people write freely (a name, a note, a message, an announcement, a text answer):
 * there a bare ordinary word that is also a command ("Pause") may be meant as the text itself.
 */
async function acceptsFreeText(state: FlowState | null, context: ConversationContext): Promise<boolean> {
  if (!state) return false;
  if (state.flow === JOINING) return state.step === 'name';
  if (state.flow === APPLICATION) return applicationAcceptsFreeText(state, context);
  if (state.flow === MILESTONE_NOTE || state.flow === SESSION_FEEDBACK) return true;
  if (state.flow === HELP_DESK) return state.step === 'compose';
  if (state.flow === EXERCISE) {
    if (state.step !== 'question') return false;
    const submission = (await context.store.submissions(context.person.id)).find(
      (s) => s.id === state.data.submissionId,
    );
    return submission?.exercise.questions[submission.currentPosition]?.type === 'text';
  }
  if (isTeamHelpFlow(state)) return teamHelpAcceptsFreeText(state);
  return isMentorFlow(state) || isBroadcastFlow(state);
}

/**
 * Whether a keyword typed in a free-text step may be meant as the text itself: an ordinary word
 * (see `mayBeAnAnswer`), but not a greeting in an exercise (nobody answers a question with
 * "Bonjour": it asks the question again), nor RESUME from someone paused, who means to come back.
 */
async function mayBeMeantAsAnswer(
  typed: string,
  match: KeywordMatch,
  state: FlowState,
  context: ConversationContext,
): Promise<boolean> {
  // "Présent K7PQ3M" acts when K7PQ3M is a venue's code; "Here today" may be the answer itself.
  if (match.keyword === 'present' && match.argument) return !(await isAttendanceCode(match.argument, context));
  if (!mayBeAnAnswer(typed)) return false;
  if (match.keyword === 'start') return state.flow !== EXERCISE;
  if (match.keyword !== 'resume') return true;
  return !(await context.store.enrolments(context.person.id)).some((e) => e.status === 'paused');
}

async function command(
  match: KeywordMatch,
  state: FlowState | null,
  context: ConversationContext,
  event: InboundEvent,
): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  const { roles } = context.person;
  // While applying, HELP and a greeting say what works here and ask the step again; so does what
  // only the enrolled can do.
  const newcomerOnly = ['agenda', 'help_desk', 'country'].includes(match.keyword) && roles.length === 0;
  // PAYS while applying or joining: the country is one of the steps; the dialogue goes on.
  if (state?.flow === APPLICATION && (match.keyword === 'help' || match.keyword === 'start' || newcomerOnly)) {
    return applicationHelp(state, event, context);
  }
  if (state?.flow === APPLICATION && match.keyword === 'country') return applicationHelp(state, event, context);
  if (state?.flow === JOINING && match.keyword === 'country') {
    return [text(t('country:asked_when_joining')), ...(await askJoiningStepAgain(state, context))];
  }
  // A greeting while joining asks the step again: the menu is for those who have joined.
  if (state?.flow === JOINING && match.keyword === 'start') return askJoiningStepAgain(state, context);
  switch (match.keyword) {
    case 'help':
      return roles.length === 0 ? toNewcomer(event, context, ['common:join_explanation']) : help(context);
    case 'start': {
      if (roles.length === 0) return toNewcomer(event, context, ['common:welcome', 'common:join_explanation']);
      // A greeting in the middle of an exercise picks it up again.
      const submission = roles.includes('participant')
        ? currentSubmission(await context.store.submissions(context.person.id), context.now())
        : undefined;
      if (submission) return resumeExercise(submission, context);
      return [
        text(
          `${t('common:welcome')}\n${help(context)
            .map((o) => (o.payload.kind === 'text' ? o.payload.text : ''))
            .join('')}`,
        ),
      ];
    }
    case 'language':
      return askLanguage(context);
    case 'stop':
      return stop(context);
    case 'pause':
      return pause(match.argument, context);
    case 'resume': {
      const resumed = await resume(context);
      // Back from a stop: a consent text they never agreed to comes first.
      const pending = await context.store.pendingConsent(context.person.id);
      return pending ? [...resumed, ...(await askConsentAgain(pending, context))] : resumed;
    }
    case 'progress':
      return roles.includes('participant')
        ? progress(context)
        : roles.includes('mentor')
          ? mentees(context)
          : [text(t('commands:not_enrolled'))];
    case 'my_data':
      return myData(context);
    case 'erase':
      return askErase(context, state);
    case 'mentor':
      return roles.includes('participant') ? messageMentor(context) : [text(t('commands:not_enrolled'))];
    case 'plan':
      return roles.includes('participant') ? actionPlan(context) : [text(t('commands:not_enrolled'))];
    case 'mentees':
      return roles.includes('mentor') ? mentees(context) : [text(t('commands:mentor_only'))];
    case 'broadcast':
      return roles.includes('staff') ? startBroadcast(context) : [text(t('commands:staff_only'))];
    case 'stats':
      return roles.includes('staff') ? stats(context) : [text(t('commands:staff_only'))];
    case 'dashboard':
      return dashboardLink(context, event.channel);
    case 'agenda':
      return roles.length === 0 ? toNewcomer(event, context, ['common:join_explanation']) : agenda(context);
    case 'present':
      return recordAttendance(match.argument, event, context);
    case 'help_desk':
      return roles.length === 0
        ? toNewcomer(event, context, ['common:join_explanation'])
        : askHelpQuestion(context, undefined, state);
    case 'write':
      return startWriting(state, context);
    case 'participants':
      return participants(context);
    case 'apply':
      return startApplication(event, context);
    case 'country':
      return roles.length === 0 ? toNewcomer(event, context, ['common:join_explanation']) : askCountry(context);
    case 'link':
      return link(match.argument, event, context);
    case 'unlink':
      return unlink(match.argument, event, context);
    case 'cancel': {
      if (state?.flow === APPLICATION) return cancelApplication(state, context);
      if (state?.flow === HELP_DESK) return cancelHelpDesk(state, context);
      if (state?.flow === JOINING) {
        const joining = flowData(JOINING_STATES[JOINING], state);
        await context.store.cancelJoin(
          joining.enrolmentId,
          joining.inviteId,
          joining.previousStatus,
          previousJoinedAt(joining),
        );
      }
      await context.store.clearState(context.person.id);
      return [text(t('commands:cancelled'))];
    }
  }
}
