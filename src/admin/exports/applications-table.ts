import type { QuestionDefinition } from '../../domain/programme/programme-definition.ts';
import type { Language } from '../../domain/programme/language.ts';
import type { ApplicationForExport } from '../../store/applications/list-applications-for-export.ts';
import type { AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { ExportTable } from './export-table.ts';

const COLUMNS = [
  'id',
  'name',
  'language',
  'country',
  'city',
  'state',
  'submitted_at',
  'reviews',
  'average',
  'shortlisted',
  'decision',
  'decided_at',
] as const;

/**
 * applications.csv: one row per application, the applicant and the review first, then one column
 * per question of the call (its prompt in the viewer's language). Choices are written as their
 * labels, numbers as numbers, files as their type and id (the files stay on the server).
 */
export function applicationsTable(
  applications: ApplicationForExport[],
  questions: QuestionDefinition[],
  { language, t }: { language: Language; t: AdminTranslate },
): ExportTable {
  const header = [
    ...COLUMNS.map((column) => t(`dashboard-applications:csv.${column}`)),
    ...questions.map((question) => localizedText(question.prompt, language) || question.key),
  ];
  const rows = applications.map((application) => {
    const answers = new Map(application.answers.map((answer) => [answer.questionKey, answer]));
    return [
      application.id,
      application.name,
      application.locale,
      application.country,
      application.city,
      application.status,
      application.submittedAt,
      application.reviews.length,
      application.average === null ? null : Math.round(application.average * 100) / 100,
      application.shortlisted,
      application.decision,
      application.decidedAt,
      ...questions.map((question) => answerCell(question, answers.get(question.key), language, t)),
    ];
  });
  return { header, rows };
}

function answerCell(
  question: QuestionDefinition,
  answer: ApplicationForExport['answers'][number] | undefined,
  language: Language,
  t: AdminTranslate,
): unknown {
  if (!answer) return null;
  if (answer.skipped) return t('dashboard-applications:csv.skipped');
  if (answer.mediaFile) return `${answer.mediaFile.mimeType} ${answer.mediaFile.id}`;
  const value = (answer.value ?? {}) as { text?: unknown; choices?: unknown; number?: unknown };
  if (typeof value.text === 'string') return value.text;
  if (typeof value.number === 'number') return value.number;
  if (Array.isArray(value.choices))
    return value.choices
      .map(
        (key) => localizedText(question.options?.find((option) => option.key === key)?.label, language) || String(key),
      )
      .join('; ');
  return null;
}
