import { readFileSync } from 'node:fs';
import { parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';
import type { Database } from '../../src/store/database.ts';
import { importProgramme } from '../../src/store/import-programme.ts';

/** Imports examples/connexions-citoyennes.yaml. */
export async function importSample(db: Database): Promise<void> {
  const source = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');
  const parsed = parseProgrammeFile(source);
  if (!parsed.ok) throw new Error('the sample programme is invalid');
  await importProgramme(db, parsed.programme, { source, now: new Date() });
}
