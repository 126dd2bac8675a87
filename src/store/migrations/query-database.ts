import pg from 'pg';
import type { DatabaseTarget as Target } from './parse-database-url.ts';

// Discrete fields rather than a connection string: pg lets connectionString override
// `database`, which would point every "shadow" pool at the real database.
export function clientConfig({ host, port, user, password }: Target, database: string): pg.ClientConfig {
  return { host, port, user, password, database, connectionTimeoutMillis: 10_000 };
}

/** One statement on its own connection, whose failure says where it tried to connect. */
export async function queryDatabase(
  target: Target,
  database: string,
  sql: string,
  params: unknown[] = [],
): Promise<pg.QueryResult> {
  const client = new pg.Client(clientConfig(target, database));
  try {
    await client.connect().catch((error: Error & { code?: string }) => {
      throw new Error(
        `Cannot connect to PostgreSQL at ${target.host}:${target.port} (user "${target.user}", ` +
          `database "${database}"): ${error.message || error.code}`,
        { cause: error },
      );
    });
    return await client.query(sql, params);
  } finally {
    await client.end().catch(() => {});
  }
}

/** CREATE/DROP DATABASE have to run from another database: the `postgres` maintenance one. */
export const adminQuery = (target: Target, sql: string, params?: unknown[]): Promise<pg.QueryResult> =>
  queryDatabase(target, 'postgres', sql, params);

/** The name as a double-quoted SQL identifier. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
