import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';
import { importProgramme } from '../../src/store/programmes/import-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const SAMPLE = 'examples/connexions-citoyennes.yaml';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the `compagnon` command as a user would. */
async function compagnon(args: string[], env: Record<string, string> = {}): Promise<Result> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', ['bin/compagnon.js', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the compagnon command', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase();
    const source = readFileSync(`${ROOT}/${SAMPLE}`, 'utf8');
    const parsed = parseProgrammeFile(source);
    if (!parsed.ok) throw new Error('the sample is invalid');
    await importProgramme(test.db, parsed.programme, { source, now: new Date() });
  });

  afterAll(async () => {
    await test.drop();
  });

  it('lists its commands with --help', async () => {
    const { code, stdout } = await compagnon(['--help']);
    expect(code).toBe(0);
    for (const command of [
      'migrate',
      'import',
      'invite',
      'release',
      'assign',
      'telegram:set-webhook',
      'serve',
      'worker',
      'start',
    ]) {
      expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    const invite = await compagnon(['invite', '--help']);
    expect(invite.stdout).toContain('--cohort <id>');
    expect(invite.stdout).toContain('--expires <date>');
  });

  it('loads neither the database client nor the queues for --help or import --check', async () => {
    const loaded = async (args: string[]) => {
      const file = join(mkdtempSync(join(tmpdir(), 'compagnon-modules-')), 'loaded.txt');
      const result = await compagnon(args, {
        DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
        LOADED_MODULES_FILE: file,
        NODE_OPTIONS: `--import ${ROOT}test/cli/record-loaded-modules.js`,
      });
      expect(result.code).toBe(0);
      const modules = readFileSync(file, 'utf8');
      rmSync(dirname(file), { recursive: true });
      return modules;
    };
    for (const args of [['--help'], ['import', '--check', SAMPLE]]) {
      const modules = await loaded(args);
      expect(modules).toContain('/src/cli/main.ts');
      for (const heavy of [
        '/@prisma/',
        '/src/store/generated/',
        '/node_modules/pg/',
        '/bullmq/',
        '/ioredis/',
        '/fastify/',
      ])
        expect(modules, `${args.join(' ')} loads ${heavy}`).not.toContain(heavy);
    }
  });

  it('validates a programme file with import --check, without a database', async () => {
    const { code, stdout } = await compagnon(['import', '--check', SAMPLE], {
      DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
    });
    expect(code).toBe(0);
    expect(stdout).toContain(
      'programme connexions-citoyennes version 2027.1 is valid (6 exercises, 5 hubs, 1 cohorts)',
    );
  });

  it('says the sample is up to date when it is imported again', async () => {
    const { code, stdout } = await compagnon(['import', SAMPLE], { DATABASE_URL: test.url });
    expect(code).toBe(0);
    expect(stdout).toContain('already up to date; nothing changed');
  });

  it('prints invite codes with the texts to send and their Telegram and WhatsApp links', async () => {
    const { code, stdout } = await compagnon(
      ['invite', '--cohort', 'promo-2027', '--role', 'mentor', '--count', '3', '--expires', '2099-02-01'],
      {
        DATABASE_URL: test.url,
        TELEGRAM_BOT_USERNAME: 'CompagnonBot',
        WHATSAPP_BUSINESS_NUMBER: '+225 07 00 00 00 01',
      },
    );
    expect(code).toBe(0);
    // The end of 1 February in Paris, the programme's time zone.
    expect(stdout).toContain('3 mentor codes for cohort promo-2027');
    expect(stdout).toContain('valid until 1 February 2099 at 23:59 (Europe/Paris time)');
    const codes = [...stdout.matchAll(/^([A-Z2-9]{8})$/gm)].map((m) => m[1]);
    expect(codes).toHaveLength(3);
    for (const invite of codes) {
      expect(stdout).toContain(`to join, send "REJOINDRE ${invite}" (French) or "JOIN ${invite}" (English)`);
      expect(stdout).toContain(`Telegram: https://t.me/CompagnonBot?start=${invite}`);
      expect(stdout).toContain(`WhatsApp: https://wa.me/2250700000001?text=REJOINDRE%20${invite}`);
    }
    const stored = await test.db.inviteCode.findMany({ where: { code: { in: codes as string[] } } });
    expect(stored.map((row) => row.role)).toEqual(['mentor', 'mentor', 'mentor']);
  });

  it('prints a trainer invite for a hub, typed as the README says', async () => {
    const { code, stdout, stderr } = await compagnon(
      ['invite', '--cohort', 'promo-2027', '--role', 'trainer', '--hub', 'bukavu'],
      { DATABASE_URL: test.url },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('1 trainer code for cohort promo-2027');
    expect(stdout).toContain('Trainer invite for hub bukavu');
    const [invite] = [...stdout.matchAll(/^([A-Z2-9]{8})$/gm)].map((m) => m[1]);
    const stored = await test.db.inviteCode.findUniqueOrThrow({ where: { code: invite! }, include: { hub: true } });
    expect([stored.role, stored.hub?.key]).toEqual(['trainer', 'bukavu']);
  });

  it('explains a wrong invite request instead of crashing', async () => {
    const unknown = await compagnon(['invite', '--cohort', 'promo-1999'], { DATABASE_URL: test.url });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('no cohort has the id or key "promo-1999"');
    const badCount = await compagnon(['invite', '--cohort', 'promo-2027', '--count', 'ten'], {
      DATABASE_URL: test.url,
    });
    expect(badCount.stderr.trim()).toBe('--count must be a whole number from 1 to 1000 (got "ten")');
    const badRole = await compagnon(['invite', '--cohort', 'promo-2027', '--role', 'admin'], {
      DATABASE_URL: test.url,
    });
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain("argument 'admin' is invalid");
    const badDate = await compagnon(['invite', '--cohort', 'promo-2027', '--expires', 'next week'], {
      DATABASE_URL: test.url,
    });
    expect(badDate.stderr).toContain('--expires must be a date');
  });

  it('refuses to register a Telegram webhook without a bot, or without a public https address', async () => {
    const noBot = await compagnon(['telegram:set-webhook'], { DATABASE_URL: test.url });
    expect(noBot.code).toBe(1);
    expect(noBot.stderr.trim()).toBe('TELEGRAM_BOT_TOKEN is not set: there is no Telegram bot to configure');
    const noUrl = await compagnon(['telegram:set-webhook'], {
      DATABASE_URL: test.url,
      TELEGRAM_BOT_TOKEN: '123:abc',
      TELEGRAM_WEBHOOK_SECRET: 'secret_1',
    });
    expect(noUrl.code).toBe(1);
    expect(noUrl.stderr).toContain('PUBLIC_URL');
  });

  it('previews a cohort schedule without sending anything, and pauses and resumes it', async () => {
    const cohort = await test.db.cohort.findFirstOrThrow();
    const hub = await test.db.hub.findFirstOrThrow({ where: { key: 'antananarivo' } });
    await test.db.person.create({
      data: {
        displayName: 'Rivo',
        roles: ['participant'],
        hubId: hub.id,
        enrolments: { create: { cohortId: cohort.id, role: 'participant' } },
      },
    });
    const before = { messages: await test.db.outboundMessage.count(), submissions: await test.db.submission.count() };
    const { code, stdout } = await compagnon(['schedule', 'preview', '--cohort', 'promo-2027', '--days', '366'], {
      DATABASE_URL: test.url,
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^cohort promo-2027: \d+ message\(s\) in the next 366 days/);
    // The first release, at 09:00 in Antananarivo, shown in UTC and in local time.
    expect(stdout).toMatch(/2027-01-11 06:00 UTC {2}2027-01-11 09:00 Indian\/Antananarivo +Rivo: release semaine-1/);
    expect(stdout).toMatch(/Rivo: reminder semaine-1/);
    expect({ messages: await test.db.outboundMessage.count(), submissions: await test.db.submission.count() }).toEqual(
      before,
    );
    const tooFar = await compagnon(['schedule', 'preview', '--cohort', 'promo-2027', '--days', '400'], {
      DATABASE_URL: test.url,
    });
    expect(tooFar.stderr.trim()).toBe('--days must be a whole number from 1 to 366 (got "400")');
    const paused = await compagnon(['schedule', 'pause', '--cohort', 'promo-2027'], { DATABASE_URL: test.url });
    expect(paused.stdout.trim()).toBe('cohort promo-2027: schedule paused');
    expect(
      (await compagnon(['schedule', 'preview', '--cohort', 'promo-2027'], { DATABASE_URL: test.url })).stdout,
    ).toContain('PAUSED');
    await compagnon(['schedule', 'resume', '--cohort', 'promo-2027'], { DATABASE_URL: test.url });
    expect((await test.db.cohort.findFirstOrThrow()).pausedAt).toBeNull();
  });

  it('stops at start-up with one message naming a bad variable', async () => {
    const { code, stderr } = await compagnon(['serve'], { PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('Invalid configuration:\n  - PORT must be a whole number (got "eighty")');
  });
});
