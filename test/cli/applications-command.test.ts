import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApplicationLinks } from '../../src/cli/commands/applications-command.ts';
import type { Output } from '../../src/cli/output.ts';
import { parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';
import { importProgramme } from '../../src/store/programmes/import-programme.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const sample = readFileSync(`${ROOT}/examples/connexions-citoyennes.yaml`, 'utf8');
/** 20 October 2026: the sample's call is open (5 October to 15 November). */
const NOW = new Date('2026-10-20T10:00:00Z');

describe('compagnon applications links', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
  });

  afterAll(async () => {
    await test.drop();
  });

  async function links(
    options: { programme?: string },
    config: { TELEGRAM_BOT_USERNAME?: string; WHATSAPP_BUSINESS_NUMBER?: string } = {},
    now = NOW,
  ): Promise<string> {
    const lines: string[] = [];
    const out: Output = { info: (line) => lines.push(line), error: (line) => lines.push(line) };
    await runApplicationLinks(options, { db: test.db, out, now: () => now, config });
    return lines.join('\n');
  }

  it("prints the call's dates in the programme's zone, the Telegram link and a WhatsApp link per language", async () => {
    const text = await links(
      { programme: 'connexions-citoyennes' },
      { TELEGRAM_BOT_USERNAME: 'CompagnonBot', WHATSAPP_BUSINESS_NUMBER: '33612345678' },
    );
    expect(text).toBe(
      [
        'Call for applications of connexions-citoyennes (accepted applicants join cohort promo-2027), open now:',
        '  opens  Monday 5 October 2026 at 09:00 (Europe/Paris time)',
        '  closes Sunday 15 November 2026 at 23:59 (Europe/Paris time)',
        'To apply, send "POSTULER" (French) or "APPLY" (English) to the bot or the WhatsApp number.',
        '  Telegram: https://t.me/CompagnonBot?start=apply',
        '  WhatsApp (French): https://wa.me/33612345678?text=POSTULER',
        '  WhatsApp (English): https://wa.me/33612345678?text=APPLY',
      ].join('\n'),
    );
  });

  it('says what to send where no channel is configured, and whether the call is open', async () => {
    const text = await links({}, {}, new Date('2026-09-01T10:00:00Z'));
    expect(text).toContain('connexions-citoyennes (accepted applicants join cohort promo-2027), not open yet:');
    expect(text).toContain('To apply, send "POSTULER" (French) or "APPLY" (English)');
    expect(text).toContain(
      'no link for Telegram (set TELEGRAM_BOT_USERNAME) or WhatsApp (set WHATSAPP_BUSINESS_NUMBER): give people the word to send instead',
    );
    expect(text).not.toContain('https://');
    expect(await links({}, { WHATSAPP_BUSINESS_NUMBER: '33612345678' }, new Date('2026-11-16T10:00:00Z'))).toMatch(
      /, closed:[\s\S]*no link for Telegram \(set TELEGRAM_BOT_USERNAME\): give/,
    );
  });

  it('runs from the command line', async () => {
    const { stdout } = await promisify(execFile)('node', ['bin/compagnon.js', 'applications', 'links'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        LOG_LEVEL: 'silent',
        DATABASE_URL: test.url,
        TELEGRAM_BOT_USERNAME: 'CompagnonBot',
      },
    });
    expect(stdout).toContain('closes Sunday 15 November 2026 at 23:59 (Europe/Paris time)');
    expect(stdout).toContain('Telegram: https://t.me/CompagnonBot?start=apply');
  });

  it('refuses an unknown programme, a choice left open, and a programme without a call, saying what to do', async () => {
    await expect(links({ programme: 'autre' })).rejects.toThrow(
      'no programme has the id or key "autre" (programmes: connexions-citoyennes)',
    );
    const source = sample
      .slice(0, sample.indexOf('\napplications:\n') + 1)
      .replace(/^id: connexions-citoyennes$/m, 'id: sans-appel');
    const parsed = parseProgrammeFile(source);
    if (!parsed.ok) throw new Error('the sample without its call is invalid');
    await importProgramme(test.db, parsed.programme, { source, now: NOW });
    await expect(links({})).rejects.toThrow(
      'there are several programmes: name one with --programme (connexions-citoyennes, sans-appel)',
    );
    await expect(links({ programme: 'sans-appel' })).rejects.toThrow(
      'programme sans-appel has no call for applications: add an applications: section to its file and import it again',
    );
  });
});
