import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInvite } from '../../src/cli/commands/invite-command.ts';
import type { Output } from '../../src/cli/output.ts';
import { createTranslate } from '../../src/i18n.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** 2 December 2026, 15:00 in Paris (the sample programme's zone). */
const NOW = new Date('2026-12-02T14:00:00Z');

describe('compagnon invite', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
  });

  afterAll(async () => {
    await test.drop();
  });

  async function invite(
    options: { cohort?: string; expires?: string; count?: string },
    config: { TELEGRAM_BOT_USERNAME?: string; WHATSAPP_BUSINESS_NUMBER?: string } = {},
  ) {
    const lines: string[] = [];
    const out: Output = { info: (line) => lines.push(line), error: (line) => lines.push(line) };
    const codes = await runInvite(
      { role: 'participant', count: options.count ?? '1', maxUses: '1', maxCodes: 1000, ...options },
      {
        db: test.db,
        out,
        translate: createTranslate({ defaultLanguage: 'fr' }),
        defaultLanguage: 'fr',
        now: () => NOW,
        config,
      },
    );
    return { codes, text: lines.join('\n') };
  }

  it('refuses an expiry date already past, saying what day it is', async () => {
    const before = await test.db.inviteCode.count();
    await expect(invite({ cohort: 'promo-2027', expires: '2026-12-01' })).rejects.toThrow(
      '--expires 2026-12-01 is already past (it is 2 December 2026 at 15:00 (Europe/Paris time) now): give a later date',
    );
    expect(await test.db.inviteCode.count()).toBe(before);
  });

  it('prints the expiry as a date and time in the programme zone, naming the zone', async () => {
    const { text } = await invite({ cohort: 'promo-2027', expires: '2027-02-01' });
    expect(text).toContain('valid until 1 February 2027 at 23:59 (Europe/Paris time)');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('prints the French and English texts a person sends, and no WhatsApp line without WhatsApp', async () => {
    const { codes, text } = await invite({ cohort: 'promo-2027' });
    const [code] = codes;
    expect(text).toContain(`to join, send "REJOINDRE ${code}" (French) or "JOIN ${code}" (English)`);
    expect(text).not.toContain('WhatsApp');
    const withWhatsapp = await invite({ cohort: 'promo-2027' }, { WHATSAPP_BUSINESS_NUMBER: '2250700000001' });
    expect(withWhatsapp.text).toContain(
      `WhatsApp: https://wa.me/2250700000001?text=REJOINDRE%20${withWhatsapp.codes[0]}`,
    );
  });

  it('uses the only cohort when none is named, and names the cohorts when there are several', async () => {
    const { codes, text } = await invite({});
    expect(text).toContain('1 participant code for cohort promo-2027');
    const stored = await test.db.inviteCode.findUniqueOrThrow({
      where: { code: codes[0]! },
      include: { cohort: true },
    });
    expect(stored.cohort.key).toBe('promo-2027');

    const programme = await test.db.programme.findFirstOrThrow();
    await test.db.cohort.create({ data: { programmeId: programme.id, key: 'promo-2028', name: { fr: 'Promo 2028' } } });
    await expect(invite({})).rejects.toThrow(
      'there are 2 cohorts: say which with --cohort (promo-2027 (connexions-citoyennes), promo-2028 (connexions-citoyennes))',
    );
  });
});
