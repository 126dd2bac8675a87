import type { ChannelName } from '../../domain/inbound-event.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { QuestionDefinition } from '../../domain/programme/programme-definition.ts';

/** A question of an exercise, as stored. */
export interface QuestionView extends QuestionDefinition {
  id: string;
}

export interface SubmissionView {
  id: string;
  status: 'planned' | 'open' | 'in_progress' | 'submitted' | 'missed';
  late: boolean;
  currentPosition: number;
  releaseAt: Date;
  deadlineAt: Date;
  submittedAt: Date | null;
  exercise: {
    id: string;
    key: string;
    title: LocalizedText;
    intro: LocalizedText;
    graceMinutes: number;
    closesAfterMinutes: number;
    questions: QuestionView[];
  };
  answers: { questionId: string; value: unknown; skipped: boolean; mediaFileId: string | null }[];
}

/** A person's exercises, their answers given one question at a time, and the files they sent for them. */
export interface ExerciseStore {
  /** The person's submissions, in release order. */
  submissions: (personId: string) => Promise<SubmissionView[]>;
  saveAnswer: (
    submissionId: string,
    questionId: string,
    answer: { value: unknown; skipped: boolean; mediaFileId: string | null; answeredAt: Date },
  ) => Promise<void>;
  moveTo: (submissionId: string, position: number, status: 'in_progress') => Promise<void>;
  /** Forgets every answer of the submission (their files stay stored), to start it over. */
  clearAnswers: (submissionId: string) => Promise<void>;
  submit: (submissionId: string, at: Date, late: boolean) => Promise<void>;
  /** The stored file a platform file id was downloaded to, if any. */
  mediaFileFor: (channel: ChannelName, platformFileId: string) => Promise<string | null>;
}
