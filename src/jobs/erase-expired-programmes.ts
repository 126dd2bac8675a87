import { z } from 'zod';
import { eraseProgrammePeople } from '../store/programmes/erase-programme-people.ts';
import { programmeErasures } from '../store/programmes/programme-erasures.ts';
import { defineJob } from './job-definition.ts';

/**
 * Every night: the personal data of programmes past their `retention` (the end of their last
 * phase plus `erase_after_end`) is erased, as DELETE erases it. A programme without retention is
 * never erased by this job. Idempotent: erased people are not erased again. Logs hold counts and
 * programme ids only.
 */
export const eraseExpiredProgrammes = defineJob({
  name: 'erase-expired-programmes',
  payload: z.object({}),
  repeat: { pattern: '15 2 * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, { db, logger, now, media }) => {
    const at = now();
    const expired = (await programmeErasures(db)).filter((programme) => programme.eraseAt <= at);
    const expiredProgrammeIds = expired.map((programme) => programme.programmeId);
    const programmes = [];
    for (const programme of expired) {
      const counts = await eraseProgrammePeople(db, {
        programmeId: programme.programmeId,
        expiredProgrammeIds,
        at,
        mediaDir: media.dir,
        details: {
          eraseAfterEnd: programme.retention.eraseAfterEnd,
          endsOn: programme.endsOn,
          eraseAt: programme.eraseAt.toISOString(),
        },
      });
      if (counts.erased > 0 || counts.inviteCodesRemoved > 0)
        logger.info(
          { programmeId: programme.programmeId, ...counts },
          'erased the personal data of a programme past its retention',
        );
      programmes.push({ programmeId: programme.programmeId, ...counts });
    }
    return { programmes };
  },
});
