import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client.ts';

export type Database = PrismaClient;

/** How long to wait for PostgreSQL before a query fails, so a dead database is reported, not waited on. */
const CONNECTION_TIMEOUT_MS = 5_000;

/** The Prisma client on PostgreSQL through the `pg` driver (no native engine needed). */
export function createDatabase(databaseUrl: string, options: { maxConnections?: number } = {}): Database {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    max: options.maxConnections ?? 10,
  });
  return new PrismaClient({ adapter });
}

/**
 * A plain `pg` pool, for the one hot path written in SQL (recording inbound events); everything
 * else goes through Prisma.
 */
export function createPool(databaseUrl: string, options: { maxConnections?: number } = {}): pg.Pool {
  return new pg.Pool({
    connectionString: databaseUrl,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    max: options.maxConnections ?? 5,
  });
}
