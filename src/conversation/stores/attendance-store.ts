import type { LocalizedText } from '../../domain/programme/language.ts';
import type { AttendanceCodeFacts } from '../../domain/sessions/judge-attendance-code.ts';

/** A venue found by its attendance code, with its session and the person's invitation to that session. */
export interface AttendanceCodeView extends AttendanceCodeFacts {
  /** `hubName`: the city of the venue; null online. */
  venue: AttendanceCodeFacts['venue'] & { timeZone: string; hubName: LocalizedText | null };
  session: AttendanceCodeFacts['session'] & { id: string; title: LocalizedText };
}

/** Attendance recorded in chat: `PRÉSENT <code>`. */
export interface AttendanceStore {
  /** The venue whose attendance code is `code` (already normalized), seen by `personId`; null: no such code. */
  attendanceCode: (code: string, personId: string) => Promise<AttendanceCodeView | null>;
  /** Records attendance by code at `venueId` (moving the invitation there if it was at another venue), unless already recorded. */
  recordCodeAttendance: (invitationId: string, venueId: string, sentAt: Date) => Promise<void>;
}
