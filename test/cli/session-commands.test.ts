import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSessionList } from '../../src/cli/commands/session-list-command.ts';
import { runSessionReport } from '../../src/cli/commands/session-report-command.ts';
import type { Output } from '../../src/cli/output.ts';
import type { RsvpAnswer } from '../../src/domain/sessions/session-definition.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, onlineDefinition, workshopDefinition } from '../support/sessions.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/** What a command printed, line by line. */
function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (line) => lines.push(line), error: (line) => lines.push(line) };
}

describe('compagnon session list and session report', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase();
    const db = test.db;
    await importSample(db);
    await createSampleSession(
      db,
      workshopDefinition({ localStart: '2027-03-08T09:00', hubs: ['abidjan', 'antananarivo'], capacity: 2 }),
      SAMPLE_DAYTIME,
    );
    await createSampleSession(
      db,
      onlineDefinition({ localStart: '2027-04-07T14:00', announce: { at: new Date('2027-03-24T09:00:00Z') } }),
      SAMPLE_DAYTIME,
    );
    await createSampleSession(
      db,
      workshopDefinition({
        key: 'atelier-lancement',
        localStart: '2026-10-05T09:00',
        hubs: ['abidjan'],
        title: { fr: 'Atelier de lancement', en: 'Launch workshop' },
      }),
      SAMPLE_DAYTIME,
    );
    await db.session.updateMany({ where: { key: 'atelier-test' }, data: { announcedAt: SAMPLE_DAYTIME } });

    // Six people at the Abidjan venue, one at Antananarivo's, each at a different stage.
    const session = await db.session.findFirstOrThrow({ where: { key: 'atelier-test' }, include: { venues: true } });
    const venue = (key: string) => session.venues.find((v) => v.key === key)!;
    const cohort = await db.cohort.findFirstOrThrow({ where: { programmeId: session.programmeId } });
    const invite = async (
      name: string,
      venueKey: string,
      facts: {
        rsvp?: RsvpAnswer;
        waitlisted?: boolean;
        attendedBy?: 'code' | 'roll_call';
        feedbackScore?: number;
        erased?: boolean;
      } = {},
    ) => {
      const person = await db.person.create({
        data: {
          displayName: name,
          roles: ['participant'],
          erasedAt: facts.erased ? SAMPLE_DAYTIME : null,
          enrolments: { create: { cohortId: cohort.id, role: 'participant' } },
        },
      });
      await db.sessionInvitation.create({
        data: {
          sessionId: session.id,
          venueId: venue(venueKey).id,
          personId: person.id,
          announcedAt: SAMPLE_DAYTIME,
          rsvp: facts.rsvp ?? null,
          rsvpAt: facts.rsvp ? SAMPLE_DAYTIME : null,
          waitlistedAt: facts.waitlisted ? SAMPLE_DAYTIME : null,
          attendedAt: facts.attendedBy ? new Date('2027-03-08T09:10:00Z') : null,
          attendedBy: facts.attendedBy ?? null,
          feedbackScore: facts.feedbackScore ?? null,
        },
      });
    };
    await invite('Awa', 'abidjan', { rsvp: 'yes', attendedBy: 'code', feedbackScore: 5 });
    await invite('Koffi', 'abidjan', { rsvp: 'yes', attendedBy: 'roll_call', feedbackScore: 4 });
    await invite('Aya', 'abidjan', { rsvp: 'yes', waitlisted: true });
    await invite('Yao', 'abidjan', { rsvp: 'maybe', attendedBy: 'code' });
    await invite('Adjoa', 'abidjan', { rsvp: 'no' });
    await invite('Kouassi', 'abidjan');
    await invite('Rivo', 'antananarivo', { rsvp: 'maybe' });
    // Erased: her yes holds no seat, and she is counted nowhere.
    await invite('Salimata', 'abidjan', { rsvp: 'yes', attendedBy: 'code', erased: true });
  });

  afterAll(async () => {
    await test.drop();
  });

  it("lists each session with its status and each venue's local start, those to come first", async () => {
    const out = capture();
    await runSessionList({ programme: 'connexions-citoyennes' }, { db: test.db, out, now: () => SAMPLE_DAYTIME });
    const workshop = out.lines.findIndex((line) => line.startsWith('atelier-test  '));
    const online = out.lines.findIndex((line) => line.startsWith('en-ligne-test  '));
    const past = out.lines.indexOf('past:');
    const launch = out.lines.findIndex((line) => line.startsWith('atelier-lancement  '));
    expect(out.lines[workshop]).toBe(
      'atelier-test  workshop  "Atelier : cartographier son projet"  scheduled, announced 2026-11-16 10:00 UTC  ' +
        'antananarivo 2027-03-08 09:00 Indian/Antananarivo; abidjan 2027-03-08 09:00 Africa/Abidjan',
    );
    expect(out.lines[online]).toBe(
      'en-ligne-test  online  "Sécurité des données"  scheduled, to be announced 2027-03-24 09:00 UTC  ' +
        'online 2027-04-07 14:00 Europe/Paris',
    );
    expect(out.lines[launch]).toMatch(/^atelier-lancement {2}workshop {2}"Atelier de lancement" {2}scheduled, /);
    expect(out.lines[launch]).toContain('abidjan 2026-10-05 09:00 Africa/Abidjan');
    expect(workshop).toBeLessThan(online);
    expect(online).toBeLessThan(past);
    expect(past).toBeLessThan(launch);
  });

  it('says so when a programme has no session', async () => {
    const out = capture();
    await runSessionList({ programme: 'no-such-programme' }, { db: test.db, out, now: () => SAMPLE_DAYTIME });
    expect(out.lines).toEqual(['no session in programme "no-such-programme"']);
  });

  it('reports, venue by venue, the answers, the waiting list, attendance and feedback', async () => {
    const out = capture();
    await runSessionReport('atelier-test', {}, { db: test.db, out });
    const code = async (key: string) =>
      (await test.db.sessionVenue.findFirstOrThrow({ where: { key, session: { key: 'atelier-test' } } }))
        .attendanceCode;
    expect(out.lines).toEqual([
      'session atelier-test (workshop, programme connexions-citoyennes): "Atelier : cartographier son projet" — scheduled, announced 2026-11-16 10:00 UTC',
      `antananarivo 2027-03-08 09:00 Indian/Antananarivo  (attendance code ${await code('antananarivo')}, 2 seats)`,
      '  invited 1: yes 0, maybe 1, no 0, no answer 0, waiting list 0',
      '  attended 0 (code 0, roll call 0)',
      '  feedback: none yet',
      `abidjan 2027-03-08 09:00 Africa/Abidjan  (attendance code ${await code('abidjan')}, 2 seats)`,
      '  invited 6: yes 2, maybe 1, no 1, no answer 1, waiting list 1',
      '  attended 3 (code 2, roll call 1)',
      '  feedback 4.5 average from 2 answers',
      'all 2 venues',
      '  invited 7: yes 2, maybe 2, no 1, no answer 1, waiting list 1',
      '  attended 3 (code 2, roll call 1)',
      '  feedback 4.5 average from 2 answers',
    ]);
  });

  it('answers an unknown session with one clear line, and explains both commands in --help', async () => {
    const compagnon = async (args: string[]) => {
      try {
        const { stdout, stderr } = await promisify(execFile)('node', ['bin/compagnon.js', ...args], {
          cwd: ROOT,
          env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', DATABASE_URL: test.url },
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        return error as { code: number; stdout: string; stderr: string };
      }
    };
    const unknown = await compagnon(['session', 'report', 'atelier-inconnu']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('no session has the id or key "atelier-inconnu"\n');
    const help = await compagnon(['session', '--help']);
    expect(help.stdout).toMatch(/list \[options\] +list sessions, those to come first/);
    expect(help.stdout).toMatch(/report \[options\] <id> +show, venue by venue/);
    const reportHelp = await compagnon(['session', 'report', '--help']);
    expect(reportHelp.stdout).toContain('--programme <id>');
  });
});
