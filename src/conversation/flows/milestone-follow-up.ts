import { z } from 'zod';
import { readTypedChoices } from '../../domain/answer/read-typed-choices.ts';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import { formatDueOn } from '../../domain/milestone-schedule.ts';
import { milestoneTitleIn } from '../../domain/milestone-title.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { DialogueStateStore, FlowState } from '../stores/dialogue-state-store.ts';
import type { ExerciseStore } from '../stores/exercise-store.ts';
import type { MentoringStore } from '../stores/mentoring-store.ts';
import type { MilestoneReport, MilestoneStore, MilestoneView } from '../stores/milestone-store.ts';
import { flowData, storedFlowState } from '../flow-data.ts';
import { speakerFor, text } from '../speaker.ts';
import { currentSubmission, EXERCISE } from './exercise.ts';
import { giveBack, restoreState } from './give-dialogue-back.ts';

/** The stores this file reads and changes. */
type MilestoneContext = ConversationContext<MilestoneStore & MentoringStore & ExerciseStore & DialogueStateStore>;

/**
 * After a milestone's date the participant says where they stand: done, in progress or blocked.
 * Each button carries the milestone's id (`ms:<id>:<report>`), so a press works whatever the
 * person is doing, even in the middle of an exercise; a typed "3" or "bloquée" counts only when
 * the follow-up is the last thing said to the person, and not long ago. Mentors hear of a
 * change at once; "blocked" then asks for a note, sent to them as a second message. The step the
 * person was at (an exercise) is given back afterwards, its question asked again.
 */
export const MILESTONE_NOTE = 'milestone_note';

const FOLLOW_UP = 'follow_up';
const REPORTS: MilestoneReport[] = ['done', 'in_progress', 'blocked'];
const CHOICE = /^ms:([^:]+):(done|in_progress|blocked)$/;
const SKIP_NOTE = 'ms-note:skip';
/** As long as a mentor's check-in note. */
const NOTE_MAX_LENGTH = 2000;
/** Past this, a typed "2" or a text after "blocked" is more likely meant for something else. */
const ANSWER_WINDOW_MS = 48 * 3_600_000;
const MEDIA_QUESTIONS = new Set(['photo', 'voice', 'video', 'document']);

const milestoneNoteData = z.object({
  milestoneId: z.string(),
  /** When the note was asked for (ISO): past the answer window a text is meant for something else. */
  askedAt: z.iso.datetime().optional(),
  /** What the person was doing before, given back after the note. */
  resume: storedFlowState.optional(),
});

/** What the milestone note step keeps between messages. */
export const MILESTONE_STATES = { [MILESTONE_NOTE]: milestoneNoteData };

/** The follow-up a participant receives after a milestone's date, with its three answers. */
export function followUpPrompt(
  milestone: Pick<MilestoneView, 'id' | 'title' | 'titles' | 'dueOn'>,
  context: Pick<ConversationContext, 'person' | 'defaultLanguage' | 'translate'>,
): Outgoing {
  const language = context.person.locale ?? context.defaultLanguage;
  const t = (key: string, values?: Record<string, unknown>) => context.translate(language, key, values);
  return {
    purpose: FOLLOW_UP,
    payload: {
      kind: 'choices',
      text: t('action-plan:follow_up', {
        title: milestoneTitleIn(milestone, language),
        date: formatDueOn(milestone.dueOn, language),
      }),
      choices: REPORTS.map((report) => ({
        id: `ms:${milestone.id}:${report}`,
        label: t(`action-plan:choice_${report}`),
      })),
    },
  };
}

export function isMilestoneChoice(choiceId: string): boolean {
  return CHOICE.test(choiceId);
}

/** A press on a follow-up button; `state` is what the person was doing, kept for afterwards. */
export async function answerMilestoneChoice(
  event: Extract<InboundEvent, { kind: 'choice' }>,
  state: FlowState | null,
  context: MilestoneContext,
): Promise<Outgoing[]> {
  const [, milestoneId = '', report] = CHOICE.exec(event.choiceId) ?? [];
  const previous = state?.flow === MILESTONE_NOTE ? (flowData(milestoneNoteData, state).resume ?? null) : state;
  return recordReport(milestoneId, report as MilestoneReport, previous, new Date(event.sentAt), context);
}

/**
 * "1", "3", "bloquée"…: an answer typed to the follow-up; null when it is not one. Only when the
 * follow-up is the latest message written for the person, it has reached them, within two days,
 * and they have not answered it since: otherwise a number may be meant for something else (an
 * exercise that closed meanwhile and was answered with a reply, a question not arrived yet).
 */
export async function answerTypedFollowUp(event: InboundEvent, context: MilestoneContext): Promise<Outgoing[] | null> {
  if (event.kind !== 'text') return null;
  const prompt = await context.store.latestOutbound(context.person.id);
  if (!prompt || prompt.purpose !== FOLLOW_UP || !prompt.sentAt) return null;
  const at = new Date(event.sentAt);
  if (at < prompt.sentAt || at.getTime() - prompt.sentAt.getTime() > ANSWER_WINDOW_MS) return null;
  const milestoneId = CHOICE.exec(prompt.choiceIds[0] ?? '')?.[1];
  const milestone = (await context.store.milestones(context.person.id)).find((m) => m.id === milestoneId);
  if (!milestone || (milestone.reportedAt && milestone.reportedAt >= prompt.sentAt)) return null;
  const { t } = speakerFor(context);
  const typed = readTypedChoices(
    event.text,
    REPORTS.map((report) => ({ key: report, label: t(`action-plan:choice_${report}`) })),
  );
  if (typed.kind !== 'picked' || typed.keys.length !== 1) return null;
  return recordReport(milestone.id, typed.keys[0] as MilestoneReport, null, at, context);
}

/**
 * The step after "blocked": a text is the note, the button skips it. A choice, or a file the
 * exercise's current question asks for, is not a note: the step ends (the mentors already know of
 * the blocker), what the person was doing is given back, and null tells the caller to handle the
 * event there. Anything else gets a request to write the note, and the step stays.
 */
export async function continueMilestoneNote(
  state: FlowState,
  event: InboundEvent,
  context: MilestoneContext,
): Promise<Outgoing[] | null> {
  const { t } = speakerFor(context);
  const data = flowData(milestoneNoteData, state);
  const resume = data.resume ?? null;
  const askedAt = data.askedAt ? new Date(data.askedAt) : null;
  const stale = askedAt !== null && new Date(event.sentAt).getTime() - askedAt.getTime() > ANSWER_WINDOW_MS;
  const skipped = event.kind === 'choice' && event.choiceId === SKIP_NOTE;
  if (stale || (event.kind !== 'text' && !skipped)) {
    if (stale || event.kind === 'choice' || (event.kind === 'media' && (await expectsMedia(resume, context)))) {
      await restoreState(resume, context);
      return null;
    }
    return [text(t('action-plan:note_as_text'))];
  }

  const { milestoneId } = data;
  const milestone = (await context.store.milestones(context.person.id)).find((m) => m.id === milestoneId);
  const after = await giveBack(resume, context);
  const written = event.kind === 'text' ? event.text.trim() : '';
  if (!milestone) return [text(t('common:choice_expired')), ...after];
  if (!written) return [text(t('action-plan:note_skipped')), ...after];
  const note = written.slice(0, NOTE_MAX_LENGTH);
  await context.store.addMilestoneNote(milestoneId, note);
  const sent =
    written.length > NOTE_MAX_LENGTH ? t('action-plan:note_cut', { max: NOTE_MAX_LENGTH }) : t('action-plan:note_sent');
  return [text(sent), ...after, ...(await tellMentors(milestone, note, context))];
}

async function recordReport(
  milestoneId: string,
  report: MilestoneReport,
  previous: FlowState | null,
  at: Date,
  context: MilestoneContext,
): Promise<Outgoing[]> {
  const { t, language } = speakerFor(context);
  const milestone = await context.store.reportMilestone(milestoneId, context.person.id, report, at);
  if (!milestone) return [text(t('common:choice_expired'))];
  // A second tap on the same answer tells nobody again.
  const mentors = milestone.previousStatus === report ? [] : await tellMentors(milestone, '', context);
  const title = milestoneTitleIn(milestone, language);
  if (report === 'blocked') {
    await context.store.setState(context.person.id, {
      flow: MILESTONE_NOTE,
      step: 'note',
      data: { milestoneId, askedAt: at.toISOString(), ...(previous && { resume: previous }) },
    });
    return [
      {
        payload: {
          kind: 'choices',
          text: t('action-plan:ask_note', { title }),
          choices: [{ id: SKIP_NOTE, label: t('action-plan:no_note') }],
        },
      },
      ...mentors,
    ];
  }
  return [text(t(`action-plan:saved_${report}`, { title })), ...(await giveBack(previous, context)), ...mentors];
}

/** Each current mentor of the plan's cohort hears of the report (and the note, when there is one), in their own language. */
async function tellMentors(milestone: MilestoneView, note: string, context: MilestoneContext): Promise<Outgoing[]> {
  const mentors = await context.store.mentorsOf(context.person.id, milestone.cohortId);
  return mentors.map((mentor): Outgoing => {
    const language = mentor.locale ?? context.defaultLanguage;
    const values = {
      name: context.person.displayName ?? '?',
      title: milestoneTitleIn(milestone, language),
      status: context.translate(language, `action-plan:status_${milestone.status}`),
      note,
    };
    return {
      toPersonId: mentor.id,
      purpose: 'milestone',
      payload: {
        kind: 'text',
        text: context.translate(
          language,
          note ? 'action-plan:mentor_report_note' : 'action-plan:mentor_report',
          values,
        ),
      },
    };
  });
}

/** Whether the exercise the person is in (or, with nothing to resume, the one open) asks for a file now. */
async function expectsMedia(previous: FlowState | null, context: MilestoneContext): Promise<boolean> {
  if (previous && (previous.flow !== EXERCISE || previous.step !== 'question')) return false;
  const submissions = await context.store.submissions(context.person.id);
  const submission = previous
    ? submissions.find((s) => s.id === previous.data.submissionId)
    : currentSubmission(submissions, context.now());
  const question = submission?.exercise.questions[submission.currentPosition];
  return question !== undefined && MEDIA_QUESTIONS.has(question.type);
}
