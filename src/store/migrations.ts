// Prisma Migrate without Prisma's native schema engine.
//
// This machine cannot download the native engine and Prisma 7's CLI has no other way to
// migrate, so we drive @prisma/schema-engine-wasm (the same engine, compiled to WebAssembly)
// over a pg driver adapter. The migrations folder keeps Prisma's own layout, so the ordinary
// `prisma migrate` commands read it too wherever the native engine is available.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { databaseExists, ensureDatabase } from './migrations/ensure-database.ts';
import type { MigrationOptions } from './migrations/migration-options.ts';
import { prepareMigrationJob } from './migrations/prepare-migration-job.ts';
import { LOCKFILE, LOCKFILE_CONTENT } from './migrations/read-migrations.ts';
import { noFilters, withEngine } from './migrations/with-engine.ts';

export type { MigrationOptions } from './migrations/migration-options.ts';

interface MigrationStatus {
  databaseExists: boolean;
  /** Migration folders on disk, oldest first. */
  local: string[];
  applied: string[];
  pending: string[];
  failed: string[];
  /** Applied, but their migration.sql changed since. */
  edited: string[];
  /** Recorded as applied in the database but absent from the migrations folder. */
  missingLocally: string[];
  upToDate: boolean;
}

/** ≈ `prisma migrate deploy`, creating the database first if the server does not have it yet. */
export async function applyMigrations(options: MigrationOptions): Promise<{ applied: string[] }> {
  const job = await prepareMigrationJob(options);
  await ensureDatabase(job.target, options.log);
  const applied = await withEngine('Applying migrations', job, options, ({ apply }) => apply());
  for (const name of applied) options.log?.(`Applied migration ${name}`);
  return { applied };
}

/**
 * ≈ `prisma migrate dev --create-only --name <name>`: writes the SQL taking the migrations to
 * schema.prisma into a new migration folder and returns its path, or null when nothing changed.
 * Like Prisma, it first applies pending migrations to the database (use a scratch one).
 */
export async function createMigration(options: MigrationOptions & { name: string }): Promise<string | null> {
  const slug = options.name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
  if (!slug) throw new Error(`Invalid migration name "${options.name}": use letters, digits and underscores`);
  const job = await prepareMigrationJob(options);
  await ensureDatabase(job.target, options.log);
  const { migrationsList, target } = job;
  const created = await withEngine('Creating a migration', job, options, async ({ engine, apply }) => {
    // devDiagnostic replays the applied migrations in a shadow database and caches the result;
    // createMigration only reads that cache (the wasm engine has no shadow database of its own),
    // so every migration must be applied first, as `prisma migrate dev` also does.
    const diagnose = async (): Promise<void> => {
      const { action } = await engine.devDiagnostic({ migrationsList, filters: noFilters });
      if (action.tag === 'reset') {
        throw new Error(
          `database "${target.database}" does not match the migrations: point DATABASE_URL ` +
            `at a scratch database or drop it. ${action.reason}`,
        );
      }
    };
    await diagnose();
    const applied = await apply();
    for (const name of applied) options.log?.(`Applied migration ${name} to ${target.database}`);
    if (applied.length > 0) await diagnose();
    // draft: false, so that "no changes" comes back as null rather than as an empty migration.
    return engine.createMigration({
      draft: false,
      migrationName: slug,
      migrationsList,
      schema: { files: [job.schema] },
      filters: noFilters,
    });
  });
  if (created.migrationScript === null) return null;
  const folder = path.join(job.migrationsDir, created.generatedMigrationName);
  await mkdir(job.migrationsDir, { recursive: true });
  await mkdir(folder); // not recursive: fails rather than overwrite an existing migration
  await writeFile(path.join(folder, `migration.${created.extension}`), created.migrationScript, 'utf8');
  if (migrationsList.lockfile.content === null)
    await writeFile(path.join(job.migrationsDir, LOCKFILE), LOCKFILE_CONTENT, 'utf8');
  options.log?.(`Created migration ${created.generatedMigrationName}`);
  return folder;
}

/** SQL that would bring the migrations in line with schema.prisma, or null when they match. */
export async function schemaDrift(options: MigrationOptions): Promise<string | null> {
  const job = await prepareMigrationJob(options);
  // The engine reads the provider from the lockfile, which a project without migrations lacks.
  const lockfile = { path: LOCKFILE, content: job.migrationsList.lockfile.content ?? LOCKFILE_CONTENT };
  const { exitCode, stdout } = await withEngine('Comparing migrations with schema.prisma', job, options, ({ engine }) =>
    engine.diff({
      from: { tag: 'migrations', ...job.migrationsList, lockfile },
      to: { tag: 'schemaDatamodel', files: [job.schema] },
      script: true,
      exitCode: true, // 2 when they differ, as with `prisma migrate diff --exit-code`
      filters: noFilters,
    }),
  );
  return exitCode === 0 ? null : (stdout ?? '');
}

/** ≈ `prisma migrate status`, as data. A database that does not exist yet has everything pending. */
export async function migrationStatus(options: MigrationOptions): Promise<MigrationStatus> {
  const job = await prepareMigrationJob(options);
  const local = job.migrationsList.migrationDirectories.map((directory) => directory.path);
  const exists = await databaseExists(job.target);
  const diagnostic = exists
    ? await withEngine('Reading the migration status', job, options, ({ engine }) =>
        engine.diagnoseMigrationHistory({
          migrationsList: job.migrationsList,
          optInToShadowDatabase: false,
          filters: noFilters,
        }),
      )
    : { hasMigrationsTable: false, history: null, failedMigrationNames: [], editedMigrationNames: [] };
  const { history, failedMigrationNames: failed, editedMigrationNames: edited } = diagnostic;
  const pending = !diagnostic.hasMigrationsTable
    ? local
    : history && 'unappliedMigrationNames' in history
      ? history.unappliedMigrationNames
      : [];
  const missingLocally = history && 'unpersistedMigrationNames' in history ? history.unpersistedMigrationNames : [];
  const applied = local.filter((name) => !pending.includes(name) && !failed.includes(name));
  const upToDate = pending.length + failed.length + edited.length + missingLocally.length === 0;
  return { databaseExists: exists, local, applied, pending, failed, edited, missingLocally, upToDate };
}
