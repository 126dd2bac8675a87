import { adminQuery, quoteIdent } from './query-database.ts';
import type { DatabaseTarget as Target } from './parse-database-url.ts';

/** Whether the server has the target's database. */
export async function databaseExists(target: Target): Promise<boolean> {
  return (await adminQuery(target, 'SELECT 1 FROM pg_database WHERE datname = $1', [target.database])).rowCount === 1;
}

/** Creates the target's database unless the server already has it. */
export async function ensureDatabase(target: Target, log: ((line: string) => void) | undefined): Promise<void> {
  if (await databaseExists(target)) return;
  const created = await adminQuery(target, `CREATE DATABASE ${quoteIdent(target.database)}`).catch(
    (error: Error & { code?: string }) => {
      // Another process created it since we looked, which is all we wanted (42P04, or 23505 in a tight race).
      if (error.code === '42P04' || error.code === '23505') return null;
      throw new Error(
        `Cannot create database "${target.database}" on ${target.host}:${target.port}: ${error.message}`,
        { cause: error },
      );
    },
  );
  if (created) log?.(`Created database ${target.database} on ${target.host}:${target.port}`);
}
