import type { ApplicationsDefinition } from '../applications/application-call.ts';
import type { DeadlineRule, ReleaseRule } from '../calendar-rule.ts';
import type { ScoreWeights } from '../scores/score-weights.ts';
import type { AttendanceScoring } from '../scores/session-attendance-score.ts';
import type { Retention } from '../retention.ts';
import type { SessionDefinition } from '../sessions/session-definition.ts';
import type { ProgrammeConsent } from './consent-for-role.ts';
import type { Language, LocalizedText } from './language.ts';
import type { QUESTION_TYPES, TEMPLATE_PURPOSES } from './programme-schema.ts';

/** A validated programme file, in the words the rest of Compagnon uses. Durations are in minutes. */
export interface ProgrammeDefinition {
  key: string;
  version: string;
  languages: Language[];
  defaultLanguage: Language;
  name: LocalizedText;
  settings: ProgrammeSettings;
  hubs: HubDefinition[];
  cohorts: { key: string; name: LocalizedText }[];
  phases: PhaseDefinition[];
  exercises: ExerciseDefinition[];
  /** Workshops, online sessions, the closing event: hours already in UTC. */
  sessions: SessionDefinition[];
  /** The call for applications, when the file has one. */
  applications?: ApplicationsDefinition;
}

/**
 * What the scheduler and the conversation read from a programme; stored as Programme.settings and
 * read back with `parseProgrammeSettings` (programme-settings.ts).
 */
export interface ProgrammeSettings {
  /** Time zone of people with no hub, and of times staff write in announcements. */
  timeZone: string;
  consent: ProgrammeConsent;
  quietHours: { from: string; to: string } | null;
  /** How long personal data is kept after the last phase ends; null: no erasure is promised. */
  retention: Retention | null;
  checkIns: { everyMinutes: number; firstAfterMinutes: number } | null;
  slipping: { missedInARow: number; silentForMinutes: number };
  /** The help desk: how long a question waits unanswered before it passes up a level. */
  helpDesk: { escalateAfterMinutes: number };
  /** PAUSE N in chat: whether the deadlines falling in the pause move by its length. */
  pauses: { moveDeadlines: boolean };
  actionPlan: {
    /** YYYY-MM-DD: no plan starts before this day (the phase `action_plan.starts` names); null: from the assignment. */
    startsOn: string | null;
    reminderOffsetsMinutes: number[];
    followUpAfterMinutes: number;
    milestones: { key: string; title: LocalizedText; afterMinutes: number }[];
  };
  whatsappTemplates: Partial<Record<TemplatePurpose, Partial<Record<Language, WhatsappTemplateRef>>>>;
  /** How participants are scored for selection. */
  scores: { weights: ScoreWeights; rubricScale: number; attendance: AttendanceScoring };
  /** The programme's own wording of the selection notices, per outcome; the default wording where absent. */
  selectionNotices: SelectionNoticeTexts;
}

/** A text per selection outcome, with {{name}} and {{programme}} to fill in. */
export type SelectionNoticeTexts = Partial<Record<'selected' | 'not_selected', LocalizedText>>;

export type TemplatePurpose = (typeof TEMPLATE_PURPOSES)[number];
export type QuestionType = (typeof QUESTION_TYPES)[number];

interface WhatsappTemplateRef {
  name: string;
  /** WhatsApp's language code for the template, e.g. fr or en_US. */
  language: string;
}

interface HubDefinition {
  key: string;
  name: LocalizedText;
  timeZone: string;
  country: string;
}

interface PhaseDefinition {
  key: string;
  position: number;
  name: LocalizedText;
  /** YYYY-MM-DD */
  startsOn: string;
  /** YYYY-MM-DD */
  endsOn: string;
}

export interface ExerciseDefinition {
  key: string;
  position: number;
  phaseKey: string;
  title: LocalizedText;
  intro: LocalizedText;
  releaseRule: { text: string; rule: ReleaseRule };
  deadlineRule: { text: string; rule: DeadlineRule };
  reminderOffsetsMinutes: number[];
  graceMinutes: number;
  closesAfterMinutes: number;
  teamExercise: boolean;
  questions: QuestionDefinition[];
}

export interface QuestionDefinition {
  key: string;
  position: number;
  type: QuestionType;
  required: boolean;
  /**
   * Answering it is feedback given to a peer (counts towards the teamwork score). Only present
   * when true, so an exercise without such a question keeps the content hash it had before the
   * flag existed (a re-import does not see it as edited).
   */
  peerFeedback?: true;
  prompt: LocalizedText;
  options: { key: string; label: LocalizedText }[] | null;
  min: number | null;
  max: number | null;
}
