import type { LocalizedText } from '../../domain/programme/language.ts';

/** What a participant answers to a milestone follow-up. */
export type MilestoneReport = 'done' | 'in_progress' | 'blocked';

export interface MilestoneView {
  id: string;
  position: number;
  /** As the participant was given it; `titles` has it in each language when the programme still defines it. */
  title: string;
  titles: LocalizedText;
  /** YYYY-MM-DD, the participant's local date. */
  dueOn: string;
  status: 'pending' | MilestoneReport;
  /** The cohort of the plan: its mentors are the ones told. */
  cohortId: string;
  note: string | null;
  followedUpAt: Date | null;
  reportedAt: Date | null;
}

/** The milestones of a participant's action plan and what they report on them. */
export interface MilestoneStore {
  /** The milestones of the person's action plan, in order (none before a mentor is assigned). */
  milestones: (personId: string) => Promise<MilestoneView[]>;
  /**
   * Records a participant's report on one of their own milestones, with the status it had before;
   * null when the milestone is not theirs. A blocker note stays until the milestone is blocked again.
   */
  reportMilestone: (
    milestoneId: string,
    personId: string,
    status: MilestoneReport,
    at: Date,
  ) => Promise<(MilestoneView & { previousStatus: MilestoneView['status'] }) | null>;
  addMilestoneNote: (milestoneId: string, note: string) => Promise<void>;
  /** The latest message written for the person: what it was for, its choice ids (if any), and when it went out (null while not sent). */
  latestOutbound: (personId: string) => Promise<{ purpose: string; choiceIds: string[]; sentAt: Date | null } | null>;
}
