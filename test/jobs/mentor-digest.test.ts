import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentorDigestsDue } from '../../src/jobs/mentor-digests-due.ts';
import { planSubmissions } from '../../src/jobs/plan-submissions.ts';
import { assignMentor } from '../../src/store/mentoring/assign-mentor.ts';
import { erasePerson } from '../../src/store/people/erase-person.ts';
import { testJobContext } from '../support/job-context.ts';
import { uniquePrefix } from '../support/redis.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

describe('weekly digest to mentors (injected clock)', () => {
  let test: TestDatabase;
  let clock = new Date('2027-01-04T00:00:00Z');
  let context: ReturnType<typeof testJobContext>;
  const people: Record<string, string> = {};
  const joined = new Date('2027-01-04T00:00:00Z');

  /** A person enrolled in the cohort with the given role, reachable on the simulator. */
  async function person(
    name: string,
    options: {
      role: 'participant' | 'mentor';
      locale: string;
      hub?: string;
      cohortId?: string;
      erased?: boolean;
      optedOut?: boolean;
    },
  ) {
    const cohortId = options.cohortId ?? (await test.db.cohort.findFirstOrThrow({ where: { key: 'promo-2027' } })).id;
    const hub = options.hub ? await test.db.hub.findFirstOrThrow({ where: { key: options.hub } }) : null;
    const row = await test.db.person.create({
      data: {
        displayName: name,
        locale: options.locale,
        roles: [options.role],
        hubId: hub?.id ?? null,
        erasedAt: options.erased ? joined : null,
        optedOutAt: options.optedOut ? joined : null,
        identities: { create: { channel: 'simulator', platformId: `sim-${name}` } },
        enrolments: { create: { cohortId, role: options.role, statusChangedAt: joined } },
      },
    });
    people[name] = row.id;
    return row.id;
  }

  /** What the release job would do by `at`: every planned exercise whose time has come is open. */
  async function releaseUntil(at: Date) {
    await test.db.submission.updateMany({
      where: { status: 'planned', releaseAt: { lte: at } },
      data: { status: 'open', releasedAt: at },
    });
  }

  async function submission(name: string, exercise: string) {
    return test.db.submission.findFirstOrThrow({
      where: { enrolment: { personId: people[name] }, exercise: { key: exercise } },
    });
  }

  async function digests() {
    return test.db.outboundMessage.findMany({
      where: { purpose: 'mentor_digest' },
      include: { person: true },
      orderBy: { plannedAt: 'asc' },
    });
  }

  const run = () => mentorDigestsDue.handle({}, context);

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    context = testJobContext(test.db, uniquePrefix(), { now: () => clock });
    const programme = await test.db.programme.findFirstOrThrow();
    const paused = await test.db.cohort.create({
      data: { programmeId: programme.id, key: 'en-pause', name: { fr: 'En pause', en: 'Paused' }, pausedAt: joined },
    });

    await person('Awa', { role: 'participant', locale: 'fr', hub: 'abidjan' });
    await person('Tiana', { role: 'participant', locale: 'fr', hub: 'antananarivo' });
    await person('Karim', { role: 'participant', locale: 'fr', hub: 'tunis' });
    await person('Effacé', { role: 'participant', locale: 'fr', hub: 'tunis', erased: true });
    await person('Dormant', { role: 'participant', locale: 'fr', hub: 'tunis', cohortId: paused.id });
    // Antananarivo (UTC+3) through her hub; Mr Smith has neither zone nor hub: the programme's Paris.
    await person('Mme Rakoto', { role: 'mentor', locale: 'fr', hub: 'antananarivo' });
    await person('Mr Smith', { role: 'mentor', locale: 'en' });
    await person('Parti', { role: 'mentor', locale: 'fr', optedOut: true });
    await person('Sans mentoré', { role: 'mentor', locale: 'fr' });
    await person('Fini', { role: 'mentor', locale: 'fr' });
    await person('Veilleur', { role: 'mentor', locale: 'fr', hub: 'tunis' });

    const assign = (mentor: string, mentee: string) =>
      assignMentor(test.db, {
        defaultLanguage: 'fr',
        mentorId: people[mentor]!,
        menteeId: people[mentee]!,
        now: joined,
      });
    await assign('Mme Rakoto', 'Awa');
    await assign('Mme Rakoto', 'Tiana');
    await assign('Mr Smith', 'Tiana');
    await assign('Mr Smith', 'Karim');
    await assign('Parti', 'Karim');
    // Assigned before erasing their data (an erased person can no longer be assigned).
    await test.db.person.update({ where: { id: people['Effacé']! }, data: { erasedAt: null } });
    await assign('Sans mentoré', 'Effacé');
    await test.db.person.update({ where: { id: people['Effacé']! }, data: { erasedAt: joined } });
    await assign('Veilleur', 'Dormant');
    const ended = await assign('Fini', 'Awa');
    await test.db.mentorAssignment.update({ where: { id: ended.assignment.id }, data: { endedAt: joined } });

    await planSubmissions.handle({}, context);
    // Week 1 (due Sunday 17 January) and week 2 (due Sunday 24 January) are out.
    await releaseUntil(new Date('2027-01-18T12:00:00Z'));
    for (const [name, exercise] of [
      ['Awa', 'semaine-1'],
      ['Awa', 'semaine-2'],
      ['Tiana', 'semaine-1'],
    ] as const) {
      await test.db.submission.update({
        where: { id: (await submission(name, exercise)).id },
        data: { status: 'submitted', submittedAt: new Date('2027-01-20T10:00:00Z'), currentPosition: 3 },
      });
    }
    // Tiana stopped halfway through week 2, now late; Karim has handed in nothing and never wrote.
    await test.db.submission.update({
      where: { id: (await submission('Tiana', 'semaine-2')).id },
      data: { status: 'in_progress', startedAt: new Date('2027-01-21T10:00:00Z'), currentPosition: 2 },
    });
    await test.db.channelIdentity.update({
      where: { channel_platformId: { channel: 'simulator', platformId: 'sim-Awa' } },
      data: { lastInboundAt: new Date('2027-01-24T10:00:00Z') },
    });
    await test.db.channelIdentity.update({
      where: { channel_platformId: { channel: 'simulator', platformId: 'sim-Tiana' } },
      data: { lastInboundAt: new Date('2027-01-22T03:00:00Z') },
    });
  });

  afterAll(async () => {
    await context.queues.close();
    await test.drop();
  });

  it('sends nothing before Monday 08:00 in the mentor time zone', async () => {
    clock = new Date('2027-01-25T04:50:00Z'); // 07:50 in Antananarivo
    expect(await run()).toEqual({ digests: 0 });
    expect(await digests()).toEqual([]);
  });

  it('sends Mme Rakoto one digest at 08:00 in Antananarivo, once, in French, naming each mentee with their counts', async () => {
    clock = new Date('2027-01-25T05:00:00Z'); // 08:00 in Antananarivo, 06:00 in Paris
    await releaseUntil(clock);
    expect(await run()).toEqual({ digests: 1 });
    expect(await run()).toEqual({ digests: 0 });
    clock = new Date('2027-01-25T05:10:00Z');
    expect(await run()).toEqual({ digests: 0 });
    const sent = await digests();
    expect(sent.map((m) => m.person.displayName)).toEqual(['Mme Rakoto']);
    expect(sent[0]!.plannedAt.toISOString()).toBe('2027-01-25T05:00:00.000Z');
    expect(sent[0]!.dedupKey).toBe(`mentor-digest:${people['Mme Rakoto']}:2027-W04`);
    expect((sent[0]!.payload as { text: string }).text).toBe(
      [
        'Votre point de la semaine sur vos 2 mentorés :',
        [
          '• Awa : 2 rendu(s), 0 manqué(s), 0 en cours, sur 2 exercices publiés',
          '  Aucun exercice en cours.',
          "  Dernier message : il y a moins d'un jour.",
        ].join('\n'),
        [
          '• Tiana : 1 rendu(s), 1 manqué(s), 0 en cours, sur 2 exercices publiés',
          // Week 2's deadline has passed, but not its twelve hours of grace.
          '  Exercice en cours : « Votre communauté », 2 question(s) sur 3.',
          '  Dernier message : il y a 3 jours.',
        ].join('\n'),
        'Envoyez MENTORÉS à tout moment pour un court résumé.',
      ].join('\n\n'),
    );
  });

  it('sends Mr Smith his at 08:00 in Paris, the programme time zone, in English, with who is slipping', async () => {
    clock = new Date('2027-01-25T06:50:00Z');
    await releaseUntil(clock); // week 3 is out in Antananarivo (09:00 there), not yet in Tunis
    expect(await run()).toEqual({ digests: 0 });
    clock = new Date('2027-01-25T07:00:00Z');
    // Two workers sweeping at the same moment write one digest.
    const both = await Promise.all([run(), run()]);
    expect(both.map((r) => (r as { digests: number }).digests).sort()).toEqual([0, 1]);
    expect(await run()).toEqual({ digests: 0 });
    const smith = (await digests()).find((m) => m.person.displayName === 'Mr Smith')!;
    expect(smith.plannedAt.toISOString()).toBe('2027-01-25T07:00:00.000Z');
    expect((smith.payload as { text: string }).text).toBe(
      [
        'Your weekly update on your 2 mentees:',
        [
          // Week 2, past its deadline but within its grace, comes before week 3, due later.
          '• Tiana: 1 handed in, 1 missed, 1 open, of 3 exercises released',
          '  Current exercise: “Your community”, 2 of 3 questions answered.',
          '  Last message: 3 days ago.',
        ].join('\n'),
        [
          // Never wrote since joining on 4 January, but the first exercise reached him a week ago: not silent
          // yet. Week 1 closed, week 2 is still taken: one missed in a row, not slipping either.
          '• Karim: 0 handed in, 2 missed, 0 open, of 2 exercises released',
          '  Current exercise: “Your community”, not started yet.',
          '  No message received yet.',
        ].join('\n'),
        'Send MENTEES at any time for a short summary.',
      ].join('\n\n'),
    );
  });

  it('sends nothing to mentors opted out, with no current mentee, or whose mentees are in a paused cohort', async () => {
    clock = new Date('2027-01-25T12:00:00Z');
    expect(await run()).toEqual({ digests: 0 });
    expect((await digests()).map((m) => m.person.displayName)).toEqual(['Mme Rakoto', 'Mr Smith']);
  });

  it('waits for next Monday once the morning is long past, then sends the new week, never in quiet hours', async () => {
    clock = new Date('2027-01-28T07:00:00Z'); // Thursday
    expect(await run()).toEqual({ digests: 0 });
    const programme = await test.db.programme.findFirstOrThrow();
    await test.db.programme.update({
      where: { id: programme.id },
      data: { settings: { ...(programme.settings as object), quietHours: { from: '21:00', to: '09:00' } } },
    });
    clock = new Date('2027-02-01T05:00:00Z'); // Monday 08:00 in Antananarivo, quiet there until 09:00
    expect(await run()).toEqual({ digests: 1 });
    const next = (await digests()).find((m) => m.dedupKey === `mentor-digest:${people['Mme Rakoto']}:2027-W05`)!;
    expect(next.plannedAt.toISOString()).toBe('2027-02-01T06:00:00.000Z');
  });

  it('flags a selected mentee who goes silent after the selection, and not one who was not selected', async () => {
    const selection = new Date('2027-01-28T10:00:00Z');
    const enrolment = async (name: string) => test.db.enrolment.findFirstOrThrow({ where: { personId: people[name] } });
    await test.db.enrolment.update({
      where: { id: (await enrolment('Tiana')).id },
      data: { status: 'selected', statusChangedAt: selection },
    });
    await test.db.enrolment.update({
      where: { id: (await enrolment('Karim')).id },
      data: { status: 'not_selected', statusChangedAt: selection },
    });
    // Monday 8 February, 08:00 in Paris: Tiana has not written since 22 January, eleven days after her selection.
    clock = new Date('2027-02-08T07:00:00Z');
    await releaseUntil(clock);
    expect(await run()).toEqual({ digests: 2 }); // Mme Rakoto's, since 05:00 UTC, and Mr Smith's
    const smith = (await digests()).find((m) => m.dedupKey === `mentor-digest:${people['Mr Smith']}:2027-W06`)!;
    const [, tiana, karim] = (smith.payload as { text: string }).text.split('\n\n');
    expect(tiana).toMatch(/^• Tiana \(selected\):/);
    expect(tiana).toContain('⚠️ Slipping: a check-in would help.');
    expect(karim).toMatch(/^• Karim \(not selected\):/);
    expect(karim).not.toContain('Slipping');
  });

  it("empties every digest that named a mentee once the mentee's data is erased, and only those", async () => {
    const before = await digests();
    const naming = before.filter((m) => (m.payload as { text: string }).text.includes('Karim'));
    expect(naming.length).toBeGreaterThan(1);
    expect(naming.every((m) => m.aboutPersonIds.includes(people.Karim!))).toBe(true);
    await test.db.$transaction((tx) => erasePerson(tx, { personId: people.Karim!, at: clock }));
    const after = await digests();
    expect(after.filter((m) => JSON.stringify(m.payload).includes('Karim'))).toEqual([]);
    const untouched = before.filter((m) => !m.aboutPersonIds.includes(people.Karim!));
    expect(untouched.length).toBeGreaterThan(0);
    for (const message of untouched) expect(after.find((m) => m.id === message.id)!.payload).toEqual(message.payload);
  });
});
