import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatProblems, parseProgrammeFile } from '../../domain/programme/parse-programme-file.ts';
import type { Database } from '../../store/database.ts';
import type { ImportReport } from '../../store/programmes/import-programme.ts';
import { CommandError, type Output } from '../output.ts';

interface ImportOptions {
  file: string;
  /** Import only when the database has no programme yet (what `npm start` does with the sample). */
  ifEmpty?: boolean;
  /** Validate the file and stop: nothing is written. */
  check?: boolean;
}

/** `compagnon import <file>`: validates a programme file, then creates or updates the programme. */
export async function runImport(
  options: ImportOptions,
  deps: { db: Database | null; out: Output; now: () => Date },
): Promise<ImportReport | null> {
  const source = await readFile(options.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CommandError(`cannot read ${options.file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  const parsed = parseProgrammeFile(source);
  if (!parsed.ok) {
    const count = parsed.problems.length;
    throw new CommandError(
      `${formatProblems(options.file, parsed.problems)}\n${options.file}: ${count} problem${count > 1 ? 's' : ''}; nothing was imported`,
    );
  }
  const { programme } = parsed;
  if (options.check || !deps.db) {
    deps.out.info(
      `${options.file}: programme ${programme.key} version ${programme.version} is valid ` +
        `(${programme.exercises.length} exercises, ${programme.hubs.length} hubs, ${programme.cohorts.length} cohorts)`,
    );
    return null;
  }
  // Loaded only to write: `import --check` needs no database client.
  const { countProgrammes } = await import('../../store/programmes/count-programmes.ts');
  const { importProgramme } = await import('../../store/programmes/import-programme.ts');
  if (options.ifEmpty && (await countProgrammes(deps.db)) > 0) {
    deps.out.info('the database already has a programme; nothing imported');
    return null;
  }
  // Kept as a version, as the dashboard keeps its uploads: the page lists it and gives the file back.
  const report = await importProgramme(deps.db, programme, {
    source,
    now: deps.now(),
    record: { via: 'cli', fileName: path.basename(options.file), importedById: null },
  });
  if (report.outcome === 'unchanged') {
    deps.out.info(`programme ${programme.key} version ${programme.version} is already up to date; nothing changed`);
  }
  for (const change of report.changes) deps.out.info(change);
  for (const warning of report.warnings) deps.out.error(`warning: ${warning}`);
  return report;
}
