/** A person's own pause (PAUSE N, RESUME): an offline period of their own in each cohort they follow. */
export interface OfflineStore {
  /**
   * Pauses the person from now until `until` in each cohort they follow; a pause of their own
   * already running is moved to end then. Returns in how many cohorts, and whether their deadlines
   * falling in the pause move by its length (the programme's `pauses.move_deadlines`).
   */
  pauseOffline: (
    personId: string,
    until: Date,
    now: Date,
  ) => Promise<{
    cohorts: number;
    moveDeadlines: boolean;
    /** A pause of their own was running and was moved. */ moved: boolean;
  }>;
  /**
   * Ends the person's own pauses now (one catch-up message follows). `heldUntil`: a period of their
   * hub or cohort still holds them until then; null: they are back.
   */
  resumeOffline: (personId: string, now: Date) => Promise<{ ended: number; heldUntil: Date | null }>;
}
