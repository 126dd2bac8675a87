import type { LocalizedText } from '../../domain/programme/language.ts';
import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';

/** What the slipping alerts and the mentor digests need of a cohort, loaded once per cohort and run. */
export interface CohortFacts {
  name: LocalizedText;
  settings: ProgrammeSettings;
  defaultLocale: string;
  /** When staff last resumed its paused schedule (the audit log is the only record of it). */
  resumedAt: Date | null;
}

/** Adds to `cohorts` those of `cohortIds` not loaded yet, in two queries. */
export async function loadCohortFacts(
  db: Database,
  cohorts: Map<string, CohortFacts>,
  cohortIds: string[],
): Promise<void> {
  const missing = [...new Set(cohortIds)].filter((id) => !cohorts.has(id));
  if (missing.length === 0) return;
  const [rows, resumes] = await Promise.all([
    db.cohort.findMany({
      where: { id: { in: missing } },
      select: { id: true, name: true, programme: { select: { settings: true, defaultLocale: true } } },
    }),
    db.auditLog.groupBy({
      by: ['entityId'],
      where: { entity: 'Cohort', action: 'cohort.resume', entityId: { in: missing } },
      _max: { createdAt: true },
    }),
  ]);
  const resumedAt = new Map(resumes.map((r) => [r.entityId, r._max.createdAt]));
  for (const row of rows) {
    cohorts.set(row.id, {
      name: row.name as LocalizedText,
      settings: parseProgrammeSettings(row.programme.settings),
      defaultLocale: row.programme.defaultLocale,
      resumedAt: resumedAt.get(row.id) ?? null,
    });
  }
}
