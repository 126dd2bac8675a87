import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import { PrismaClient } from './generated/client.ts';

export type Database = PrismaClient;

/** The plain `pg` pool of the inbound hot path (createPool), for code outside the store to pass along. */
export type DatabasePool = pg.Pool;

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
export function createPool(databaseUrl: string, options: { maxConnections?: number; logger?: Logger } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    max: options.maxConnections ?? 5,
  });
  // A connection that PostgreSQL (or the network) closes is reported as an 'error' event, which
  // would end the process if nobody listened: on the pool while idle (the pool drops it), on the
  // client while checked out (its query fails too, and the caller handles that).
  pool.on('error', (err) => options.logger?.warn({ err }, 'idle PostgreSQL connection lost'));
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}
