import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { AudienceRole, SegmentFilter } from '../../domain/segment.ts';

export interface StaffProgrammeView {
  id: string;
  name: LocalizedText;
  languages: Language[];
  timeZone: string;
  cohorts: { id: string; name: LocalizedText }[];
  hubs: { id: string; key: string; name: LocalizedText; country: string; timeZone: string }[];
}

/** What an announcement would do if sent at `at`: how many it reaches, and each text as its readers will read it. */
export interface BroadcastPreviewView {
  recipients: number;
  /** People of each role the segment addresses; someone with two roles is in both. */
  byRole: Partial<Record<AudienceRole, number>>;
  whatsappOutsideWindow: number;
  /** Most readers first. */
  variants: {
    language: Language;
    text: string;
    readers: number;
    places: { hubName: LocalizedText | null; timeZone: string }[];
  }[];
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
  previewBroadcast: (request: {
    programmeId: string;
    filter: SegmentFilter;
    texts: Partial<Record<Language, string>>;
    /** The zone the times in the texts are in. */
    timesZone: string;
    at: Date;
    defaultLanguage: Language;
  }) => Promise<BroadcastPreviewView>;
  createBroadcast: (broadcast: {
    programmeId: string;
    filter: SegmentFilter;
    texts: Partial<Record<Language, string>>;
    /** The zone the times in the texts are in, when it is not the programme's. */
    timesZone?: string;
    scheduledAt: Date;
    createdById: string;
  }) => Promise<string>;
  /** Each cohort's numbers; an exercise is missing once its deadline is before `now`. */
  cohortStats: (programmeId: string, now: Date) => Promise<CohortStats[]>;
}
