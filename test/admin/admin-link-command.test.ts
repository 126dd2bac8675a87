import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import type { TestApp } from '../support/test-app.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Runs `compagnon admin:link` as the first staff member's administrator would. */
async function adminLink(
  personId: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'node',
      ['bin/compagnon.js', 'admin:link', '--person', personId],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('compagnon admin:link', () => {
  let t: TestApp & { baseUrl: string };
  let seed: SeededCohort;

  beforeAll(async () => {
    t = await startAdminTestApp();
    seed = await seedCohort(t.test.db, new Date());
  });

  afterAll(async () => {
    await t.close();
  });

  it('prints a link under PUBLIC_URL that signs the staff member in once', async () => {
    const result = await adminLink(seed.staffId, {
      DATABASE_URL: t.test.url,
      PUBLIC_URL: 'https://compagnon.example.org/',
    });
    expect(result.code).toBe(0);
    const url = result.stdout.trim();
    expect(url).toMatch(/^https:\/\/compagnon\.example\.org\/admin\/sign-in\/[A-Za-z0-9_-]{43}$/);
    expect(result.stderr).toContain('valid 15 minutes');
    const path = new URL(url).pathname;
    expect((await t.app.inject({ method: 'POST', url: path })).statusCode).toBe(303);
    expect((await t.app.inject({ method: 'POST', url: path })).statusCode).toBe(410);
  });

  it('prints the path with a note when PUBLIC_URL is not set, using SIGN_IN_LINK_MINUTES', async () => {
    const result = await adminLink(seed.mentorIds[1], { DATABASE_URL: t.test.url, SIGN_IN_LINK_MINUTES: '5' });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\/admin\/sign-in\/[A-Za-z0-9_-]{43}$/);
    expect(result.stderr).toContain('PUBLIC_URL is not set');
    expect(result.stderr).toContain('valid 5 minutes');
    const link = await t.test.db.signInLink.findFirstOrThrow({
      where: { personId: seed.mentorIds[1] },
      orderBy: { createdAt: 'desc' },
    });
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBeGreaterThan(4 * 60_000);
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBeLessThan(6 * 60_000);
  });

  it('refuses a participant and an unknown id with a clear message', async () => {
    const participant = await adminLink(seed.participantIds[0]!, { DATABASE_URL: t.test.url });
    expect(participant.code).toBe(1);
    expect(participant.stderr).toContain('participants have no dashboard');
    const unknown = await adminLink('nobody', { DATABASE_URL: t.test.url });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no person has this id');
    expect(await t.test.db.signInLink.count({ where: { personId: seed.participantIds[0]! } })).toBe(0);
  });

  it('refuses a bad SIGN_IN_LINK_MINUTES naming the variable', async () => {
    const result = await adminLink(seed.staffId, { DATABASE_URL: t.test.url, SIGN_IN_LINK_MINUTES: 'soon' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SIGN_IN_LINK_MINUTES must be a whole number of minutes');
  });
});
