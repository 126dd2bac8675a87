import type { Language } from '../../domain/programme/language.ts';
import type { SubmissionForExport } from '../../store/submissions/list-submissions-for-export.ts';
import type { AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { ExportTable } from './export-table.ts';

interface ChoiceOption {
  key: string;
  label: unknown;
}

/**
 * submissions.csv and submissions.xlsx: one row per answer (and one per submission without answers, so missed
 * exercises show), for the cohort's participants the viewer may see. Choices are written as
 * their labels, media as their type and file id (the files themselves stay on the server).
 */
export function submissionsTable(
  submissions: SubmissionForExport[],
  { language, t }: { language: Language; t: AdminTranslate },
): ExportTable {
  const header = [
    'person_id',
    'name',
    'exercise',
    'exercise_title',
    'submission_status',
    'late',
    'released_at',
    'deadline_at',
    'submitted_at',
    'question',
    'question_type',
    'answer',
    'answered_at',
  ].map((column) => t(`dashboard-broadcasts:csv_${column}`));
  const rows = submissions.flatMap((submission) => {
    const common = [
      submission.enrolment.personId,
      submission.enrolment.person.displayName,
      submission.exercise.key,
      localizedText(submission.exercise.title, language),
      t(`dashboard-broadcasts:submission_${submission.status}`),
      submission.late,
      submission.releasedAt,
      submission.deadlineAt,
      submission.submittedAt,
    ];
    if (submission.answers.length === 0) return [[...common, null, null, null, null]];
    return submission.answers.map((answer) => [
      ...common,
      localizedText(answer.question.prompt, language),
      answer.question.type,
      answerText(answer, language, t),
      answer.answeredAt,
    ]);
  });
  return { header, rows };
}

function answerText(
  answer: {
    value: unknown;
    skipped: boolean;
    mediaFile: { id: string; mimeType: string } | null;
    question: { options: unknown };
  },
  language: Language,
  t: AdminTranslate,
): string | number | null {
  if (answer.skipped) return t('dashboard-broadcasts:answer_skipped');
  if (answer.mediaFile) return `${answer.mediaFile.mimeType} (${answer.mediaFile.id})`;
  const options = Array.isArray(answer.question.options) ? (answer.question.options as ChoiceOption[]) : [];
  const label = (key: unknown) => {
    const option = options.find((o) => o.key === key);
    return option ? localizedText(option.label, language) : String(key);
  };
  // As the conversation stores it: { text }, { choices: [keys] } or { number }.
  const value = (answer.value ?? {}) as { text?: unknown; choices?: unknown; number?: unknown };
  if (typeof value.text === 'string') return value.text;
  if (Array.isArray(value.choices)) return value.choices.map(label).join('; ');
  if (typeof value.number === 'number') return value.number;
  return answer.value === null || answer.value === undefined ? null : JSON.stringify(answer.value);
}
