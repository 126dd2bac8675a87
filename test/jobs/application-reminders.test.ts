import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextApplicationReminder } from '../../src/domain/applications/next-application-reminder.ts';
import { applicationRemindersDue } from '../../src/jobs/application-reminders-due.ts';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { templatePurposeFor } from '../../src/jobs/template-for.ts';
import { createApplicationStore } from '../../src/store/conversation/application-store.ts';
import { loadWhatsappTemplate } from '../../src/store/outbox/load-whatsapp-template.ts';
import { testJobContext } from '../support/job-context.ts';
import { uniquePrefix } from '../support/redis.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** The sample's call closes on Sunday 15 November 2026 at 23:59 in Paris; reminders 3 days and 1 day before. */
const CLOSES_AT = new Date('2026-11-15T22:59:00Z');
const THREE_DAYS_BEFORE = new Date('2026-11-12T22:59:00Z');
const ONE_DAY_BEFORE = new Date('2026-11-14T22:59:00Z');
const STARTED_AT = new Date('2026-11-01T10:00:00Z');
const minutesAfter = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * 60_000);

let test: TestDatabase;
let context: ReturnType<typeof testJobContext>;
let callId: string;
let sequence = 0;

beforeAll(async () => {
  test = await createTestDatabase();
  await importSample(test.db);
  callId = (await test.db.applicationCall.findFirstOrThrow()).id;
  context = testJobContext(test.db, uniquePrefix());
});
afterAll(async () => {
  await context.queues.close();
  await test.drop();
});

const run = (at: Date) => applicationRemindersDue.handle({}, { ...context, now: () => at } as JobContext);

/** Someone applying on WhatsApp since 1 November, with the reminder the chat sets when an application begins. */
async function applicant(
  options: {
    locale?: 'fr' | 'en';
    timeZone?: string;
    status?: 'started' | 'submitted';
    consented?: boolean;
    position?: number;
    person?: { optedOutAt?: Date; erasedAt?: Date };
  } = {},
): Promise<{ personId: string; applicationId: string }> {
  sequence += 1;
  const person = await test.db.person.create({
    data: {
      locale: options.locale ?? 'fr',
      timeZone: options.timeZone ?? null,
      roles: [],
      ...options.person,
      identities: { create: { channel: 'whatsapp', platformId: `2250700${sequence}`, lastInboundAt: STARTED_AT } },
    },
  });
  const application = await test.db.application.create({
    data: {
      callId,
      personId: person.id,
      status: options.status ?? 'started',
      consentVersion: options.consented === false ? null : '2026-10',
      currentPosition: options.position ?? 0,
      nextReminderAt: nextApplicationReminder(CLOSES_AT, [4320, 1440], STARTED_AT),
    },
  });
  return { personId: person.id, applicationId: application.id };
}

function remindersOf(personId: string) {
  return test.db.outboundMessage.findMany({
    where: { personId, purpose: 'application_reminder' },
    orderBy: { sequence: 'asc' },
  });
}

const textOf = (row: { payload: unknown }) => (row.payload as { text: string }).text;

describe('reminders before the call for applications closes', () => {
  it('reminds each applicant once at each offset, in their language, with the closing in their own time', async () => {
    const awa = await applicant({ locale: 'fr', timeZone: 'Africa/Douala', position: 6 });
    const rivo = await applicant({ locale: 'en', timeZone: 'Indian/Antananarivo', position: 8 });

    await run(minutesAfter(THREE_DAYS_BEFORE, -1));
    expect(await remindersOf(awa.personId)).toEqual([]);

    const due = minutesAfter(THREE_DAYS_BEFORE, 1);
    await run(due);
    await run(due);
    const [first, ...none] = await remindersOf(awa.personId);
    expect(none).toEqual([]);
    expect(textOf(first!)).toBe(
      "Votre candidature à Connexions citoyennes n'est pas terminée : il vous reste 3 questions.\n\n" +
        "L'appel à candidatures se clôt le dimanche 15 novembre 2026, 23:59 (à votre heure) ; après, plus rien n'est reçu.\n\n" +
        "Envoyez n'importe quel message pour reprendre là où vous en étiez.",
    );
    // 23:59 in Douala is within the quiet hours: the reminder waits for 07:00 there.
    expect(first).toMatchObject({ plannedAt: new Date('2026-11-13T06:00:00Z'), notAfter: CLOSES_AT });
    const [english] = await remindersOf(rivo.personId);
    expect(textOf(english!)).toBe(
      'Your application to Civic Connections is not finished: one question is left.\n\n' +
        'The call for applications closes on Monday 16 November 2026, 01:59 (your time); nothing is received after that.\n\n' +
        'Send any message to carry on where you left off.',
    );
    expect(english?.plannedAt).toEqual(new Date('2026-11-13T04:00:00Z'));
    expect(await test.db.application.findUniqueOrThrow({ where: { id: awa.applicationId } })).toMatchObject({
      nextReminderAt: ONE_DAY_BEFORE,
    });

    // The day before, two workers sweep at once: one reminder each, not two.
    await Promise.all([run(minutesAfter(ONE_DAY_BEFORE, 1)), run(minutesAfter(ONE_DAY_BEFORE, 1))]);
    expect(await remindersOf(awa.personId)).toHaveLength(2);
    expect(await remindersOf(rivo.personId)).toHaveLength(2);
    expect(await test.db.application.findUniqueOrThrow({ where: { id: awa.applicationId } })).toMatchObject({
      nextReminderAt: null,
    });

    // Nothing more, up to the closing and after it.
    await run(minutesAfter(CLOSES_AT, -1));
    await run(minutesAfter(CLOSES_AT, 60));
    expect(await remindersOf(awa.personId)).toHaveLength(2);
  });

  it('tells someone who has not reached the questions that all of them are left', async () => {
    const moussa = await applicant({ consented: false });
    await run(minutesAfter(THREE_DAYS_BEFORE, 1));
    const [reminder] = await remindersOf(moussa.personId);
    expect(textOf(reminder!)).toMatch(
      /^Vous avez commencé à candidater à Connexions citoyennes : il vous reste toutes les questions \(9\)\./,
    );
  });

  it('does not remind those who handed in, stopped or erased their data', async () => {
    const handedIn = await applicant({ status: 'submitted' });
    const stopped = await applicant({ person: { optedOutAt: STARTED_AT } });
    const erased = await applicant({ person: { erasedAt: STARTED_AT } });
    await run(minutesAfter(THREE_DAYS_BEFORE, 1));
    for (const { personId } of [handedIn, stopped, erased]) expect(await remindersOf(personId)).toEqual([]);
  });

  it('drops a reminder still waiting for the morning once the application is handed in at night', async () => {
    // Due at 23:59 in Paris, 22:59 in Abidjan: the quiet hours hold it until 07:00.
    const night = await applicant({ timeZone: 'Africa/Abidjan' });
    await run(minutesAfter(THREE_DAYS_BEFORE, 1));
    const [held] = await remindersOf(night.personId);
    expect(held?.plannedAt.getTime()).toBeGreaterThan(THREE_DAYS_BEFORE.getTime());
    await test.db.$transaction((tx) =>
      createApplicationStore(tx).submitApplication(night.applicationId, minutesAfter(THREE_DAYS_BEFORE, 30)),
    );
    expect(await remindersOf(night.personId)).toEqual([
      expect.objectContaining({ status: 'skipped', lastError: 'the application was handed in' }),
    ]);
  });

  it('does not remind anyone after the closing, even with a reminder still due', async () => {
    const late = await applicant();
    await test.db.application.update({ where: { id: late.applicationId }, data: { nextReminderAt: ONE_DAY_BEFORE } });
    await run(minutesAfter(CLOSES_AT, 1));
    expect(await remindersOf(late.personId)).toEqual([]);
  });

  it('drops a reminder the quiet hours would bring after the closing', async () => {
    const fanta = await applicant({ timeZone: 'Africa/Abidjan' });
    // An hour before the closing is 21:59 in Abidjan: held until 07:00, after the call has closed.
    const hourBefore = minutesAfter(CLOSES_AT, -60);
    await test.db.application.update({ where: { id: fanta.applicationId }, data: { nextReminderAt: hourBefore } });
    await run(minutesAfter(hourBefore, 1));
    expect(await remindersOf(fanta.personId)).toEqual([]);
    expect(await test.db.application.findUniqueOrThrow({ where: { id: fanta.applicationId } })).toMatchObject({
      nextReminderAt: null,
    });
  });

  it("goes out on WhatsApp with the programme's application template when the window has closed", async () => {
    const { personId } = await applicant({ locale: 'en' });
    expect(templatePurposeFor('application_reminder')).toBe('application');
    expect(templatePurposeFor('application_decision')).toBe('application');
    expect(await loadWhatsappTemplate(test.db, { personId, purpose: 'application', defaultLanguage: 'fr' })).toEqual({
      name: 'cc_application',
      language: 'en',
    });
  });
});
