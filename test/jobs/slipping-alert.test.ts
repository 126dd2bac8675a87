import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSubmissions } from '../../src/jobs/plan-submissions.ts';
import { slippingReasonText } from '../../src/conversation/notices/slipping-alert.ts';
import { slippingDue } from '../../src/jobs/slipping-due.ts';
import { createTranslate } from '../../src/i18n.ts';
import { cohortBody } from '../../src/admin/pages/cohort-overview-view.ts';
import { translateIn } from '../../src/admin/layout.ts';
import { loadCohortOverview } from '../../src/store/cohorts/cohort-overview.ts';
import { assignMentor } from '../../src/store/mentoring/assign-mentor.ts';
import { setCohortPaused } from '../../src/store/cohorts/set-cohort-paused.ts';
import { testJobContext } from '../support/job-context.ts';
import { uniquePrefix } from '../support/redis.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

describe('slipping alerts to mentors and staff (injected clock)', () => {
  let test: TestDatabase;
  let clock = new Date('2027-01-04T00:00:00Z');
  let context: ReturnType<typeof testJobContext>;
  const people: Record<string, string> = {};
  const joined = new Date('2027-01-04T00:00:00Z');

  async function person(
    name: string,
    options: {
      role: 'participant' | 'mentor' | 'staff';
      locale: string;
      hub?: string;
      status?: 'active' | 'paused' | 'stopped';
      since?: Date;
    },
  ) {
    const cohort = await test.db.cohort.findFirstOrThrow({ where: { key: 'promo-2027' } });
    const hub = options.hub ? await test.db.hub.findFirstOrThrow({ where: { key: options.hub } }) : null;
    const row = await test.db.person.create({
      data: {
        displayName: name,
        locale: options.locale,
        roles: [options.role],
        hubId: hub?.id ?? null,
        identities: { create: { channel: 'simulator', platformId: `sim-${name}` } },
        enrolments: {
          create: {
            cohortId: cohort.id,
            role: options.role,
            status: options.status ?? 'active',
            statusChangedAt: options.since ?? joined,
          },
        },
      },
    });
    people[name] = row.id;
  }

  /** What the release job would do by now: every planned exercise whose time has come is open. */
  async function release() {
    await test.db.submission.updateMany({
      where: { status: 'planned', releaseAt: { lte: clock } },
      data: { status: 'open', releasedAt: clock },
    });
  }

  /** These people wrote an hour ago. */
  async function wrote(...names: string[]) {
    for (const name of names) {
      await test.db.channelIdentity.updateMany({
        where: { personId: people[name] },
        data: { lastInboundAt: new Date(clock.getTime() - HOUR_MS) },
      });
    }
  }

  async function alerts() {
    const rows = await test.db.outboundMessage.findMany({
      where: { purpose: 'slipping_alert' },
      include: { person: true },
      orderBy: { sequence: 'asc' },
    });
    return rows.map((m) => ({
      to: m.person.displayName,
      text: (m.payload as { text: string }).text,
      plannedAt: m.plannedAt.toISOString(),
    }));
  }

  const enrolmentOf = (name: string) => test.db.enrolment.findFirstOrThrow({ where: { personId: people[name] } });
  const alertedAt = async (name: string) =>
    (await test.db.enrolment.findFirstOrThrow({ where: { personId: people[name] } })).slippingAlertedAt;
  const run = () => slippingDue.handle({}, context);
  const talkative = ['Sali', 'En pause', 'Arrêtée'];

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    context = testJobContext(test.db, uniquePrefix(), { now: () => clock });
    await person('Sali', { role: 'participant', locale: 'fr', hub: 'abidjan' });
    await person('Noa', { role: 'participant', locale: 'fr', hub: 'tunis' });
    await person('En pause', { role: 'participant', locale: 'fr', hub: 'bukavu', status: 'paused' });
    await person('Arrêtée', { role: 'participant', locale: 'fr', hub: 'bukavu', status: 'stopped' });
    await person('Mentor', { role: 'mentor', locale: 'en', hub: 'abidjan' });
    // Staff with no hub live on the programme's time (Paris).
    await person('Équipe', { role: 'staff', locale: 'fr' });
    await person('Ancienne', { role: 'staff', locale: 'fr', status: 'stopped' });
    for (const mentee of ['Sali', 'Noa', 'En pause', 'Arrêtée'])
      await assignMentor(test.db, {
        defaultLanguage: 'fr',
        mentorId: people.Mentor!,
        menteeId: people[mentee]!,
        now: joined,
      });
    await test.db.enrolment.updateMany({
      where: { personId: { in: [people['En pause']!, people['Arrêtée']!] } },
      data: { status: 'active' },
    });
    await planSubmissions.handle({}, context);
    await test.db.enrolment.update({
      where: {
        personId_cohortId: { personId: people['En pause']!, cohortId: (await test.db.cohort.findFirstOrThrow()).id },
      },
      data: { status: 'paused' },
    });
    await test.db.enrolment.update({
      where: {
        personId_cohortId: { personId: people['Arrêtée']!, cohortId: (await test.db.cohort.findFirstOrThrow()).id },
      },
      data: { status: 'stopped' },
    });
  });

  afterAll(async () => {
    await context.queues.close();
    await test.drop();
  });

  it('says nothing while everyone is within the rules', async () => {
    clock = new Date('2027-01-12T10:00:00Z');
    await release();
    await wrote(...talkative);
    expect(await run()).toEqual({ alerted: 0, cleared: 0 });
    expect(await alerts()).toEqual([]);
  });

  it('alerts the mentor and the staff once when someone has been silent for ten days, holding night messages until morning', async () => {
    // Noa never wrote. Ten days after joining, but two after the first exercise reached her, she is not silent yet.
    clock = new Date('2027-01-14T21:30:00Z');
    await wrote(...talkative);
    expect(await run()).toEqual({ alerted: 0, cleared: 0 });
    // Ten days after the first release (12 January, 10:00). 21:30 UTC is 22:30 in Paris, 21:30 in Abidjan.
    clock = new Date('2027-01-22T21:30:00Z');
    await wrote(...talkative);
    expect(await run()).toEqual({ alerted: 1, cleared: 0 });
    expect(await run()).toEqual({ alerted: 0, cleared: 0 });
    expect(await alerts()).toEqual([
      {
        to: 'Mentor',
        text: '⚠️ Noa is slipping:\n• no message for 10 days (programme threshold: 10 days)\nPlease get in touch with them and do a check-in.',
        plannedAt: '2027-01-23T07:00:00.000Z', // 07:00 in Abidjan
      },
      {
        to: 'Équipe',
        text: '⚠️ Noa (Promotion 2027) décroche :\n• aucun message depuis 10 jours (seuil du programme : 10 jours)',
        plannedAt: '2027-01-23T06:00:00.000Z', // 07:00 in Paris
      },
    ]);
    expect(await alertedAt('Noa')).toEqual(clock);
    // Both name Noa: her erasure would empty them (found through the link, not by their text).
    const links = await test.db.outboundMessage.findMany({
      where: { purpose: 'slipping_alert' },
      select: { aboutPersonIds: true },
    });
    expect(links.map((m) => m.aboutPersonIds)).toEqual([[people.Noa], [people.Noa]]);
  });

  it('does not count one missed exercise, nor alert again while someone is still slipping', async () => {
    // Week 1 closed on 24 January without Sali's answers; week 2 is past its deadline but still taken.
    clock = new Date('2027-01-25T10:00:00Z');
    await release();
    await wrote(...talkative);
    expect(await run()).toEqual({ alerted: 0, cleared: 0 });
    expect(await alerts()).toHaveLength(2);
  });

  it('alerts when two exercises in a row were missed', async () => {
    clock = new Date('2027-02-01T10:00:00Z');
    await release();
    await wrote(...talkative);
    // Two workers sweeping at the same moment alert once.
    const both = await Promise.all([run(), run()]);
    expect(both.map((r) => (r as { alerted: number }).alerted).sort()).toEqual([0, 1]);
    const sali = (await alerts()).filter((a) => a.text.includes('Sali'));
    expect(sali).toEqual([
      {
        to: 'Mentor',
        text: '⚠️ Sali is slipping:\n• 2 exercises missed in a row (programme threshold: 2)\nPlease get in touch with them and do a check-in.',
        plannedAt: clock.toISOString(),
      },
      {
        to: 'Équipe',
        text: "⚠️ Sali (Promotion 2027) décroche :\n• 2 exercices manqués d'affilée (seuil du programme : 2)",
        plannedAt: clock.toISOString(),
      },
    ]);
  });

  it('clears the episode once they are back, and alerts again on a relapse', async () => {
    clock = new Date('2027-02-02T10:00:00Z');
    await wrote(...talkative);
    const week3 = await test.db.submission.findFirstOrThrow({
      where: { enrolment: { personId: people.Sali }, exercise: { key: 'semaine-3' } },
    });
    await test.db.submission.update({
      where: { id: week3.id },
      data: { status: 'submitted', submittedAt: clock, late: true },
    });
    expect(await run()).toEqual({ alerted: 0, cleared: 1 });
    expect(await alertedAt('Sali')).toBeNull();
    expect(await alertedAt('Noa')).not.toBeNull();

    // Weeks 4 and 5 (closed on 14 and 21 February) go unanswered.
    for (const day of ['2027-02-08', '2027-02-15', '2027-02-22']) {
      clock = new Date(`${day}T10:00:00Z`);
      await release();
      await wrote(...talkative);
      await run();
    }
    const sali = (await alerts()).filter((a) => a.text.includes('Sali'));
    expect(sali.map((a) => a.to)).toEqual(['Mentor', 'Équipe', 'Mentor', 'Équipe']);
    expect(sali[2]!.plannedAt).toBe('2027-02-22T10:00:00.000Z');
    expect(await run()).toEqual({ alerted: 0, cleared: 0 });
  });

  it('never alerts about paused or stopped participants, nor to stopped staff', async () => {
    const everyone = await alerts();
    expect(everyone.filter((a) => a.text.includes('En pause') || a.text.includes('Arrêtée'))).toEqual([]);
    expect(everyone.filter((a) => a.to === 'Ancienne')).toEqual([]);
    // They would be slipping: silent and missing work since January, had they been active.
    await test.db.channelIdentity.updateMany({
      where: { personId: { in: [people['En pause']!, people['Arrêtée']!] } },
      data: { lastInboundAt: null },
    });
    expect(await run()).toEqual({ alerted: 0, cleared: 0 });
    expect(await alerts()).toHaveLength(everyone.length);
  });

  it('watches selected mentees through the mentoring phase, and not those who were not selected', async () => {
    clock = new Date('2027-03-01T10:00:00Z');
    await person('Choisie', { role: 'participant', locale: 'fr', hub: 'abidjan', since: clock });
    await person('Écartée', { role: 'participant', locale: 'fr', hub: 'abidjan', since: clock });
    for (const mentee of ['Choisie', 'Écartée'])
      await assignMentor(test.db, {
        defaultLanguage: 'fr',
        mentorId: people.Mentor!,
        menteeId: people[mentee]!,
        now: clock,
      });
    await planSubmissions.handle({}, context);
    await release();
    await wrote(...talkative, 'Choisie', 'Écartée');
    // The selection: both go quiet afterwards.
    await test.db.enrolment.update({
      where: { id: (await enrolmentOf('Choisie')).id },
      data: { status: 'selected', statusChangedAt: clock },
    });
    await test.db.enrolment.update({
      where: { id: (await enrolmentOf('Écartée')).id },
      data: { status: 'not_selected', statusChangedAt: clock },
    });
    clock = new Date('2027-03-12T10:00:00Z');
    await wrote(...talkative);
    expect(await run()).toEqual({ alerted: 1, cleared: 0 });
    const alerted = await alerts();
    expect(alerted.filter((a) => a.text.includes('Choisie')).map((a) => a.to)).toEqual(['Mentor', 'Équipe']);
    expect(alerted.filter((a) => a.text.includes('Écartée'))).toEqual([]);
  });

  it('sends someone both mentor and staff one message, and nothing to a mentor no channel reaches', async () => {
    await person('Muette', { role: 'participant', locale: 'fr', hub: 'abidjan', since: clock });
    await person('Double', { role: 'staff', locale: 'fr' });
    await person('Injoignable', { role: 'mentor', locale: 'fr' });
    await test.db.person.update({ where: { id: people.Double }, data: { roles: ['staff', 'mentor'] } });
    await test.db.channelIdentity.updateMany({
      where: { personId: people.Injoignable },
      data: { unreachableAt: clock },
    });
    for (const mentor of ['Double', 'Injoignable'])
      await assignMentor(test.db, {
        defaultLanguage: 'fr',
        mentorId: people[mentor]!,
        menteeId: people.Muette!,
        now: clock,
      });
    await planSubmissions.handle({}, context);
    await release();
    await wrote(...talkative, 'Muette');
    clock = new Date('2027-03-23T10:00:00Z');
    await wrote(...talkative);
    expect(await run()).toEqual({ alerted: 1, cleared: 0 });
    const muette = (await alerts()).filter((a) => a.text.includes('Muette'));
    expect(muette).toEqual([
      {
        to: 'Double',
        text: '⚠️ Muette décroche :\n• aucun message depuis 11 jours (seuil du programme : 10 jours)\nPrenez de ses nouvelles et faites un point de suivi avec lui ou elle.',
        plannedAt: clock.toISOString(),
      },
      {
        to: 'Équipe',
        text: '⚠️ Muette (Promotion 2027) décroche :\n• aucun message depuis 11 jours (seuil du programme : 10 jours)',
        plannedAt: clock.toISOString(),
      },
    ]);
  });

  it('watches nobody while the cohort schedule is paused, and counts silence again from its resume', async () => {
    await person('Reprise', { role: 'participant', locale: 'fr', hub: 'abidjan', since: clock });
    await assignMentor(test.db, {
      defaultLanguage: 'fr',
      mentorId: people.Mentor!,
      menteeId: people.Reprise!,
      now: clock,
    });
    await planSubmissions.handle({}, context);
    await release();
    await wrote(...talkative, 'Reprise');
    const cohort = await test.db.cohort.findFirstOrThrow({ where: { key: 'promo-2027' } });
    await setCohortPaused(test.db, cohort.key, true, clock);
    const before = (await alerts()).length;

    // Sixteen days later, Reprise has been quiet through the pause.
    clock = new Date('2027-04-08T10:00:00Z');
    expect(await run()).toEqual({ alerted: 0, cleared: 0 });
    await setCohortPaused(test.db, cohort.key, false, clock);
    // The audit log is stamped by the database; here it is the injected clock's resume.
    await test.db.auditLog.updateMany({
      where: { entityId: cohort.id, action: 'cohort.resume' },
      data: { createdAt: clock },
    });
    await wrote(...talkative);
    await run();
    expect((await alerts()).slice(before)).toEqual([]);

    // Ten days after the resume she is silent.
    clock = new Date('2027-04-18T10:00:00Z');
    await wrote(...talkative);
    await run();
    const reprise = (await alerts()).filter((a) => a.text.includes('Reprise'));
    expect(reprise.map((a) => a.to)).toEqual(['Mentor', 'Équipe', 'Double']);
    expect(reprise[0]!.text).toContain('no message for 10 days');
  });

  it('words each reason with plurals and the threshold in the recipient language', () => {
    const translate = createTranslate({ defaultLanguage: 'fr' });
    const silent = { rule: 'silent' as const, silentForMinutes: DAY_MS / 60_000 + 30, threshold: 1.5 * 24 * 60 };
    expect(slippingReasonText(silent, 'fr', translate)).toBe(
      '• aucun message depuis 1 jour (seuil du programme : 1,5 jour)',
    );
    expect(slippingReasonText(silent, 'en', translate)).toBe('• no message for 1 day (programme threshold: 1.5 days)');
    const missed = { rule: 'missed_in_a_row' as const, missed: 1, threshold: 1 };
    expect(slippingReasonText(missed, 'en', translate)).toBe('• 1 exercise missed in a row (programme threshold: 1)');
    expect(slippingReasonText({ ...missed, missed: 3 }, 'fr', translate)).toBe(
      "• 3 exercices manqués d'affilée (seuil du programme : 1)",
    );
  });
});

describe('one slipping rule for the alerts and the cohort page', () => {
  let test: TestDatabase;
  const now = new Date('2027-02-15T10:00:00Z');
  let context: ReturnType<typeof testJobContext>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    context = testJobContext(test.db, uniquePrefix(), { now: () => now });
    const cohort = await test.db.cohort.findFirstOrThrow({ where: { key: 'promo-2027' } });
    const exercises = await test.db.exercise.findMany({ orderBy: { position: 'asc' }, take: 2 });
    const staff = await test.db.person.create({
      data: {
        displayName: 'Équipe',
        locale: 'fr',
        roles: ['staff'],
        identities: { create: { channel: 'simulator', platformId: 'sim-rule-staff' } },
        enrolments: { create: { cohortId: cohort.id, role: 'staff' } },
      },
    });
    ids.staff = staff.id;
    // Both missed the first two exercises (deadlines 30 and 23 days ago) and wrote yesterday;
    // Selima was selected since, Dramane is still active since before the misses.
    for (const [name, status, since] of [
      ['Selima', 'selected', new Date(now.getTime() - 10 * DAY_MS)],
      ['Dramane', 'active', new Date(now.getTime() - 40 * DAY_MS)],
    ] as const) {
      const row = await test.db.person.create({
        data: {
          displayName: name,
          locale: 'fr',
          roles: ['participant'],
          identities: {
            create: {
              channel: 'simulator',
              platformId: `sim-rule-${name}`,
              lastInboundAt: new Date(now.getTime() - DAY_MS),
            },
          },
          enrolments: { create: { cohortId: cohort.id, role: 'participant', status, statusChangedAt: since } },
        },
        include: { enrolments: true },
      });
      ids[name] = row.id;
      for (const [index, exercise] of exercises.entries()) {
        const deadlineAt = new Date(now.getTime() - (30 - 7 * index) * DAY_MS);
        await test.db.submission.create({
          data: {
            exerciseId: exercise.id,
            enrolmentId: row.enrolments[0]!.id,
            status: 'missed',
            releaseAt: new Date(deadlineAt.getTime() - 6 * DAY_MS),
            releasedAt: new Date(deadlineAt.getTime() - 6 * DAY_MS),
            deadlineAt,
          },
        });
      }
    }
  });

  afterAll(async () => {
    await context.queues.close();
    await test.drop();
  });

  it('alerts about and lists the same people: misses before a selection count for neither', async () => {
    await slippingDue.handle({}, context);
    const alerted = await test.db.outboundMessage.findMany({ where: { purpose: 'slipping_alert' } });
    expect(alerted.map((m) => (m.payload as { text: string }).text)).toEqual([
      "⚠️ Dramane (Promotion 2027) décroche :\n• 2 exercices manqués d'affilée (seuil du programme : 2)",
    ]);

    const cohort = await test.db.cohort.findFirstOrThrow({ where: { key: 'promo-2027' } });
    const overview = await loadCohortOverview(test.db, cohort.id, now);
    expect(overview.slipping.map((p) => ({ name: p.name, missedInARow: p.missedInARow }))).toEqual([
      { name: 'Dramane', missedInARow: 2 },
    ]);
    const page = cohortBody(
      overview,
      'fr',
      translateIn({ translate: createTranslate({ defaultLanguage: 'fr' }) }, 'fr'),
    ).toString();
    expect(page).toContain(
      'Décroche : au moins 2 exercices manqués d&#39;affilée, ou aucun message depuis 10 jours. Comptés depuis l&#39;inscription, la fin d&#39;une pause ou la sélection : ce qui a été manqué avant ne compte plus. Le mentor et l&#39;équipe reçoivent alors une alerte.',
    );
  });
});
