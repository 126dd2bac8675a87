import { selectionNotice } from '../../src/conversation/notices/selection-notice.ts';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslate } from '../../src/i18n.ts';
import { decideSelection } from '../../src/store/cohorts/decide-selection.ts';
import { PrismaClient } from '../../src/store/generated/client.ts';
import { seedCohort, type SeededCohort } from '../support/admin-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * Selection decisions for a whole cohort are taken at once: the statements sent to PostgreSQL
 * must not grow with the number of people ticked.
 */
describe('a selection decision in a constant number of queries', () => {
  let test: TestDatabase;
  let seed: SeededCohort;
  let counted: ReturnType<typeof countingClient>;
  let statements = 0;
  const translate = createTranslate({ defaultLanguage: 'fr' });

  beforeAll(async () => {
    test = await createTestDatabase();
    seed = await seedCohort(test.db, new Date());
    counted = countingClient(test.url, () => {
      statements += 1;
    });
    // Ten more active participants, each reachable in chat.
    for (let n = 0; n < 10; n += 1) {
      await test.db.person.create({
        data: {
          displayName: `Participant ${n}`,
          roles: ['participant'],
          locale: n % 2 === 0 ? 'fr' : 'en',
          enrolments: { create: { cohortId: seed.cohortId, role: 'participant' } },
          identities: { create: { channel: 'simulator', platformId: `many-${n}`, lastInboundAt: new Date() } },
        },
      });
    }
  });

  afterAll(async () => {
    await counted.$disconnect();
    await test.drop();
  });

  const decide = async (enrolmentIds: string[]) => {
    statements = 0;
    const result = await counted.$transaction((tx) =>
      decideSelection(tx, {
        cohortId: seed.cohortId,
        enrolmentIds,
        decision: 'not_selected',
        notify: true,
        now: new Date(),
        notice: (facts) => selectionNotice(facts, { translate, defaultLanguage: 'fr' }),
      }),
    );
    return { result, statements };
  };

  it('sends as many statements for twelve people as for one, and tells each of them once in their language', async () => {
    const active = await test.db.enrolment.findMany({
      where: { cohortId: seed.cohortId, role: 'participant', status: 'active' },
      orderBy: { createdAt: 'desc' },
      select: { id: true },
    });
    expect(active).toHaveLength(13);
    const [first, ...others] = active.map((e) => e.id);
    const one = await decide([first!]);
    expect(one.result.outcomes).toMatchObject([
      { enrolmentId: first, from: 'active', to: 'not_selected', changed: true, notified: true },
    ]);

    const twelve = await decide(others);
    expect(twelve.result.outcomes.filter((o) => o.changed && o.notified)).toHaveLength(12);
    expect(twelve.statements).toBe(one.statements);

    const messages = await test.db.outboundMessage.findMany({
      where: { purpose: 'selection' },
      select: { personId: true, payload: true },
    });
    expect(messages).toHaveLength(13);
    const english = await test.db.person.findFirstOrThrow({
      where: { displayName: 'Participant 1' },
      select: { id: true },
    });
    const text = (messages.find((m) => m.personId === english.id)!.payload as { text: string }).text;
    // The sample programme file words this outcome itself (selection_notices.not_selected).
    expect(text).toMatch(
      /^Dear Participant 1, thank you for your commitment during the Civic Connections training\. You were not selected/,
    );
  });
});

/** A client on the test database that reports each statement it sends. */
function countingClient(url: string, onStatement: () => void) {
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 2 }),
    log: [{ emit: 'event', level: 'query' }],
  });
  client.$on('query', onStatement);
  return client;
}
