import type { MentoringStore } from '../../conversation/stores/mentoring-store.ts';
import { isLanguage } from '../../domain/programme/language.ts';
import type { Prisma } from '../generated/client.ts';

export interface MentoringStoreOptions {
  /** Called when what the event being handled says is about other people (a check-in note about a mentee). */
  onAbout?: (personIds: string[]) => void;
}

/** Mentor assignments, a mentor's mentees and the check-ins they answer. */
export function createMentoringStore(
  tx: Prisma.TransactionClient,
  options: MentoringStoreOptions = {},
): MentoringStore {
  return {
    mentorsOf: async (menteeId, cohortId) => {
      const rows = await tx.mentorAssignment.findMany({
        where: { menteeId, endedAt: null, ...(cohortId && { cohortId }), mentor: { optedOutAt: null, erasedAt: null } },
        select: { mentor: { select: { id: true, displayName: true, locale: true } } },
      });
      return rows.map(({ mentor }) => ({
        id: mentor.id,
        displayName: mentor.displayName,
        locale: isLanguage(mentor.locale) ? mentor.locale : null,
      }));
    },
    localeOf: async (personId) => {
      const person = await tx.person.findUnique({ where: { id: personId }, select: { locale: true } });
      return isLanguage(person?.locale) ? person.locale : null;
    },
    isMentorOf: async (mentorId, menteeId) =>
      (await tx.mentorAssignment.count({ where: { mentorId, menteeId, endedAt: null } })) > 0,
    menteesOf: async (mentorId) => {
      const assignments = await tx.mentorAssignment.findMany({
        where: { mentorId, endedAt: null },
        select: {
          mentee: {
            select: {
              id: true,
              displayName: true,
              enrolments: { select: { submissions: { select: { status: true, late: true, deadlineAt: true } } } },
              identities: { select: { lastInboundAt: true } },
              checkInsReceived: {
                where: { mentorId, signal: { not: null } },
                orderBy: { answeredAt: 'desc' },
                take: 1,
                select: { signal: true },
              },
            },
          },
        },
      });
      const now = new Date();
      return assignments.map(({ mentee }) => {
        const submissions = mentee.enrolments.flatMap((e) => e.submissions);
        const last = mentee.identities
          .map((i) => i.lastInboundAt)
          .filter((d): d is Date => d !== null)
          .sort((a, b) => b.getTime() - a.getTime())[0];
        return {
          id: mentee.id,
          displayName: mentee.displayName,
          done: submissions.filter((s) => s.status === 'submitted').length,
          late: submissions.filter((s) => s.status === 'submitted' && s.late).length,
          missing: submissions.filter(
            (s) => s.status === 'missed' || ((s.status === 'open' || s.status === 'in_progress') && s.deadlineAt < now),
          ).length,
          lastMessageAt: last ?? null,
          lastSignal: mentee.checkInsReceived[0]?.signal ?? null,
        };
      });
    },
    answerCheckIn: async (checkInId, mentorId, signal, at) => {
      const { count } = await tx.checkIn.updateMany({
        where: { id: checkInId, mentorId },
        data: { signal, answeredAt: at, status: 'answered' },
      });
      if (count === 0) return null;
      const checkIn = await tx.checkIn.findUniqueOrThrow({
        where: { id: checkInId },
        select: { mentee: { select: { id: true, displayName: true } } },
      });
      return { menteeId: checkIn.mentee.id, menteeName: checkIn.mentee.displayName };
    },
    checkInMentee: async (checkInId, mentorId) => {
      const checkIn = await tx.checkIn.findFirst({
        where: { id: checkInId, mentorId },
        select: { mentee: { select: { id: true, displayName: true } } },
      });
      return checkIn && { menteeId: checkIn.mentee.id, menteeName: checkIn.mentee.displayName };
    },
    addCheckInNote: async (checkInId, mentorId, note) => {
      const checkIn = await tx.checkIn.findFirst({ where: { id: checkInId, mentorId }, select: { menteeId: true } });
      if (!checkIn) return false;
      await tx.checkIn.update({ where: { id: checkInId }, data: { note } });
      // The mentor's message carrying the note is about the mentee: their erasure scrubs it too.
      options.onAbout?.([checkIn.menteeId]);
      return true;
    },
  };
}
