import { z } from 'zod';
import { eraseDeclinedApplications as eraseDeclined } from '../store/applications/erase-declined-applications.ts';
import { deleteErasedFiles } from '../store/people/erase-person.ts';
import { defineJob } from './job-definition.ts';

/**
 * Every night: declined applications kept past the call's keep_declined are erased, with the
 * applicant when nothing else keeps them here. Idempotent: an erased application is gone. Logs
 * hold counts only.
 */
export const eraseDeclinedApplications = defineJob({
  name: 'erase-declined-applications',
  payload: z.object({}),
  repeat: { pattern: '25 2 * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, { db, logger, now, media }) => {
    const erased = await eraseDeclined(db, { at: now(), mediaDir: media.dir });
    await deleteErasedFiles(erased.files);
    if (erased.applications > 0)
      logger.info(
        { applications: erased.applications, people: erased.people },
        'erased declined applications past their keep_declined',
      );
    return { applications: erased.applications, people: erased.people };
  },
});
