// Shared by the benchmarks: a fresh migrated database, the sample programme, many participants.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Database } from '../src/store/database.ts';
import { applyMigrations } from '../src/store/migrations.ts';
import { importSample } from '../test/support/sample-programme.ts';

export const HUBS = ['abidjan', 'tunis', 'bukavu', 'antananarivo'] as const;

export async function benchDatabase(): Promise<{ url: string; db: Database; drop: () => Promise<void> }> {
  const server = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/compagnon');
  const url = new URL(server);
  url.pathname = `/compagnon_bench_${randomBytes(3).toString('hex')}`;
  await applyMigrations({ databaseUrl: url.toString() });
  const db = createDatabase(url.toString(), { maxConnections: 20 });
  await importSample(db);
  return {
    url: url.toString(),
    db,
    drop: async () => {
      await db.$disconnect();
      const admin = new pg.Client({ connectionString: new URL('/postgres', server).toString() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** `count` participants spread over the four hubs' time zones, each with one identity on `channel`. */
export async function addParticipants(db: Database, count: number, channel: 'simulator' | 'telegram'): Promise<void> {
  const cohort = await db.cohort.findFirstOrThrow();
  const hubs = await db.hub.findMany({ where: { key: { in: [...HUBS] } } });
  const people = Array.from({ length: count }, (_, i) => ({
    id: `bench-${i}`,
    hubId: hubs[i % hubs.length]!.id,
    platformId: String(100_000 + i),
  }));
  for (let start = 0; start < people.length; start += 5000) {
    const slice = people.slice(start, start + 5000);
    await db.person.createMany({
      data: slice.map((p) => ({ id: p.id, hubId: p.hubId, locale: 'fr', roles: ['participant'] })),
    });
    await db.channelIdentity.createMany({
      data: slice.map((p) => ({ personId: p.id, channel, platformId: p.platformId, lastInboundAt: new Date() })),
    });
    await db.enrolment.createMany({
      data: slice.map((p) => ({ personId: p.id, cohortId: cohort.id, role: 'participant' })),
    });
  }
}
