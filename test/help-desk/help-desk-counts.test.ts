import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateIn } from '../../src/admin/layout.ts';
import { cohortBody } from '../../src/admin/pages/cohort-overview-view.ts';
import { registerMetricsRoutes } from '../../src/http/metrics-routes.ts';
import { createTranslate } from '../../src/i18n.ts';
import { loadCohortOverview } from '../../src/store/cohorts/cohort-overview.ts';
import { answerHelpConversation } from '../../src/store/help-desk/answer-help-conversation.ts';
import { askForHelp } from '../../src/store/help-desk/ask-for-help.ts';
import { findHelpAsker } from '../../src/store/help-desk/find-help-asker.ts';
import { seedCohort, type SeededCohort } from '../support/admin-app.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { testJobContext } from '../support/job-context.ts';
import { uniquePrefix } from '../support/redis.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

const MINUTE_MS = 60_000;
const at = (minutes: number) => new Date(SAMPLE_DAYTIME.getTime() + minutes * MINUTE_MS);

/** Counts (never contents) of help-desk conversations per hub, on the cohort overview and in /metrics. */
describe('help-desk counts per hub', () => {
  let test: TestDatabase;
  let seeded: SeededCohort;
  let trainers: SeededTrainers;
  let context: ReturnType<typeof testJobContext>;
  let app: FastifyInstance;

  async function ask(personId: string, text: string, minutes: number) {
    const asker = await findHelpAsker(test.db, personId);
    const result = await test.db.$transaction((tx) =>
      askForHelp(tx, asker!, { text, mediaFileId: null, sentAt: at(minutes) }, at(minutes)),
    );
    // The conversation opens when the question comes, which is what the response time counts from.
    await test.db.helpConversation.update({ where: { id: result!.conversationId }, data: { createdAt: at(minutes) } });
    return result!.conversationId;
  }
  async function answer(conversationId: string, authorId: string, minutes: number) {
    await test.db.$transaction((tx) =>
      answerHelpConversation(tx, {
        conversationId,
        authorId,
        authorLevel: 'trainer',
        message: { text: 'Voici.', mediaFileId: null, sentAt: at(minutes) },
        now: at(minutes),
      }),
    );
  }

  beforeAll(async () => {
    test = await createTestDatabase();
    seeded = await seedCohort(test.db, SAMPLE_DAYTIME);
    trainers = await seedTrainers(test.db, seeded, SAMPLE_DAYTIME);
    context = testJobContext(test.db, uniquePrefix());
    app = Fastify();
    registerMetricsRoutes(app, { db: test.db, queues: context.queues });
    await app.ready();

    // Bukavu: Josué answered after 2 h (waiting for him); Abidjan: Awa unanswered, Fatou answered in 30 min and closed.
    const josue = await ask(trainers.josueId, "je n'arrive pas à ouvrir la vidéo", 0);
    await answer(josue, trainers.bukavuTrainerId, 120);
    await ask(seeded.participantIds[0]!, 'Où est le lien ?', 10);
    const fatou = await ask(seeded.participantIds[5]!, 'Une question.', 20);
    await answer(fatou, seeded.mentorIds[1], 50);
    await test.db.helpConversation.update({ where: { id: fatou }, data: { status: 'closed', closedAt: at(60) } });
  });

  afterAll(async () => {
    await app.close();
    await context.queues.close();
    await test.drop();
  });

  const rows = (overview: Awaited<ReturnType<typeof loadCohortOverview>>) =>
    overview.helpDesk.map((hub) => ({ hub: hub.hubKey, ...hub.counts, answers: hub.firstAnswerSeconds }));

  it('shows the staff each hub of the cohort, with the median time to a first answer', async () => {
    const overview = await loadCohortOverview(test.db, seeded.cohortId, at(90));
    expect(rows(overview)).toEqual([
      { hub: 'abidjan', open: 1, waiting: 0, closed: 1, answers: [1800] },
      { hub: 'bukavu', open: 0, waiting: 1, closed: 0, answers: [7200] },
    ]);
    const page = cohortBody(
      overview,
      'fr',
      translateIn({ translate: createTranslate({ defaultLanguage: 'fr' }) }, 'fr'),
    )
      .toString()
      .replaceAll(/\s+/g, ' ');
    expect(page).toContain('<h2>Service d&#39;aide</h2>');
    expect(page).toContain(
      '<tr><td>Abidjan</td><td class="n">1</td><td class="n">0</td><td class="n">1</td><td class="n">30 min</td></tr>',
    );
    expect(page).toContain(
      '<tr><td>Bukavu</td><td class="n">0</td><td class="n">1</td><td class="n">0</td><td class="n">2 h 0 min</td></tr>',
    );
    // Counts, never contents.
    expect(page).not.toContain('ouvrir la vidéo');
  });

  it("shows a trainer only their hubs' conversations", async () => {
    const overview = await loadCohortOverview(test.db, seeded.cohortId, at(90), [trainers.hubIds.bukavu], {
      role: 'trainer',
      cohortIds: [seeded.cohortId],
      mentees: [],
      hubs: [{ cohortId: seeded.cohortId, hubId: trainers.hubIds.bukavu }],
    });
    expect(rows(overview)).toEqual([{ hub: 'bukavu', open: 0, waiting: 1, closed: 0, answers: [7200] }]);
  });

  it('gives /metrics the counts by status and hub key, and the response time per hub', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('compagnon_help_conversations{status="open",hub="abidjan"} 1');
    expect(body).toContain('compagnon_help_conversations{status="closed",hub="abidjan"} 1');
    expect(body).toContain('compagnon_help_conversations{status="waiting",hub="bukavu"} 1');
    expect(body).toContain('compagnon_help_first_answer_seconds{hub="bukavu",quantile="0.5"} 7200');
    expect(body).toContain('compagnon_help_first_answer_seconds{hub="abidjan",quantile="0.5"} 1800');
    expect(body).toContain('compagnon_help_first_answer_seconds_count{hub="abidjan"} 1');
    expect(body).toContain('compagnon_help_first_answer_seconds_sum{hub="bukavu"} 7200');
    // Hub keys, never people's names.
    expect(body).not.toMatch(/Josué|Awa|Fatou|Aline/);
  });
});
