import { readFileSync } from 'node:fs';
import { parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';
import type { Database } from '../../src/store/database.ts';
import { importProgramme } from '../../src/store/programmes/import-programme.ts';

/** Imports examples/connexions-citoyennes.yaml. */
/**
 * `quietHours: false` for tests that send to people on the real clock: the sample's quiet hours
 * (21:00–07:00) would otherwise hold what they wait for whenever they run in the evening.
 */
export async function importSample(db: Database, options: { quietHours?: boolean } = {}): Promise<void> {
  const source = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');
  const parsed = parseProgrammeFile(source);
  if (!parsed.ok) throw new Error('the sample programme is invalid');
  const programme =
    options.quietHours === false
      ? { ...parsed.programme, settings: { ...parsed.programme.settings, quietHours: null } }
      : parsed.programme;
  await importProgramme(db, programme, { source, now: new Date() });
}
