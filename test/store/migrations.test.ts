import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, migrationStatus, schemaDrift } from '../../src/store/migrations.ts';

// Every test works in a database of its own, named uniquely, so this file can run alongside others.
const created: string[] = [];
const tempDirs: string[] = [];

function databaseUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432');
  url.pathname = `/${database}`;
  return url.toString();
}

function uniqueDatabaseUrl(): string {
  const name = `compagnon_migrations_test_${randomBytes(5).toString('hex')}`;
  created.push(name);
  return databaseUrl(name);
}

async function onServer<T>(database: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function createdDatabaseUrl(): Promise<string> {
  const url = uniqueDatabaseUrl();
  await onServer('postgres', (client) => client.query(`CREATE DATABASE "${new URL(url).pathname.slice(1)}"`));
  return url;
}

afterAll(async () => {
  await onServer('postgres', async (client) => {
    for (const name of created) await client.query(`DROP DATABASE IF EXISTS "${name}"`);
  });
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('migrations', () => {
  it('creates a missing database, applies the migrations once, then has nothing left to apply', async () => {
    const url = uniqueDatabaseUrl();
    const lines: string[] = [];

    const first = await applyMigrations({ databaseUrl: url, log: (line) => lines.push(line) });

    expect(first.applied.length).toBeGreaterThan(0);
    expect(lines.some((line) => line.startsWith('Created database'))).toBe(true);
    const tables = await onServer(new URL(url).pathname.slice(1), async (client) =>
      (
        await client.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_name IN ('Programme', 'OutboundMessage')`,
        )
      ).rows
        .map((row) => row.table_name)
        .sort(),
    );
    expect(tables).toEqual(['OutboundMessage', 'Programme']);

    const second = await applyMigrations({ databaseUrl: url });
    expect(second.applied).toEqual([]);
    const status = await migrationStatus({ databaseUrl: url });
    expect(status).toMatchObject({ databaseExists: true, pending: [], upToDate: true, applied: first.applied });
  });

  it('has migrations that match prisma/schema.prisma', async () => {
    const drift = await schemaDrift({ databaseUrl: await createdDatabaseUrl() });

    expect(
      drift,
      'prisma/schema.prisma has changes that no migration contains. Create one with ' +
        '`npm run db:migrate:create -- <name>` to create the migration, review it and commit it. Missing SQL:\n' +
        drift,
    ).toBeNull();
  });

  it('detects a schema.prisma that has changed since the last migration', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'compagnon-drift-'));
    tempDirs.push(dir);
    const schema = await readFile(path.join(import.meta.dirname, '../../prisma/schema.prisma'), 'utf8');
    await writeFile(
      path.join(dir, 'schema.prisma'),
      `${schema}\nmodel DriftProbe {\n  id          String @id\n  probeLabel  String @unique\n}\n`,
    );

    const drift = await schemaDrift({
      databaseUrl: await createdDatabaseUrl(),
      schemaPath: path.join(dir, 'schema.prisma'),
    });

    expect(drift).toContain('CREATE TABLE "DriftProbe"');
    expect(drift).toContain('"probeLabel"');
  });

  it('says where it could not connect when PostgreSQL is unreachable', async () => {
    const url = new URL(databaseUrl('compagnon_unreachable'));
    url.port = '1';

    const where = new RegExp(`Cannot connect to PostgreSQL at ${url.hostname.replace(/\./g, '\\.')}:1\\b`);
    await expect(applyMigrations({ databaseUrl: url.toString() })).rejects.toThrow(where);
    await expect(schemaDrift({ databaseUrl: url.toString() })).rejects.toThrow(where);
    await expect(migrationStatus({ databaseUrl: url.toString() })).rejects.toThrow(where);
  });
});
