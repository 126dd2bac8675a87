import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInvite } from '../../src/cli/commands/invite-command.ts';
import type { Output } from '../../src/cli/output.ts';
import { createTranslate } from '../../src/i18n.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** 2 December 2026, 15:00 in Paris (the sample programme's zone). */
const NOW = new Date('2026-12-02T14:00:00Z');

describe('compagnon invite --role trainer', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
  });

  afterAll(async () => {
    await test.drop();
  });

  async function invite(options: { role: string; hub?: string }) {
    const lines: string[] = [];
    const out: Output = { info: (line) => lines.push(line), error: (line) => lines.push(line) };
    const codes = await runInvite(
      { count: '1', maxUses: '1', maxCodes: 1000, ...options },
      {
        db: test.db,
        out,
        translate: createTranslate({ defaultLanguage: 'fr' }),
        defaultLanguage: 'fr',
        now: () => NOW,
        config: {},
      },
    );
    return { codes, text: lines.join('\n') };
  }

  it('makes a code attached to the hub and says it is a trainer invite for that hub', async () => {
    const { codes, text } = await invite({ role: 'trainer', hub: 'bukavu' });
    expect(text).toContain('1 trainer code for cohort promo-2027');
    expect(text).toContain('Trainer invite for hub bukavu');
    const stored = await test.db.inviteCode.findUniqueOrThrow({ where: { code: codes[0]! }, include: { hub: true } });
    expect(stored.role).toBe('trainer');
    expect(stored.hub?.key).toBe('bukavu');
    const audit = await test.db.auditLog.findFirstOrThrow({
      where: { action: 'invite.create' },
      orderBy: { id: 'desc' },
    });
    expect(audit.details).toMatchObject({ role: 'trainer', hubId: stored.hubId });
  });

  it('requires the hub for a trainer and names the hubs there are', async () => {
    const before = await test.db.inviteCode.count();
    await expect(invite({ role: 'trainer' })).rejects.toThrow(
      'a trainer invite needs --hub, the hub they run (one of abidjan, ouagadougou, tunis, bukavu, antananarivo)',
    );
    await expect(invite({ role: 'trainer', hub: 'kinshasa' })).rejects.toThrow(
      'no hub "kinshasa" in this programme: use one of abidjan, ouagadougou, tunis, bukavu, antananarivo',
    );
    await expect(invite({ role: 'trainer', hub: 'abidjan,ouagadougou' })).rejects.toThrow(
      '--hub takes one hub: run invite once per hub (abidjan, then ouagadougou)',
    );
    expect(await test.db.inviteCode.count()).toBe(before);
  });

  it('refuses a hub for the other roles, who choose theirs when joining', async () => {
    await expect(invite({ role: 'participant', hub: 'bukavu' })).rejects.toThrow(
      '--hub is for trainer invites only: a participant chooses their hub when joining',
    );
    const { codes } = await invite({ role: 'mentor' });
    const stored = await test.db.inviteCode.findUniqueOrThrow({ where: { code: codes[0]! } });
    expect(stored.hubId).toBeNull();
  });
});
