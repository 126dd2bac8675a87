// npm run db:migrate | db:migrate:create -- <name> | db:migrate:status
// Stands in for `prisma migrate deploy | dev --create-only | status`, which need Prisma's native
// schema engine; see src/store/migrations.ts.

import { applyMigrations, createMigration, migrationStatus } from '../src/store/migrations.ts';

const usage = 'usage: tsx scripts/migrate.ts deploy | create <name> | status';
const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/compagnon';
const log = (line: string): void => console.log(line);

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  switch (command) {
    case 'deploy': {
      const { applied } = await applyMigrations({ databaseUrl, log });
      if (applied.length === 0) console.log('No pending migrations: the database is up to date.');
      return;
    }
    case 'create': {
      const name = rest.join('_');
      if (!name) throw new Error(`a migration name is required\n${usage}`);
      const folder = await createMigration({ databaseUrl, name, log });
      console.log(
        folder
          ? `Review ${folder}/migration.sql, then run npm run db:migrate to apply it.`
          : 'Nothing to migrate: the migrations already match prisma/schema.prisma.',
      );
      return;
    }
    case 'status': {
      const status = await migrationStatus({ databaseUrl });
      console.log(
        `${status.local.length} migration(s) in prisma/migrations${status.databaseExists ? '' : '; the database does not exist yet'}`,
      );
      for (const name of status.applied) console.log(`  applied   ${name}`);
      for (const name of status.pending) console.log(`  pending   ${name}`);
      for (const name of status.failed) console.log(`  FAILED    ${name}`);
      for (const name of status.edited) console.log(`  EDITED    ${name} (changed after it was applied)`);
      for (const name of status.missingLocally)
        console.log(`  UNKNOWN   ${name} (applied, but not in prisma/migrations)`);
      console.log(
        status.upToDate ? 'The database is up to date.' : 'Run npm run db:migrate to apply pending migrations.',
      );
      if (status.failed.length + status.edited.length + status.missingLocally.length > 0) process.exitCode = 1;
      return;
    }
    default:
      throw new Error(command ? `unknown command "${command}"\n${usage}` : usage);
  }
}

// Explicit exits: a stray timer or socket in a dependency must not keep the command hanging.
main(process.argv.slice(2)).then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
