import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';
import { createInviteCodes } from '../../src/store/invites/create-invite-codes.ts';
import { importProgramme } from '../../src/store/programmes/import-programme.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const SAMPLE = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');
const PARTICIPANT_TEXT = 'vos réponses aux exercices';
const MENTOR_TEXT = 'vos notes de points de suivi';
const STAFF_TEXT = 'ce que vous faites sur le tableau de bord';

describe('a consent text per role', () => {
  let t: TestApp;
  let cohortId: string;
  const people: Record<string, SimulatedPerson> = {};

  /** Joins with a code of `role`, in French, and returns the consent question they read. */
  async function join(name: string, role: 'participant' | 'mentor' | 'staff'): Promise<string> {
    const [code] = (await createInviteCodes(t.test.db, { cohortId, role, count: 1 })) as [string];
    const person = await SimulatedPerson.create(t, { name, role: 'newcomer' });
    people[name] = person;
    await person.send(`REJOINDRE ${code}`);
    const [consent] = await person.send({ choice: 'lang:fr' });
    const [next] = await person.send({ choice: 'consent:yes' });
    if (role !== 'staff') {
      const hub = (next as { choices: { id: string }[] }).choices[0]!.id;
      await person.send({ choice: hub });
    }
    await person.send('Sénégal');
    await person.send(name);
    return consent?.text ?? '';
  }

  async function reimport(source: string) {
    const parsed = parseProgrammeFile(source);
    if (!parsed.ok) throw new Error('invalid');
    return importProgramme(t.test.db, parsed.programme, { source, now: t.context.now() });
  }

  const versionsOf = async (name: string) =>
    (
      await t.test.db.consent.findMany({
        where: { personId: people[name]!.personId },
        orderBy: { createdAt: 'asc' },
      })
    ).map((c) => c.textVersion);
  const askedAt = async (name: string) =>
    (await t.test.db.person.findUniqueOrThrow({ where: { id: people[name]!.personId } })).consentAskedAt;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    cohortId = (await t.test.db.cohort.findFirstOrThrow()).id;
  });

  afterAll(async () => {
    await t.close();
  });

  it('shows each role its own text when joining, and records which text was agreed to', async () => {
    const participant = await join('Awa', 'participant');
    expect(participant).toContain(PARTICIPANT_TEXT);
    expect(participant).not.toContain(MENTOR_TEXT);

    const mentor = await join('Mme Diallo', 'mentor');
    expect(mentor).toContain(MENTOR_TEXT);
    expect(mentor).not.toContain(PARTICIPANT_TEXT);

    const staff = await join('Claire', 'staff');
    expect(staff).toContain(STAFF_TEXT);
    expect(staff).not.toContain(MENTOR_TEXT);

    expect(await versionsOf('Awa')).toEqual(['2027-01']);
    expect(await versionsOf('Mme Diallo')).toEqual(['mentor:2027-01']);
    expect(await versionsOf('Claire')).toEqual(['staff:2027-01']);
  });

  it('asks again only the participants when their text changes', async () => {
    const report = await reimport(SAMPLE.replace('version: "2027-01"', 'version: "2027-06"'));
    expect(report.changes).toContain('consent version 2027-06: 1 person asked to consent again');
    expect(await askedAt('Awa')).not.toBeNull();
    expect(await askedAt('Mme Diallo')).toBeNull();
    expect(await askedAt('Claire')).toBeNull();

    // The mentor is not stopped by a question about a text that is not theirs.
    const [help] = await people['Mme Diallo']!.send('aide');
    expect(help?.text).not.toContain("a changé ce qu'il conserve");

    const [, question] = await people.Awa!.send('bonjour', { replies: 2 });
    expect(question?.text).toContain(PARTICIPANT_TEXT);
    await people.Awa!.send({ choice: 'reconsent:yes' });
    expect(await versionsOf('Awa')).toEqual(['2027-01', '2027-06']);
  });

  it('asks again only the mentors when theirs changes, with their text', async () => {
    const source = SAMPLE.replace('version: "2027-01"', 'version: "2027-06"').replace(
      '  mentor:\n    version: "2027-01"',
      '  mentor:\n    version: "2027-02"',
    );
    const report = await reimport(source);
    expect(report.changes).toContain('mentor consent version 2027-02: 1 person asked to consent again');
    expect(await askedAt('Mme Diallo')).not.toBeNull();
    expect(await askedAt('Claire')).toBeNull();

    const [, question] = await people['Mme Diallo']!.send('bonjour', { replies: 2 });
    expect(question?.text).toContain("Connexions citoyennes a changé ce qu'il conserve");
    expect(question?.text).toContain(MENTOR_TEXT);
    expect(question?.text).not.toContain(PARTICIPANT_TEXT);
    await people['Mme Diallo']!.send({ choice: 'reconsent:yes' });
    expect(await versionsOf('Mme Diallo')).toEqual(['mentor:2027-01', 'mentor:2027-02']);
    expect(await askedAt('Mme Diallo')).toBeNull();
  });
});
