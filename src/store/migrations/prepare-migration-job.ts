import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationOptions } from './migration-options.ts';
import { parseDatabaseUrl } from './parse-database-url.ts';
import { readMigrations } from './read-migrations.ts';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Everything a migration command works from: the database, the migrations folder and schema.prisma. */
export type MigrationJob = Awaited<ReturnType<typeof prepareMigrationJob>>;

/** Reads the options' database URL, migrations folder and schema, defaulting to this project's. */
export async function prepareMigrationJob(options: MigrationOptions) {
  const target = parseDatabaseUrl(options.databaseUrl);
  const migrationsDir = path.resolve(options.migrationsDir ?? path.join(projectRoot, 'prisma', 'migrations'));
  const schemaPath = path.resolve(options.schemaPath ?? path.join(projectRoot, 'prisma', 'schema.prisma'));
  const schema = { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
  return { target, migrationsDir, migrationsList: await readMigrations(migrationsDir), schema };
}
