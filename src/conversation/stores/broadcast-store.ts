import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { SegmentFilter } from '../../domain/segment.ts';

export interface StaffProgrammeView {
  id: string;
  name: LocalizedText;
  languages: Language[];
  timeZone: string;
  cohorts: { id: string; name: LocalizedText }[];
  hubs: { id: string; key: string; name: LocalizedText; country: string }[];
}

export interface CohortStats {
  name: LocalizedText;
  byStatus: Record<string, number>;
  exercises: { title: LocalizedText; submitted: number; late: number; missing: number; open: number }[];
}

/** What staff read and write in chat: their programmes, an announcement's audience, the announcement, the numbers. */
export interface BroadcastStore {
  /** The programmes the person is staff of. */
  staffProgrammes: (personId: string) => Promise<StaffProgrammeView[]>;
  previewAudience: (
    programmeId: string,
    filter: SegmentFilter,
    now: Date,
  ) => Promise<{ recipients: number; whatsappOutsideWindow: number }>;
  createBroadcast: (broadcast: {
    programmeId: string;
    filter: SegmentFilter;
    texts: Partial<Record<Language, string>>;
    /** The zone the times in the texts are in, when it is not the programme's. */
    timesZone?: string;
    scheduledAt: Date;
    createdById: string;
  }) => Promise<string>;
  cohortStats: (programmeId: string) => Promise<CohortStats[]>;
}
