import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importPreviewLines } from '../../src/admin/pages/programme-import-lines.ts';
import { importChangeText } from '../../src/admin/pages/import-change-text.ts';
import type { Viewer } from '../../src/admin/viewer.ts';
import { parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';
import type { Language } from '../../src/domain/programme/language.ts';
import type { ProgrammeDefinition } from '../../src/domain/programme/programme-definition.ts';
import { createTranslate } from '../../src/i18n.ts';
import { importProgramme, type ImportReport } from '../../src/store/programmes/import-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const sample = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');
const withoutCall = sample.slice(0, sample.indexOf('\napplications:\n') + 1);
const now = new Date('2026-10-20T10:00:00Z');

function definition(source: string): ProgrammeDefinition {
  const parsed = parseProgrammeFile(source);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.programme;
}

function importSource(source: string, at = now): Promise<ImportReport> {
  return importProgramme(test.db, definition(source), { source, now: at });
}

/** Someone who has begun applying to the call, with a reminder due at `nextReminderAt`. */
async function applicant(nextReminderAt: Date | null): Promise<string> {
  const call = await test.db.applicationCall.findFirstOrThrow();
  const person = await test.db.person.create({ data: { locale: 'fr', roles: [] } });
  const application = await test.db.application.create({
    data: { callId: call.id, personId: person.id, nextReminderAt },
  });
  return application.id;
}

const translate = createTranslate({ defaultLanguage: 'fr' });
function viewer(language: Language): Viewer {
  return {
    personId: 'staff',
    name: 'Awa',
    language,
    timeZone: 'Europe/Paris',
    role: 'staff',
    programmeIds: [],
    cohortIds: [],
  } as unknown as Viewer;
}

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.drop();
});
beforeEach(async () => {
  await test.db.programme.deleteMany();
  await test.db.person.deleteMany();
});

describe('importing the call for applications', () => {
  it("creates the sample's call, filling its cohort, with its hours, questions and retention", async () => {
    const report = await importSource(sample);
    expect(report.changes).toContain('call for applications created');
    expect(report.warnings).toEqual([]);
    const call = await test.db.applicationCall.findFirstOrThrow({ include: { cohort: true } });
    expect(call).toMatchObject({
      opensAt: new Date('2026-10-05T07:00:00Z'),
      closesAt: new Date('2026-11-15T22:59:00Z'),
      reminderOffsets: [4320, 1440],
      keepDeclinedDays: 182,
      consent: { version: '2026-10' },
      cohort: { key: 'promo-2027' },
    });
    expect((call.questions as { type: string }[]).map((question) => question.type)).toHaveLength(9);
    expect(Object.keys(call.notices as object)).toEqual(['accepted', 'declined', 'waiting_list']);
  });

  it('leaves the call alone when only something else changed, and says when the call itself changed', async () => {
    await importSource(sample);
    const before = await test.db.applicationCall.findFirstOrThrow();
    const otherEdit = sample.replace('Bienvenue dans la première semaine !', 'Bienvenue pour cette première semaine !');
    const other = await importSource(otherEdit);
    expect(other.changes.filter((change) => change.includes('applications'))).toEqual([]);
    expect(await test.db.applicationCall.findFirstOrThrow()).toEqual(before);

    const callEdit = otherEdit.replace('closes: 2026-11-15 23:59', 'closes: 2026-11-22 23:59');
    const changed = await importSource(callEdit);
    expect(changed.changes).toContain('call for applications updated');
    expect((await test.db.applicationCall.findFirstOrThrow()).closesAt).toEqual(new Date('2026-11-22T22:59:00Z'));
  });

  it('deletes the call when the section is removed and nobody has applied', async () => {
    await importSource(sample);
    const report = await importSource(withoutCall);
    expect(report.changes).toContain('call for applications deleted');
    expect(report.warnings).toEqual([]);
    expect(await test.db.applicationCall.count()).toBe(0);
  });

  it('keeps a call someone applied to when the section is removed, and says so', async () => {
    await importSource(sample);
    await applicant(null);
    const report = await importSource(withoutCall);
    expect(report.changes.filter((change) => change.includes('applications'))).toEqual([]);
    expect(report.warnings).toEqual([
      'call for applications is no longer in the file; it was kept, with its 1 application',
    ]);
    expect(await test.db.applicationCall.count()).toBe(1);
    expect(await test.db.application.count()).toBe(1);
  });

  it('changes only the wording of the questions of a call someone applied to, and applies its other changes', async () => {
    await importSource(sample);
    await applicant(null);
    const reworded = sample.replace(
      'Envoyez une photo de vous ou de votre équipe au travail.',
      'Envoyez une photo de votre équipe.',
    );
    const wording = await importSource(reworded);
    expect(wording.changes).toContain('call for applications updated');
    expect(wording.warnings).toEqual([]);
    expect(JSON.stringify((await test.db.applicationCall.findFirstOrThrow()).questions)).toContain(
      'Envoyez une photo de votre équipe.',
    );

    // The photo becomes a document: answers already given would no longer fit.
    const retyped = reworded
      .replace('    - id: photo\n      type: photo\n', '    - id: photo\n      type: document\n')
      .replace('closes: 2026-11-15 23:59', 'closes: 2026-11-22 23:59');
    const report = await importSource(retyped);
    expect(report.changes).toContain('call for applications updated');
    expect(report.warnings).toEqual([
      'call for applications has 1 application; its questions were not changed (the answers given point at them: only their wording may change); the other changes were applied',
    ]);
    const call = await test.db.applicationCall.findFirstOrThrow();
    expect(call.closesAt).toEqual(new Date('2026-11-22T22:59:00Z'));
    expect((call.questions as { key: string; type: string }[]).find((q) => q.key === 'photo')?.type).toBe('photo');

    // Imported again with another version, the call has nothing more to apply, and still warns.
    const again = await importSource(retyped.replace('version: "2027.1"', 'version: "2027.2"'));
    expect(again.changes.filter((change) => change.includes('applications'))).toEqual([]);
    expect(again.warnings).toHaveLength(1);
  });

  it('moves the next reminder of everyone still applying when the closing moves', async () => {
    await importSource(sample);
    const id = await applicant(new Date('2026-11-12T22:59:00Z'));
    await importSource(sample.replace('closes: 2026-11-15 23:59', 'closes: 2026-11-22 23:59'));
    const application = await test.db.application.findUniqueOrThrow({ where: { id } });
    // Three days before the new closing (23:59 in Paris, winter time).
    expect(application.nextReminderAt).toEqual(new Date('2026-11-19T22:59:00Z'));
  });
});

describe('the call in the dashboard preview and history', () => {
  it('names the call created, changed, removed or kept, in the reader’s language', () => {
    const report: ImportReport = {
      programmeId: 'p',
      outcome: 'updated',
      changes: ['call for applications created', 'call for applications updated'],
      warnings: ['call for applications is no longer in the file; it was kept, with its 12 applications'],
    };
    const t = (language: Language) => (key: string, values?: Record<string, unknown>) =>
      translate(language, key, values);
    expect(importPreviewLines(report, t('fr'), viewer('fr'))).toEqual({
      created: ['Appel à candidatures'],
      changed: ['Appel à candidatures'],
      refused: [],
      notes: ["L'appel à candidatures n'est plus dans le fichier : conservé, avec ses 12 candidatures."],
    });
    expect(importPreviewLines(report, t('en'), viewer('en')).notes).toEqual([
      'The call for applications is no longer in the file: kept, with its 12 applications.',
    ]);
    expect(importChangeText('call for applications deleted', t('fr'))).toBe("Retiré : l'appel à candidatures");
    expect(importChangeText('call for applications updated', t('en'))).toBe('Changed: the call for applications');
  });
});
