import type { Database } from '../database.ts';
import { AmbiguousReferenceError, NotFoundError } from '../errors.ts';

/** A cohort by its id or by its key in the programme file (e.g. promo-2027). */
export async function findCohort(db: Database, reference: string) {
  const cohorts = await db.cohort.findMany({
    where: { OR: [{ id: reference }, { key: reference }] },
    include: { programme: { select: { key: true, defaultLocale: true, settings: true } } },
  });
  const byId = cohorts.find((cohort) => cohort.id === reference);
  if (byId) return byId;
  const [first, ...others] = cohorts;
  if (!first) throw new NotFoundError(`no cohort has the id or key "${reference}"`);
  if (others.length > 0) {
    const ids = cohorts.map((c) => `${c.id} (${c.programme.key})`).join(', ');
    throw new AmbiguousReferenceError(`several cohorts have the key "${reference}"; give one of their ids: ${ids}`);
  }
  return first;
}
