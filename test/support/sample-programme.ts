import { readFileSync } from 'node:fs';
import { parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';
import type { Database } from '../../src/store/database.ts';
import { importProgramme } from '../../src/store/programmes/import-programme.ts';

/**
 * Imports examples/connexions-citoyennes.yaml, quiet hours (21:00–07:00) included: a test that
 * waits for messages to people gives its app a daytime clock (see clock.ts), not a programme
 * without quiet hours.
 */
export async function importSample(db: Database): Promise<void> {
  const source = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');
  const parsed = parseProgrammeFile(source);
  if (!parsed.ok) throw new Error('the sample programme is invalid');
  await importProgramme(db, parsed.programme, { source, now: new Date() });
}
