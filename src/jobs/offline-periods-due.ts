import { z } from 'zod';
import { applyDueOfflinePeriods } from '../store/offline-periods/apply-due-offline-periods.ts';
import { defineJob } from './job-definition.ts';

/**
 * Every minute: starts the offline periods whose start has come (people paused, deadlines moved
 * when asked) and ends those whose end has come (people back, missed reminders dropped, one
 * catch-up message each, sent by `catch-up-due`). Each start and end is claimed once.
 */
export const offlinePeriodsDue = defineJob({
  name: 'offline-periods-due',
  payload: z.object({}),
  repeat: { pattern: '* * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, { db, now }) => applyDueOfflinePeriods(db, now()),
});
