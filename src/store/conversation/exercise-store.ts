import type { ExerciseStore, SubmissionView } from '../../conversation/stores/exercise-store.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import { Prisma } from '../generated/client.ts';

/** An exercise and its questions as the conversation reads them. */
export function exerciseView(
  row: Prisma.ExerciseGetPayload<{ include: { questions: true } }>,
): SubmissionView['exercise'] {
  return {
    id: row.id,
    key: row.key,
    title: row.title as LocalizedText,
    intro: row.intro as LocalizedText,
    graceMinutes: row.graceMinutes,
    closesAfterMinutes: row.closesAfterMinutes,
    questions: row.questions.map((q) => ({
      id: q.id,
      key: q.key,
      position: q.position,
      type: q.type,
      required: q.required,
      prompt: q.prompt as LocalizedText,
      options: q.options as { key: string; label: LocalizedText }[] | null,
      min: q.min,
      max: q.max,
    })),
  };
}

/** Submissions and their answers, saved as the person gives them. */
export function createExerciseStore(tx: Prisma.TransactionClient): ExerciseStore {
  return {
    submissions: async (personId) => {
      const rows = await tx.submission.findMany({
        where: { enrolment: { personId } },
        include: { exercise: { include: { questions: { orderBy: { position: 'asc' } } } }, answers: true },
        orderBy: { releaseAt: 'asc' },
      });
      return rows.map((s): SubmissionView => ({
        id: s.id,
        status: s.status,
        late: s.late,
        currentPosition: s.currentPosition,
        releaseAt: s.releaseAt,
        deadlineAt: s.deadlineAt,
        submittedAt: s.submittedAt,
        exercise: exerciseView(s.exercise),
        answers: s.answers.map((a) => ({
          questionId: a.questionId,
          value: a.value,
          skipped: a.skipped,
          mediaFileId: a.mediaFileId,
        })),
      }));
    },
    saveAnswer: async (submissionId, questionId, answer) => {
      const data = {
        // A skipped answer holds nothing, even where part of an answer was saved before.
        value:
          answer.value === null || answer.value === undefined ? Prisma.DbNull : (answer.value as Prisma.InputJsonValue),
        skipped: answer.skipped,
        mediaFileId: answer.mediaFileId,
        answeredAt: answer.answeredAt,
      };
      await tx.answer.upsert({
        where: { submissionId_questionId: { submissionId, questionId } },
        create: { submissionId, questionId, ...data },
        update: data,
      });
      await tx.submission.updateMany({
        where: { id: submissionId, startedAt: null },
        data: { startedAt: answer.answeredAt, status: 'in_progress' },
      });
    },
    moveTo: async (submissionId, position, status) => {
      await tx.submission.update({ where: { id: submissionId }, data: { currentPosition: position, status } });
    },
    clearAnswers: async (submissionId) => {
      await tx.answer.deleteMany({ where: { submissionId } });
    },
    submit: async (submissionId, at, late) => {
      await tx.submission.update({
        where: { id: submissionId },
        data: { status: 'submitted', submittedAt: at, late, nextReminderAt: null },
      });
    },
    mediaFileFor: async (channel, platformFileId) => {
      const file = await tx.mediaFile.findUnique({
        where: { channel_platformFileId: { channel, platformFileId } },
        select: { id: true },
      });
      return file?.id ?? null;
    },
  };
}
