import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../src/store/database.ts';

export interface TestDatabase {
  url: string;
  name: string;
  db: Database;
  /** Disconnects and drops the database. */
  drop: () => Promise<void>;
}

/** A fresh, migrated database of its own for one test file, cloned from the template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const templateUrl = new URL(inject('templateDatabaseUrl'));
  const template = templateUrl.pathname.slice(1);
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  await admin(templateUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString(), { maxConnections: 4 });
  return {
    url: url.toString(),
    name,
    db,
    drop: async () => {
      await db.$disconnect();
      await dropDatabase(url.toString());
    },
  };
}

/** A database name that does not exist yet, on the test server (for tests that create it). */
export function unusedDatabaseUrl(): string {
  const url = new URL(inject('templateDatabaseUrl'));
  url.pathname = `/compagnon_fresh_${randomBytes(4).toString('hex')}`;
  return url.toString();
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  await admin(url, (client) => client.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`));
}

/** Runs statements on the server's maintenance database. */
async function admin(url: URL, use: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await use(client);
  } finally {
    await client.end();
  }
}
