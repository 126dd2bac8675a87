import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outgoing } from '../../src/conversation/conversation-context.ts';
import { handleEvent } from '../../src/conversation/handle-event.ts';
import { createTranslate } from '../../src/i18n.ts';
import { catchUpDue } from '../../src/jobs/catch-up-due.ts';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { offlinePeriodsDue } from '../../src/jobs/offline-periods-due.ts';
import { planSubmissions } from '../../src/jobs/plan-submissions.ts';
import { releaseDue } from '../../src/jobs/release-due.ts';
import { remindDue } from '../../src/jobs/remind-due.ts';
import { createConversationStore } from '../../src/store/conversation-store.ts';
import { createOfflinePeriod } from '../../src/store/offline-periods/create-offline-period.ts';
import { endOfflinePeriod } from '../../src/store/offline-periods/end-offline-period.ts';
import { listOfflinePeriods } from '../../src/store/offline-periods/list-offline-periods.ts';
import { pauseCohort } from '../../src/store/offline-periods/pause-cohort.ts';
import { previewOfflinePeriod } from '../../src/store/offline-periods/preview-offline-period.ts';
import { resumeCohort } from '../../src/store/offline-periods/resume-cohort.ts';
import { personView } from '../../src/store/people/person-view.ts';
import { testJobContext } from '../support/job-context.ts';
import { uniquePrefix } from '../support/redis.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const translate = createTranslate({ defaultLanguage: 'fr' });
const DAY = 24 * 3600_000;

/** The sample programme: semaine-1 out Monday 11 January 2027 09:00 local, due Sunday 17 at 23:59, reminders 48 h and 6 h before. */
describe('offline periods: pauses, moved deadlines, dropped reminders and one catch-up message (injected clock)', () => {
  let test: TestDatabase;
  let clock = new Date('2027-01-04T00:00:00Z');
  let context: ReturnType<typeof testJobContext>;
  let cohortId: string;
  let abidjanHub: string;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    context = testJobContext(test.db, uniquePrefix(), { now: () => clock });
    cohortId = (await test.db.cohort.findFirstOrThrow()).id;
    abidjanHub = (await test.db.hub.findFirstOrThrow({ where: { key: 'abidjan' } })).id;
    const tunisHub = (await test.db.hub.findFirstOrThrow({ where: { key: 'tunis' } })).id;
    for (const [name, hubId] of [
      ['Aminata', abidjanHub],
      ['Boubacar', abidjanHub],
      ['Salma', tunisHub],
    ] as const) {
      const person = await test.db.person.create({
        data: {
          displayName: name,
          locale: 'fr',
          roles: ['participant'],
          hubId,
          identities: { create: { channel: 'simulator', platformId: `sim-${name}` } },
          enrolments: { create: { cohortId, role: 'participant' } },
        },
      });
      people[name] = person.id;
    }
    await run(planSubmissions);
    clock = new Date('2027-01-11T09:00:00Z');
    await run(releaseDue);
  });

  afterAll(async () => {
    await context.queues.close();
    await test.drop();
  });

  const run = (job: { handle: (p: Record<string, never>, c: JobContext) => Promise<unknown> }) =>
    job.handle({}, context);
  const deadlineOf = async (name: string, exercise: string) =>
    (
      await test.db.submission.findFirstOrThrow({
        where: { exercise: { key: exercise }, enrolment: { personId: people[name] } },
      })
    ).deadlineAt.toISOString();
  const messagesTo = (name: string, purpose: string) =>
    test.db.outboundMessage.findMany({ where: { personId: people[name], purpose }, orderBy: { sequence: 'asc' } });
  const enrolmentOf = (name: string) => test.db.enrolment.findFirstOrThrow({ where: { personId: people[name] } });

  it("a hub's brousse-camp: deadlines in it move, nothing is sent during it, and each person gets one catch-up", async () => {
    clock = new Date('2027-01-13T12:00:00Z');
    const startsAt = new Date('2027-01-14T00:00:00Z');
    const endsAt = new Date('2027-01-21T00:00:00Z');
    const preview = await previewOfflinePeriod(test.db, { cohortId, hubId: abidjanHub, startsAt, endsAt, now: clock });
    expect(preview.ok && preview.people.map((p) => p.displayName)).toEqual(['Aminata', 'Boubacar']);
    expect(preview.ok && preview.deadlinesToMove).toBe(2);
    const created = await createOfflinePeriod(test.db, {
      cohortId,
      hubId: abidjanHub,
      startsAt,
      endsAt,
      moveDeadlines: true,
      via: 'dashboard',
      createdById: null,
      now: clock,
    });
    expect(created).toMatchObject({
      ok: true,
      people: 2,
      deadlinesMoved: 0,
      period: { state: 'upcoming', scope: 'hub' },
    });
    // Not started yet: Aminata is still followed.
    expect((await enrolmentOf('Aminata')).status).toBe('active');

    clock = new Date('2027-01-14T00:01:00Z');
    expect(await run(offlinePeriodsDue)).toEqual({ started: 1, ended: 0 });
    expect(await run(offlinePeriodsDue)).toEqual({ started: 0, ended: 0 });
    expect(await enrolmentOf('Aminata')).toMatchObject({
      status: 'paused',
      pausedUntil: endsAt,
      statusBeforeStop: 'active',
    });
    // Sunday 23:59 in Abidjan (UTC+0) moves by the week offline; Tunis keeps its deadline.
    expect(await deadlineOf('Aminata', 'semaine-1')).toBe('2027-01-24T23:59:00.000Z');
    expect(await deadlineOf('Salma', 'semaine-1')).toBe('2027-01-17T22:59:00.000Z');

    // During the week: Salma is reminded and gets semaine-2; Aminata and Boubacar get nothing.
    for (const at of ['2027-01-15T23:00:00Z', '2027-01-17T18:00:00Z', '2027-01-18T09:00:00Z']) {
      clock = new Date(at);
      await run(releaseDue);
      await run(remindDue);
    }
    expect(await messagesTo('Salma', 'reminder')).toHaveLength(2);
    expect(await messagesTo('Aminata', 'reminder')).toHaveLength(0);
    expect((await messagesTo('Aminata', 'exercise_release')).length).toBe(2);
    expect((await messagesTo('Salma', 'exercise_release')).length).toBe(4);

    clock = new Date('2027-01-21T00:00:30Z');
    expect(await run(offlinePeriodsDue)).toEqual({ started: 0, ended: 1 });
    expect(await enrolmentOf('Aminata')).toMatchObject({ status: 'active', pausedUntil: null, catchUpDueAt: clock });
    // Releases wait for the catch-up; no reminder goes in a burst.
    expect(await run(releaseDue)).toEqual({ released: 0 });
    expect(await run(remindDue)).toEqual({ reminded: 0 });

    expect(await run(catchUpDue)).toEqual({ caughtUp: 2 });
    expect(await run(catchUpDue)).toEqual({ caughtUp: 0 });
    for (const name of ['Aminata', 'Boubacar']) {
      const [catchUp, ...others] = await messagesTo(name, 'catch_up');
      expect(others).toHaveLength(0);
      const text = (catchUp!.payload as { text: string }).text;
      expect(text).toContain(`Bon retour, ${name} ! Pendant votre absence, 2 exercices vous attendent :`);
      expect(text).toContain('« Votre projet et votre motivation », à rendre avant le dimanche 24 janvier 2027, 23:59');
      // Released at 00:00 in Abidjan: held until the end of the quiet hours there.
      expect(catchUp!.plannedAt.toISOString()).toBe('2027-01-21T07:00:00.000Z');
    }
    // semaine-2 was opened without a message of its own; the first exercise follows the summary.
    const released = await test.db.submission.findFirstOrThrow({
      where: { exercise: { key: 'semaine-2' }, enrolment: { personId: people.Aminata } },
    });
    expect(released).toMatchObject({ status: 'open', releasedAt: clock });
    expect((await messagesTo('Aminata', 'exercise_release')).length).toBeGreaterThan(2);
    expect(await run(releaseDue)).toEqual({ released: 0 });
    const listed = await listOfflinePeriods(test.db, { cohortIds: [cohortId], now: clock });
    expect(listed.recent.map((p) => p.state)).toEqual(['ended']);
  });

  it('a period without moving deadlines drops the reminders that fell due instead of sending them on return', async () => {
    clock = new Date('2027-01-22T12:00:00Z');
    const before = await deadlineOf('Salma', 'semaine-2');
    const created = await createOfflinePeriod(test.db, {
      cohortId,
      personId: people.Salma,
      startsAt: clock,
      endsAt: new Date('2027-01-25T12:00:00Z'),
      moveDeadlines: false,
      via: 'dashboard',
      createdById: null,
      now: clock,
    });
    expect(created).toMatchObject({ ok: true, people: 1, period: { state: 'current' } });
    expect((await enrolmentOf('Salma')).status).toBe('paused');
    expect(await deadlineOf('Salma', 'semaine-2')).toBe(before);
    const remindersBefore = (await messagesTo('Salma', 'reminder')).length;
    clock = new Date('2027-01-25T12:00:30Z');
    await run(offlinePeriodsDue);
    await run(remindDue);
    expect((await messagesTo('Salma', 'reminder')).length).toBe(remindersBefore);
    const submission = await test.db.submission.findFirstOrThrow({
      where: { exercise: { key: 'semaine-2' }, enrolment: { personId: people.Salma } },
    });
    // Due Sunday 24 23:59 in Tunis, already past: no reminder left to send.
    expect(submission.nextReminderAt).toBeNull();
    expect(await run(catchUpDue)).toEqual({ caughtUp: 1 });
  });

  it('refuses a period that ends before it starts, in the past, or a hub period with no end', async () => {
    clock = new Date('2027-01-26T12:00:00Z');
    const base = { cohortId, moveDeadlines: false, via: 'dashboard' as const, createdById: null, now: clock };
    expect(await createOfflinePeriod(test.db, { ...base, hubId: abidjanHub, startsAt: clock, endsAt: clock })).toEqual({
      ok: false,
      refusal: { reason: 'end_before_start', field: 'endsAt' },
    });
    expect(
      await createOfflinePeriod(test.db, {
        ...base,
        personId: people.Salma,
        startsAt: new Date(clock.getTime() - 3 * DAY),
        endsAt: new Date(clock.getTime() - DAY),
      }),
    ).toEqual({ ok: false, refusal: { reason: 'end_in_past', field: 'endsAt' } });
    expect(await createOfflinePeriod(test.db, { ...base, hubId: abidjanHub, startsAt: clock, endsAt: null })).toEqual({
      ok: false,
      refusal: { reason: 'end_required', field: 'endsAt' },
    });
    expect(
      await test.db.offlinePeriod.count({
        where: { createdAt: { gte: new Date(Date.now() - 60_000) }, startsAt: clock },
      }),
    ).toBe(0);
  });

  it('hub and own period overlapping: the person comes back when the later one ends; ending one twice does nothing', async () => {
    clock = new Date('2027-01-26T12:00:00Z');
    const hub = await createOfflinePeriod(test.db, {
      cohortId,
      hubId: abidjanHub,
      startsAt: clock,
      endsAt: new Date('2027-01-30T12:00:00Z'),
      moveDeadlines: false,
      via: 'dashboard',
      createdById: null,
      now: clock,
    });
    const own = await createOfflinePeriod(test.db, {
      cohortId,
      personId: people.Aminata,
      startsAt: clock,
      endsAt: new Date('2027-02-02T12:00:00Z'),
      moveDeadlines: false,
      via: 'dashboard',
      createdById: null,
      now: clock,
    });
    expect((await enrolmentOf('Aminata')).pausedUntil).toEqual(new Date('2027-02-02T12:00:00Z'));
    clock = new Date('2027-01-27T12:00:00Z');
    const hubId = hub.ok ? hub.period.id : '';
    // The hub's period ended early, twice at once: one ends it, the other finds it ended.
    const [first, second] = await Promise.all([
      endOfflinePeriod(test.db, { periodId: hubId, endedById: null, now: clock }),
      endOfflinePeriod(test.db, { periodId: hubId, endedById: null, now: clock }),
    ]);
    expect([first, second].filter((r) => r.ok)).toHaveLength(1);
    expect([first, second].find((r) => !r.ok)).toEqual({ ok: false, reason: 'already_ended' });
    expect((await enrolmentOf('Boubacar')).status).toBe('active');
    expect(await enrolmentOf('Aminata')).toMatchObject({ status: 'paused', catchUpDueAt: null });
    clock = new Date('2027-02-02T12:00:30Z');
    await run(offlinePeriodsDue);
    expect((await enrolmentOf('Aminata')).status).toBe('active');
    expect(
      own.ok && (await endOfflinePeriod(test.db, { periodId: own.period.id, endedById: null, now: clock })),
    ).toEqual({
      ok: false,
      reason: 'already_ended',
    });
    expect(await run(catchUpDue)).toEqual({ caughtUp: 2 });
  });

  it('two sweeps at once start and end a period once', async () => {
    clock = new Date('2027-02-03T12:00:00Z');
    await createOfflinePeriod(test.db, {
      cohortId,
      personId: people.Boubacar,
      startsAt: new Date('2027-02-04T00:00:00Z'),
      endsAt: new Date('2027-02-05T00:00:00Z'),
      moveDeadlines: false,
      via: 'dashboard',
      createdById: null,
      now: clock,
    });
    clock = new Date('2027-02-04T00:00:10Z');
    const starts = await Promise.all([run(offlinePeriodsDue), run(offlinePeriodsDue)]);
    expect(starts.map((s) => (s as { started: number }).started).sort()).toEqual([0, 1]);
    clock = new Date('2027-02-05T00:00:10Z');
    const ends = await Promise.all([run(offlinePeriodsDue), run(offlinePeriodsDue)]);
    expect(ends.map((s) => (s as { ended: number }).ended).sort()).toEqual([0, 1]);
    const catchUps = await Promise.all([run(catchUpDue), run(catchUpDue)]);
    expect(catchUps.map((s) => (s as { caughtUp: number }).caughtUp).sort()).toEqual([0, 1]);
  });

  it('a cohort paused then resumed: nothing released meanwhile, then one catch-up per participant', async () => {
    clock = new Date('2027-02-06T12:00:00Z');
    const paused = await pauseCohort(test.db, { cohort: cohortId, via: 'dashboard', createdById: null, now: clock });
    expect(paused.alreadyPaused).toBe(false);
    expect(
      (await pauseCohort(test.db, { cohort: cohortId, via: 'cli', createdById: null, now: clock })).alreadyPaused,
    ).toBe(true);
    // semaine-5 (or whichever falls on Monday 8 February) waits.
    clock = new Date('2027-02-08T12:00:00Z');
    expect(await run(releaseDue)).toEqual({ released: 0 });
    const catchUpsBefore = await test.db.outboundMessage.count({ where: { purpose: 'catch_up' } });
    const resumed = await resumeCohort(test.db, { cohort: cohortId, endedById: null, now: clock, moveDeadlines: true });
    expect(resumed).toMatchObject({ wasPaused: true, people: 3 });
    expect((await test.db.cohort.findUniqueOrThrow({ where: { id: cohortId } })).pausedAt).toBeNull();
    expect(await run(releaseDue)).toEqual({ released: 0 });
    expect(await run(catchUpDue)).toEqual({ caughtUp: 3 });
    expect(await test.db.outboundMessage.count({ where: { purpose: 'catch_up' } })).toBe(catchUpsBefore + 3);
    expect((await resumeCohort(test.db, { cohort: cohortId, endedById: null, now: clock })).wasPaused).toBe(false);
  });

  it('PAUSE 3 in chat: a period of their own; REPRENDRE ends it early, and with nothing missed nothing more is said', async () => {
    clock = new Date('2027-02-09T10:00:00Z');
    const chat = async (message: string): Promise<string[]> => {
      const replies: Outgoing[] = await test.db.$transaction(async (tx) =>
        handleEvent(
          {
            channel: 'simulator',
            platformEventId: `e-${Math.random()}`,
            sender: { channel: 'simulator', platformId: 'sim-Salma' },
            sentAt: clock.toISOString(),
            kind: 'text',
            text: message,
          },
          {
            person: await personView(tx, people.Salma!),
            defaultLanguage: 'fr',
            translate,
            store: createConversationStore(tx),
            now: () => clock,
          },
        ),
      );
      return replies.map((o) => ('text' in o.payload ? o.payload.text : ''));
    };
    expect((await chat('PAUSE 3'))[0]).toBe(
      "C'est noté : pause jusqu'au 12 février. Envoyez REPRENDRE pour revenir plus tôt.\n" +
        'Vos échéances ne bougent pas : à votre retour, un message vous dira ce qui vous attend.',
    );
    const period = await test.db.offlinePeriod.findFirstOrThrow({ where: { personId: people.Salma, endedAt: null } });
    expect(period).toMatchObject({ via: 'chat', endsAt: new Date('2027-02-12T10:00:00Z'), moveDeadlines: false });
    expect((await enrolmentOf('Salma')).status).toBe('paused');
    clock = new Date('2027-02-10T10:00:00Z');
    expect((await chat('REPRENDRE'))[0]).toContain('vos messages reprennent');
    expect(await enrolmentOf('Salma')).toMatchObject({ status: 'active', catchUpDueAt: clock });
    expect((await test.db.offlinePeriod.findUniqueOrThrow({ where: { id: period.id } })).endedAt).toEqual(clock);
    // Nothing fell due during her day away: no "welcome back", the flow simply goes on.
    const before = (await messagesTo('Salma', 'catch_up')).length;
    expect(await run(catchUpDue)).toEqual({ caughtUp: 1 });
    expect((await messagesTo('Salma', 'catch_up')).length).toBe(before);
    expect((await enrolmentOf('Salma')).catchUpDueAt).toBeNull();
  });

  it('someone in two cohorts gets, for each cohort back from a pause, what waits in that cohort only', async () => {
    clock = new Date('2027-02-15T10:00:00Z');
    const programmeId = (await test.db.cohort.findUniqueOrThrow({ where: { id: cohortId } })).programmeId;
    const second = await test.db.cohort.create({ data: { programmeId, key: 'second-cohort', name: { fr: 'Bis' } } });
    const exercise = await test.db.exercise.findFirstOrThrow({ where: { key: 'semaine-1' } });
    const enrolment = await test.db.enrolment.create({
      data: { personId: people.Aminata!, cohortId: second.id, role: 'participant', joinedAt: clock },
    });
    await test.db.submission.create({
      data: {
        exerciseId: exercise.id,
        enrolmentId: enrolment.id,
        status: 'planned',
        releaseAt: new Date('2027-02-15T09:00:00Z'),
        deadlineAt: new Date('2027-02-21T22:59:00Z'),
      },
    });
    // Back in the second cohort only: her catch-up there names its one exercise, not the first cohort's.
    await test.db.enrolment.update({ where: { id: enrolment.id }, data: { catchUpDueAt: clock } });
    const before = (await messagesTo('Aminata', 'catch_up')).length;
    expect(await run(catchUpDue)).toEqual({ caughtUp: 1 });
    const catchUps = await messagesTo('Aminata', 'catch_up');
    expect(catchUps).toHaveLength(before + 1);
    const text = (catchUps.at(-1)!.payload as { text: string }).text;
    expect(text).toContain('un exercice vous attend');
    expect(text.match(/^• /gm)).toHaveLength(1);
  });

  it('PAUSE while only the hub is offline is a pause of their own, said as new, not as a change', async () => {
    clock = new Date('2027-02-16T10:00:00Z');
    const hubPeriod = await createOfflinePeriod(test.db, {
      cohortId,
      hubId: abidjanHub,
      startsAt: clock,
      endsAt: new Date('2027-02-20T10:00:00Z'),
      moveDeadlines: false,
      via: 'dashboard',
      createdById: null,
      now: clock,
    });
    expect(hubPeriod.ok).toBe(true);
    expect((await enrolmentOf('Boubacar')).status).toBe('paused');
    const replies: Outgoing[] = await test.db.$transaction(async (tx) =>
      handleEvent(
        {
          channel: 'simulator',
          platformEventId: `e-${Math.random()}`,
          sender: { channel: 'simulator', platformId: 'sim-Boubacar' },
          sentAt: clock.toISOString(),
          kind: 'text',
          text: 'PAUSE 2',
        },
        {
          person: await personView(tx, people.Boubacar!),
          defaultLanguage: 'fr',
          translate,
          store: createConversationStore(tx),
          now: () => clock,
        },
      ),
    );
    const said = replies.map((o) => ('text' in o.payload ? o.payload.text : ''));
    expect(said[0]).toMatch(/^C'est noté : pause jusqu'au 18 février\./);
  });
});
