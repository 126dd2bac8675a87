import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminTestApp } from '../support/admin-app.ts';
import { importSample } from '../support/sample-programme.ts';
import type { TestApp } from '../support/test-app.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Runs `compagnon staff add` as the operator of a new server would. */
async function staffAdd(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', ['bin/compagnon.js', 'staff', 'add', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('compagnon staff add, on a database with a programme and nobody on its staff', () => {
  let t: TestApp & { baseUrl: string };

  beforeAll(async () => {
    t = await startAdminTestApp();
    await importSample(t.test.db);
  });

  afterAll(async () => {
    await t.close();
  });

  it('makes a staff member of every cohort whose printed link leads to a signed-in dashboard', async () => {
    const result = await staffAdd(['--name', '  Fatou   Diop ', '--programme', 'connexions-citoyennes'], {
      DATABASE_URL: t.test.url,
    });
    expect(result.code).toBe(0);
    const path = result.stdout.trim();
    expect(path).toMatch(/^\/admin\/sign-in\/[A-Za-z0-9_-]{43}$/);
    expect(result.stderr).toContain('Fatou Diop is now staff of connexions-citoyennes');
    expect(result.stderr).toContain('PUBLIC_URL is not set');

    const person = await t.test.db.person.findFirstOrThrow({
      where: { displayName: 'Fatou Diop' },
      include: { enrolments: { include: { cohort: true } }, identities: true },
    });
    expect(person.roles).toEqual(['staff']);
    expect(person.identities).toEqual([]);
    const cohorts = await t.test.db.cohort.count();
    expect(person.enrolments).toHaveLength(cohorts);
    expect(person.enrolments.every((e) => e.role === 'staff' && e.joinedAt !== null)).toBe(true);
    const audit = await t.test.db.auditLog.findMany({ where: { entityId: person.id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([
      ['staff.add', null],
      ['dashboard.link', null],
    ]);

    const signIn = await t.app.inject({ method: 'POST', url: path });
    expect(signIn.statusCode).toBe(303);
    const cookie = [signIn.headers['set-cookie']]
      .flat()
      .find((header): header is string => typeof header === 'string' && header.startsWith('compagnon_session='))!
      .split(';')[0]!;
    const dashboard = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie } });
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('Fatou Diop');
    // The link works once.
    expect((await t.app.inject({ method: 'POST', url: path })).statusCode).toBe(410);
  });

  it('prints the whole link under PUBLIC_URL, and says so when the name is already on the staff', async () => {
    const result = await staffAdd(['--name', 'Fatou Diop', '--programme', 'connexions-citoyennes'], {
      DATABASE_URL: t.test.url,
      PUBLIC_URL: 'https://compagnon.example.org',
    });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^https:\/\/compagnon\.example\.org\/admin\/sign-in\/[A-Za-z0-9_-]{43}$/);
    expect(result.stderr).toContain('1 staff member(s) of connexions-citoyennes already had the name "Fatou Diop"');
    expect(await t.test.db.person.count({ where: { displayName: 'Fatou Diop' } })).toBe(2);
  });

  it('refuses an unknown programme, listing the keys, and an empty name, making nobody', async () => {
    const before = await t.test.db.person.count();
    const unknown = await staffAdd(['--name', 'Awa', '--programme', 'connexions'], { DATABASE_URL: t.test.url });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no programme has the id or key "connexions": use one of connexions-citoyennes');
    expect(unknown.stdout).toBe('');
    const empty = await staffAdd(['--name', '  ', '--programme', 'connexions-citoyennes'], {
      DATABASE_URL: t.test.url,
    });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("--name must be the staff member's name");
    expect(await t.test.db.person.count()).toBe(before);
  });
});
