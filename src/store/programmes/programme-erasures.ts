import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { erasureInstant, programmeEndsOn, type Retention } from '../../domain/retention.ts';
import type { Database } from '../database.ts';

/** When a programme's personal data is erased, by its `retention`. */
interface ProgrammeErasure {
  programmeId: string;
  name: unknown;
  timeZone: string;
  retention: Retention;
  /** The last day of the last phase, YYYY-MM-DD. */
  endsOn: string;
  eraseAt: Date;
}

/** The erasure dates of the programmes that have a retention (of those given, or all). */
export async function programmeErasures(db: Database, programmeIds?: string[]): Promise<ProgrammeErasure[]> {
  const programmes = await db.programme.findMany({
    ...(programmeIds && { where: { id: { in: programmeIds } } }),
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true, settings: true, phases: { select: { endsOn: true } } },
  });
  const erasures: ProgrammeErasure[] = [];
  for (const programme of programmes) {
    const { retention, timeZone } = parseProgrammeSettings(programme.settings);
    const endsOn = programmeEndsOn(programme.phases.map((phase) => phase.endsOn.toISOString().slice(0, 10)));
    if (!retention || !endsOn) continue;
    erasures.push({
      programmeId: programme.id,
      name: programme.name,
      timeZone,
      retention,
      endsOn,
      eraseAt: erasureInstant(endsOn, retention, timeZone),
    });
  }
  return erasures;
}
