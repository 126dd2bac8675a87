import type { AttendanceStore } from '../../conversation/stores/attendance-store.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Prisma } from '../generated/client.ts';

/** Attendance recorded in chat: a venue found by its code, and the person's invitation marked. */
export function createAttendanceStore(tx: Prisma.TransactionClient): AttendanceStore {
  return {
    attendanceCode: async (code, personId) => {
      const venue = await tx.sessionVenue.findUnique({
        where: { attendanceCode: code },
        select: {
          id: true,
          startsAt: true,
          endsAt: true,
          timeZone: true,
          hub: { select: { name: true } },
          session: {
            select: {
              id: true,
              title: true,
              status: true,
              attendanceModes: true,
              invitations: {
                where: { personId },
                select: { id: true, venueId: true, attendedAt: true },
              },
            },
          },
        },
      });
      if (!venue) return null;
      const { session, hub, ...place } = venue;
      return {
        venue: { ...place, hubName: (hub?.name ?? null) as LocalizedText | null },
        session: {
          id: session.id,
          title: session.title as LocalizedText,
          status: session.status,
          attendanceModes: session.attendanceModes,
        },
        invitation: session.invitations[0] ?? null,
      };
    },
    recordCodeAttendance: async (invitationId, venueId, sentAt) => {
      // Conditional, so that a roll call ticked meanwhile is kept as it is.
      await tx.sessionInvitation.updateMany({
        where: { id: invitationId, attendedAt: null },
        data: { venueId, attendedAt: sentAt, attendedBy: 'code', attendanceRecordedById: null },
      });
    },
  };
}
