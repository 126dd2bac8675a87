import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Database } from '../database.ts';

/** What a broadcast's audience can name in a programme: its cohorts and its hubs. */
interface SegmentChoices {
  cohorts: { id: string; key: string }[];
  hubs: { id: string; key: string; name: LocalizedText }[];
}

/** A programme's cohorts and hubs, to name a segment's ids in words (see describeSegment). */
export async function loadSegmentChoices(db: Database, programmeId: string): Promise<SegmentChoices> {
  const [cohorts, hubs] = await Promise.all([
    db.cohort.findMany({ where: { programmeId }, select: { id: true, key: true } }),
    db.hub.findMany({ where: { programmeId }, select: { id: true, key: true, name: true } }),
  ]);
  // Hub.name is written by the import from the programme file's localized text.
  return { cohorts, hubs: hubs.map((hub) => ({ ...hub, name: hub.name as LocalizedText })) };
}
