import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';
import type { Database } from '../../src/store/database.ts';
import { importProgramme } from '../../src/store/programmes/import-programme.ts';
import {
  seedCohort,
  seedSecondProgramme,
  signInAs,
  startAdminTestApp,
  type SeededCohort,
} from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { multipartBody } from '../support/help-desk-inbox.ts';
import { seedTrainers } from '../support/trainers.ts';

const SAMPLE = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');

/** The sample with its version moved on and the cohort renamed: a text that changes, nothing released touched. */
const RENAMED = SAMPLE.replace('version: "2027.1"', 'version: "2027.2"').replace(
  'name: { fr: Promotion 2027, en: 2027 cohort }',
  'name: { fr: Promotion 2027 (Afrique), en: 2027 cohort (Africa) }',
);

/** Uploading, previewing and applying the programme file from the dashboard. */
describe('the programme file on the dashboard', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let db: Database;
  let seed: SeededCohort;
  const sessions: Record<string, { cookie: string; csrfToken: string }> = {};

  beforeAll(async () => {
    app = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    db = app.test.db;
    seed = await seedCohort(db, SAMPLE_DAYTIME);
    const trainers = await seedTrainers(db, seed, SAMPLE_DAYTIME);
    const second = await seedSecondProgramme(db, SAMPLE_DAYTIME, seed);
    for (const [who, id] of [
      ['claire', seed.staffId],
      ['diallo', seed.mentorIds[0]],
      ['aline', trainers.bukavuTrainerId],
      ['bernard', second.staffId],
    ] as const)
      sessions[who] = await signInAs(app.app, db, id, SAMPLE_DAYTIME);
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (who: string, url: string) =>
    app.app.inject({ method: 'GET', url, headers: { cookie: sessions[who]!.cookie } });
  const upload = async (who: string, source: string, fileName = 'programme.yaml', withToken = true) => {
    const { payload, headers } = await multipartBody(withToken ? { _csrf: sessions[who]!.csrfToken } : {}, {
      name: fileName,
      type: 'application/yaml',
      data: Buffer.from(source, 'utf8'),
    });
    return app.app.inject({
      method: 'POST',
      url: `/admin/programme/${seed.programmeId}/check`,
      headers: { ...headers, cookie: sessions[who]!.cookie },
      payload,
    });
  };
  /** Presses "Apply" on a preview page: its hidden fields, sent back as the browser would. */
  const apply = (who: string, previewPage: string, change: Record<string, string> = {}) => {
    const fields = Object.fromEntries(
      [...previewPage.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]),
    );
    return app.app.inject({
      method: 'POST',
      url: `/admin/programme/${seed.programmeId}/apply`,
      headers: { cookie: sessions[who]!.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, ...change }).toString(),
    });
  };
  const written = async () => ({
    sourceHash: (await db.programme.findUniqueOrThrow({ where: { id: seed.programmeId } })).sourceHash,
    versions: await db.programmeImport.count({ where: { programmeId: seed.programmeId } }),
    audits: await db.auditLog.count({ where: { action: 'programme.import', entityId: seed.programmeId } }),
    cohortName: (await db.cohort.findUniqueOrThrow({ where: { id: seed.cohortId } })).name,
  });

  it('is for staff: mentors and trainers are refused, and cannot upload', async () => {
    const page = await get('claire', '/admin/programme');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Version en vigueur : 2027.1');
    expect(page.body).toContain('importé avant que les fichiers ne soient conservés');
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('name="_csrf"');
    for (const who of ['diallo', 'aline']) {
      expect((await get(who, '/admin/programme')).statusCode).toBe(403);
      expect((await get(who, `/admin/programme/${seed.programmeId}/file`)).statusCode).toBe(403);
      expect((await upload(who, RENAMED)).statusCode).toBe(403);
    }
  });

  it('shows every problem of a refused file with its line, column and the line itself, and writes nothing', async () => {
    const before = await written();
    const broken = SAMPLE.replace('        type: choice', '        type: choix').replace(
      '    grace: 12h',
      '    grace: 12h\n    colour: blue',
    );
    const lines = broken.split('\n');
    const choixLine = lines.findIndex((line) => line === '        type: choix') + 1;
    const colourLine = lines.findIndex((line) => line === '    colour: blue') + 1;

    const response = await upload('claire', broken, 'programme-v2.yaml');

    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Fichier refusé : programme-v2.yaml');
    // The language switch goes back to the programme file page (the check has no page of its own).
    expect(response.body).toContain('name="back" value="/admin/programme"');
    expect(response.body).toContain('Le fichier a 2 problèmes : rien n&#39;a été importé.');
    expect(response.body).toContain(`Ligne ${colourLine}, colonne 13`);
    expect(response.body).toContain('unknown field &quot;colour&quot;');
    expect(response.body).toContain(`Ligne ${choixLine}, colonne 15`);
    // The line quoted, the column marked.
    expect(response.body).toContain(`${colourLine} | </span>    colour: <mark>blue</mark>`);
    expect(response.body).toContain(`${choixLine} | </span>        type: <mark>choix</mark>`);
    expect(await written()).toEqual(before);
  });

  it('refuses an upload or an "apply" without the form’s token', async () => {
    const before = await written();
    const response = await upload('claire', RENAMED, 'programme.yaml', false);
    expect(response.statusCode).toBe(403);
    const preview = await upload('claire', RENAMED);
    expect(preview.statusCode).toBe(200);
    const forged = await apply('claire', preview.body, { _csrf: 'forged' });
    expect(forged.statusCode).toBe(403);
    expect(await written()).toEqual(before);
  });

  it('refuses a file over a megabyte', async () => {
    const before = await written();
    const response = await upload('claire', `${SAMPLE}\n# ${'x'.repeat(1024 * 1024)}\n`);
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('Ce fichier dépasse 1024 Ko');
    expect(await written()).toEqual(before);
  });

  it('refuses a file for another programme, and another programme’s staff', async () => {
    const other = SAMPLE.replace('id: connexions-citoyennes', 'id: nouveau-programme');
    const response = await upload('claire', other);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('celui du programme « nouveau-programme »');
    expect(response.body).toContain('compagnon import');
    expect(await db.programme.count({ where: { key: 'nouveau-programme' } })).toBe(0);

    expect((await upload('bernard', RENAMED)).statusCode).toBe(404);
    expect((await get('bernard', `/admin/programme/${seed.programmeId}/file`)).statusCode).toBe(404);
    expect((await get('bernard', '/admin/programme')).body).not.toContain('connexions-citoyennes');
  });

  it('previews a changed text, applies it, keeps the version and gives the new file back', async () => {
    const before = await written();
    const preview = await upload('claire', RENAMED, 'connexions-2027.2.yaml');
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Aperçu : Connexions citoyennes, version 2027.2');
    const changed = /data-preview="changed">(.*?)<\/ul>/s.exec(preview.body)?.[1] ?? '';
    expect(changed).toContain('Cohorte « promo-2027 »');
    expect(changed).toContain('Le programme passe à la version 2027.2');
    expect(preview.body).not.toContain('data-preview="refused"');
    // The preview ran the import and undid it.
    expect(await written()).toEqual(before);

    const applied = await apply('claire', preview.body);
    expect(applied.statusCode).toBe(303);
    expect(applied.headers.location).toBe('/admin/programme?done=applied&version=2027.2');

    expect((await written()).cohortName).toEqual({ fr: 'Promotion 2027 (Afrique)', en: '2027 cohort (Africa)' });
    const version = await db.programmeImport.findFirstOrThrow({ where: { programmeId: seed.programmeId } });
    expect(version).toMatchObject({
      version: '2027.2',
      via: 'dashboard',
      importedById: seed.staffId,
      fileName: 'connexions-2027.2.yaml',
      source: RENAMED,
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: 'programme.import', entityId: seed.programmeId },
      orderBy: { createdAt: 'desc' },
    });
    expect(audit.actorId).toBe(seed.staffId);
    expect(audit.details).toMatchObject({ via: 'dashboard', file: 'connexions-2027.2.yaml', version: '2027.2' });

    const page = await get('claire', '/admin/programme?done=applied&version=2027.2');
    expect(page.body).toContain('La version 2027.2 est appliquée.');
    expect(page.body).toContain('Version en vigueur : 2027.2');
    expect(page.body).toContain('par Claire');
    expect(page.body).toContain('data-version="2027.2"');

    const download = await get('claire', `/admin/programme/${seed.programmeId}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('text/yaml; charset=utf-8');
    expect(download.headers['content-disposition']).toBe('attachment; filename="connexions-2027.2.yaml"');
    expect(download.body).toBe(RENAMED);
    expect((await get('claire', `/admin/programme/versions/${version.id}/file`)).body).toBe(RENAMED);
  });

  it('warns, before applying, of a version number not raised or older than the one in force', async () => {
    const same = await upload('claire', RENAMED.replace('Promotion 2027 (Afrique)', 'Promotion 2027 (Afrique bis)'));
    expect(same.statusCode).toBe(200);
    expect(same.body).toContain('Ce fichier porte le même numéro de version (2027.2) que celui en place');
    const older = await upload('claire', SAMPLE);
    expect(older.body).toContain('Ce fichier porte une version plus ancienne (2027.1) que celle en place (2027.2)');
  });

  it('says a file already in force changes nothing, and writes nothing', async () => {
    const before = await written();
    const response = await upload('claire', RENAMED);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Ce fichier est déjà la version en vigueur');
    expect(response.body).not.toContain('/apply');
    expect(await written()).toEqual(before);
  });

  it('refuses the changes to a released exercise in the preview, and applying does what the command line does', async () => {
    const edited = RENAMED.replace('version: "2027.2"', 'version: "2027.3"').replace(
      'title: { fr: Votre projet et votre motivation, en: Your project and your motivation }',
      'title: { fr: Votre projet, en: Your project }',
    );
    const preview = await upload('claire', edited);
    expect(preview.statusCode).toBe(200);
    const refused = /data-preview="refused">(.*?)<\/ul>/s.exec(preview.body)?.[1] ?? '';
    expect(refused).toContain('Exercice « semaine-1 », envoyé le');
    expect(refused).toContain('ne seront pas appliqués');

    // The command line's own report for the same file, worked out without writing.
    const parsed = parseProgrammeFile(edited);
    if (!parsed.ok) throw new Error('the edited sample is invalid');
    const cli = await importProgramme(db, parsed.programme, { source: edited, now: SAMPLE_DAYTIME, dryRun: true });

    expect((await apply('claire', preview.body)).statusCode).toBe(303);
    const exercise = await db.exercise.findUniqueOrThrow({ where: { id: seed.exerciseIds[0] } });
    expect(exercise.title).toEqual({ fr: 'Votre projet et votre motivation', en: 'Your project and your motivation' });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: 'programme.import', entityId: seed.programmeId },
      orderBy: { createdAt: 'desc' },
    });
    expect(audit.details).toMatchObject({ version: '2027.3', warnings: cli.warnings, changes: cli.changes });
    expect(await db.programmeImport.count({ where: { programmeId: seed.programmeId } })).toBe(2);
  });

  it('refuses a file changed on its way to "apply", and shows the preview again after another import', async () => {
    const next = SAMPLE.replace('version: "2027.1"', 'version: "2027.4"');
    const preview = await upload('claire', next);
    expect(preview.statusCode).toBe(200);

    const before = await written();
    const forged = Buffer.from(next.replace('2027.4', '2027.5'), 'utf8').toString('base64');
    const tampered = await apply('claire', preview.body, { file: forged });
    expect(tampered.statusCode).toBe(400);
    expect(tampered.body).toContain('ne correspond pas à l&#39;aperçu');
    expect(await written()).toEqual(before);

    // Someone imports another version in between: applying shows what it would now do instead.
    const meanwhile = RENAMED.replace('version: "2027.2"', 'version: "2027.35"');
    const parsed = parseProgrammeFile(meanwhile);
    if (!parsed.ok) throw new Error('invalid');
    await importProgramme(db, parsed.programme, { source: meanwhile, now: SAMPLE_DAYTIME });
    const stale = await apply('claire', preview.body);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Une autre version a été importée depuis votre aperçu');
    expect((await db.programme.findUniqueOrThrow({ where: { id: seed.programmeId } })).version).toBe('2027.35');

    // Its own "apply" goes through.
    expect((await apply('claire', stale.body)).statusCode).toBe(303);
    expect((await db.programme.findUniqueOrThrow({ where: { id: seed.programmeId } })).version).toBe('2027.4');
  });

  it('asks for a file when none is chosen', async () => {
    const { payload, headers } = await multipartBody({ _csrf: sessions.claire!.csrfToken });
    const response = await app.app.inject({
      method: 'POST',
      url: `/admin/programme/${seed.programmeId}/check`,
      headers: { ...headers, cookie: sessions.claire!.cookie },
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Choisissez un fichier de programme');
  });

  it('is in English for an English reader', async () => {
    await db.person.update({ where: { id: seed.staffId }, data: { locale: 'en' } });
    const page = await get('claire', '/admin/programme');
    expect(page.body).toContain('Version in force: 2027.4');
    expect(page.body).toContain('Imported versions');
    await db.person.update({ where: { id: seed.staffId }, data: { locale: 'fr' } });
  });
});
