import type { Language } from '../../domain/programme/language.ts';
import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { segmentFilterSchema, type SegmentFilter } from '../../domain/segment.ts';
import type { Database } from '../database.ts';

/** A broadcast claimed for its fan-out, with what writing it to each recipient needs. */
interface ClaimedBroadcast {
  id: string;
  programmeId: string;
  texts: Partial<Record<Language, string>>;
  /** The zone the times in the texts are in. */
  timesZone: string;
  scheduledAt: Date | null;
  filter: SegmentFilter;
  programme: { defaultLocale: string; settings: ProgrammeSettings };
}

/**
 * Claims a due broadcast for its fan-out (scheduled → sending; one left "sending" by an
 * interrupted fan-out is claimed again). Null when it is not due, or already sent.
 */
export async function claimBroadcastFanOut(
  db: Database,
  broadcastId: string,
  now: Date,
): Promise<ClaimedBroadcast | null> {
  const claimed = await db.broadcast.updateMany({
    where: { id: broadcastId, status: { in: ['scheduled', 'sending'] }, scheduledAt: { lte: now } },
    data: { status: 'sending' },
  });
  if (claimed.count === 0) return null;
  const broadcast = await db.broadcast.findUniqueOrThrow({
    where: { id: broadcastId },
    include: { segment: true, programme: { select: { settings: true, defaultLocale: true } } },
  });
  const settings = parseProgrammeSettings(broadcast.programme.settings);
  return {
    id: broadcast.id,
    programmeId: broadcast.programmeId,
    texts: broadcast.texts as Partial<Record<Language, string>>,
    timesZone: broadcast.timesZone ?? settings.timeZone,
    scheduledAt: broadcast.scheduledAt,
    filter: segmentFilterSchema.parse(broadcast.segment.filter),
    programme: {
      defaultLocale: broadcast.programme.defaultLocale,
      settings,
    },
  };
}
