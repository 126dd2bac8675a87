// npm run bench:participants — the participants page with 5,000 participants: page 1, a middle
// page, the last page, a search by part of a name and a filtered search, each timed through the
// whole dashboard route (session check, queries, rendering) and compared with page 1 of the same
// page holding 50 participants, measured in the same run on the same machine.
//
// The times are for the note; the ratios say whether paging and searching hold as the list grows
// (with the counts and pages done in PostgreSQL and the name search on its trigram index, they
// should stay within a few times the 50-participant page).
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { registerAdminRoutes } from '../src/admin/admin-routes.ts';
import { createTranslate } from '../src/i18n.ts';
import { JobQueues } from '../src/jobs/job-queues.ts';
import { createLogger } from '../src/logger.ts';
import { createSignInLink } from '../src/store/access/sign-in-links.ts';
import type { Database } from '../src/store/database.ts';
import type { Channel, EnrolmentStatus } from '../src/store/generated/client.ts';
import { benchDatabase, HUBS } from './support.ts';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 5_000);
const BASELINE = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PAGE_SIZE = 50;
/** Goal: every page within this many times the 50-participant page. */
const GOAL_RATIO = 5;

const FIRST = [
  'Aïcha',
  'Awa',
  'Boubacar',
  'Espoir',
  'Fatou',
  'Hery',
  'Josué',
  'Kouadio',
  'Mariam',
  'Rivo',
  'Salma',
  'Yéo',
];
const LAST = ['Ouédraogo', 'Diallo', 'Rakoto', 'Mukendi', 'Ben Salah', 'Koné', 'Traoré', 'Kaboré', 'Randria', 'Zongo'];

const bench = await benchDatabase();
const { db } = bench;
const prefix = `bench-${randomBytes(3).toString('hex')}`;
const queues = new JobQueues({ connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null }, prefix });
const app = Fastify({ logger: false });
try {
  const now = new Date();
  const cohort = await db.cohort.findFirstOrThrow({ select: { id: true } });
  const hubs = await db.hub.findMany({ where: { key: { in: [...HUBS] } }, select: { id: true, key: true } });
  const staff = await db.person.create({
    data: { displayName: 'Claire', roles: ['staff'], enrolments: { create: { cohortId: cohort.id, role: 'staff' } } },
  });
  registerAdminRoutes(app, {
    db,
    queues,
    translate: createTranslate({ defaultLanguage: 'fr' }),
    defaultLanguage: 'fr',
    logger: createLogger({ LOG_LEVEL: 'warn' }),
    now: () => now,
    mediaDir: '/nonexistent',
    publicUrl: null,
    secureCookies: false,
  });
  await app.ready();
  const cookie = await signIn(staff.id, now);
  const time = (url: string) => measure(url, cookie);

  await addNamedParticipants(db, cohort.id, hubs, 0, BASELINE);
  const baseline = await time('/admin/participants');
  await addNamedParticipants(db, cohort.id, hubs, BASELINE, PARTICIPANTS);
  await db.$executeRawUnsafe('ANALYZE');
  const lastPage = Math.ceil(PARTICIPANTS / PAGE_SIZE);
  const abidjan = hubs.find((hub) => hub.key === 'abidjan')!.id;
  const cases: [string, string][] = [
    ['page 1', '/admin/participants'],
    ['middle page', `/admin/participants?page=${Math.ceil(lastPage / 2)}`],
    ['last page', `/admin/participants?page=${lastPage}`],
    ['name search "aich"', '/admin/participants?q=aich'],
    ['filtered search', `/admin/participants?q=ouedr&hub=${abidjan}&status=active&channel=whatsapp`],
  ];
  console.log(`\nparticipants page, median of ${RUNS} requests each (after 3 to warm up)`);
  console.log(`baseline: page 1 with ${BASELINE} participants: ${baseline.toFixed(1)} ms`);
  let met = true;
  for (const [label, url] of cases) {
    const ms = await time(url);
    const ratio = ms / baseline;
    met &&= ratio <= GOAL_RATIO;
    console.log(`${PARTICIPANTS} participants, ${label}: ${ms.toFixed(1)} ms, ${ratio.toFixed(2)} × baseline`);
  }
  console.log(`goal: each within ${GOAL_RATIO} × the baseline: ${met ? 'met' : 'NOT met'}`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await app.close();
  await queues.close();
  await bench.drop();
  process.exit(process.exitCode ?? 0);
}

/** Signs the staff member in through the one-time link, as a browser would; returns the cookie. */
async function signIn(personId: string, now: Date): Promise<string> {
  const link = await createSignInLink(db, { personId, now, validMinutes: 15 });
  if (!link.ok) throw new Error(link.reason);
  const response = await app.inject({ method: 'POST', url: `/admin/sign-in/${link.token}` });
  const cookie = [response.headers['set-cookie']].flat().find((header) => header?.startsWith('compagnon_session='));
  if (!cookie) throw new Error(`sign-in failed (${response.statusCode})`);
  return cookie.split(';')[0]!;
}

/** The median time of `RUNS` requests to `url`; each must answer 200. */
async function measure(url: string, cookie: string): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS + 3; run++) {
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url, headers: { cookie } });
    const elapsed = performance.now() - started;
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
    if (run >= 3) times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Participants `from` to `to` − 1, with names made of common first and last names (accents
 * included), spread over the hubs, the statuses and the two channels; one in 13 slipping.
 */
async function addNamedParticipants(
  db: Database,
  cohortId: string,
  hubs: { id: string }[],
  from: number,
  to: number,
): Promise<void> {
  const people = Array.from({ length: to - from }, (_, offset) => {
    const i = from + offset;
    return {
      id: `bench-${i}`,
      displayName: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`,
      hubId: hubs[i % hubs.length]!.id,
      status: (i % 10 === 9 ? 'paused' : i % 17 === 16 ? 'stopped' : 'active') as EnrolmentStatus,
      channel: (i % 2 === 0 ? 'telegram' : 'whatsapp') as Channel,
      slipping: i % 13 === 12,
    };
  });
  await db.person.createMany({
    data: people.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      hubId: p.hubId,
      locale: 'fr',
      roles: ['participant'],
    })),
  });
  await db.channelIdentity.createMany({
    data: people.map((p) => ({ personId: p.id, channel: p.channel, platformId: p.id })),
  });
  await db.enrolment.createMany({
    data: people.map((p) => ({
      personId: p.id,
      cohortId,
      role: 'participant' as const,
      status: p.status,
      slippingAlertedAt: p.slipping ? new Date() : null,
    })),
  });
}
