import type { ApplicationStore } from '../../conversation/stores/application-store.ts';
import { listApplicationCalls } from '../applications/list-application-calls.ts';
import { applicationView, listPersonApplications } from '../applications/list-person-applications.ts';
import { Prisma } from '../generated/client.ts';

const DAY_MS = 24 * 3600_000;

/** Applications, answered in chat one question at a time. */
export function createApplicationStore(tx: Prisma.TransactionClient): ApplicationStore {
  return {
    applicationCalls: () => listApplicationCalls(tx),
    applications: (personId) => listPersonApplications(tx, personId),
    createApplication: async (callId, personId, start) => {
      // Never handed in, it is erased as a declined one is: keep_declined after the closing.
      const call = await tx.applicationCall.findUniqueOrThrow({
        where: { id: callId },
        select: { closesAt: true, keepDeclinedDays: true },
      });
      const eraseAfter = new Date(call.closesAt.getTime() + call.keepDeclinedDays * DAY_MS);
      const row = await tx.application.upsert({
        where: { callId_personId: { callId, personId } },
        create: {
          callId,
          personId,
          consentVersion: start.consentVersion,
          nextReminderAt: start.nextReminderAt,
          eraseAfter,
        },
        update: {},
        include: { answers: true },
      });
      return applicationView(row);
    },
    setApplicationCity: async (applicationId, city) => {
      await tx.application.update({ where: { id: applicationId }, data: { city } });
    },
    saveApplicationAnswer: async (applicationId, questionKey, answer) => {
      const data = {
        // A skipped answer holds nothing, even where part of an answer was saved before.
        value:
          answer.value === null || answer.value === undefined ? Prisma.DbNull : (answer.value as Prisma.InputJsonValue),
        skipped: answer.skipped,
        mediaFileId: answer.mediaFileId,
        answeredAt: answer.answeredAt,
      };
      await tx.applicationAnswer.upsert({
        where: { applicationId_questionKey: { applicationId, questionKey } },
        create: { applicationId, questionKey, ...data },
        update: data,
      });
    },
    moveApplicationTo: async (applicationId, position) => {
      await tx.application.update({ where: { id: applicationId }, data: { currentPosition: position } });
    },
    clearApplicationAnswers: async (applicationId) => {
      await tx.applicationAnswer.deleteMany({ where: { applicationId } });
    },
    submitApplication: async (applicationId, at) => {
      const { personId } = await tx.application.update({
        where: { id: applicationId },
        // Handed in, it waits for the decision, which sets how long it is kept.
        data: { status: 'submitted', submittedAt: at, nextReminderAt: null, eraseAfter: null },
        select: { personId: true },
      });
      // A reminder still waiting (for the quiet hours to end, or WhatsApp's window) says what is
      // left to answer: once handed in, nothing is, and it is not sent.
      await tx.outboundMessage.updateMany({
        where: { personId, purpose: 'application_reminder', status: { in: ['queued', 'held'] } },
        data: { status: 'skipped', lastError: 'the application was handed in' },
      });
    },
  };
}
