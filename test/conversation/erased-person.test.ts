import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outgoing } from '../../src/conversation/conversation-context.ts';
import { handleEvent } from '../../src/conversation/handle-event.ts';
import type { InboundEvent } from '../../src/domain/inbound-event.ts';
import { createTranslate } from '../../src/i18n.ts';
import { listCohortsWithCounts } from '../../src/store/cohorts/list-cohorts-with-counts.ts';
import { loadCohortOverview } from '../../src/store/cohorts/cohort-overview.ts';
import { createConversationStore } from '../../src/store/conversation-store.ts';
import type { Database } from '../../src/store/database.ts';
import { assignMentor, InvalidAssignmentError } from '../../src/store/mentoring/assign-mentor.ts';
import { loadCohortMentors } from '../../src/store/mentoring/load-cohort-mentors.ts';
import { personView } from '../../src/store/people/person-view.ts';
import { waitFor } from '../support/processes.ts';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';

const translate = createTranslate({ defaultLanguage: 'fr' });
const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);

describe('an erased person is gone from every list and count, and starts from the beginning', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let db: Database;
  let seed: SeededCohort;
  let staff: { cookie: string; csrfToken: string };
  let boubacar: string;
  let platformId: string;

  beforeAll(async () => {
    app = await startAdminTestApp({ now: () => NOW });
    db = app.test.db;
    seed = await seedCohort(db, NOW, { mediaDir: app.mediaDir });
    boubacar = seed.participantIds[1]!;
    staff = await signInAs(app.app, db, seed.staffId);
    platformId = (await db.channelIdentity.findFirstOrThrow({ where: { personId: boubacar } })).platformId;
    // Boubacar (active) erases his data, as in chat.
    await chat(boubacar, { text: 'EFFACER' });
    expect(texts(await chat(boubacar, { choice: 'erase:yes' }))[0]).toContain('sont effacées');
  });

  afterAll(async () => {
    await app?.close();
  });

  async function chat(personId: string, message: { text: string } | { choice: string }): Promise<Outgoing[]> {
    const base = {
      channel: 'simulator' as const,
      platformEventId: `e-${Math.random()}`,
      sender: { channel: 'simulator' as const, platformId: 'x' },
      sentAt: NOW.toISOString(),
    };
    const event: InboundEvent =
      'text' in message
        ? { ...base, kind: 'text', text: message.text }
        : { ...base, kind: 'choice', choiceId: message.choice };
    return db.$transaction(async (tx) =>
      handleEvent(event, {
        person: await personView(tx, personId),
        defaultLanguage: 'fr',
        translate,
        store: createConversationStore(tx),
        now: () => NOW,
      }),
    );
  }
  const texts = (replies: Outgoing[]) => replies.map((r) => ('text' in r.payload ? r.payload.text : ''));
  const get = (url: string) => app.app.inject({ method: 'GET', url, headers: { cookie: staff.cookie } });

  it('is counted nowhere in the cohort overview and on the landing page', async () => {
    // Left: Awa and Salma (active), Espoir (paused), Rivo (stopped), Fatou (selected).
    const overview = await loadCohortOverview(db, seed.cohortId, NOW);
    expect(overview.counts).toMatchObject({ enrolled: 5, active: 2, paused: 1, stopped: 1, selected: 1 });
    expect(overview.slipping.map((s) => s.personId)).not.toContain(boubacar);
    const [cohort] = await listCohortsWithCounts(db, {
      role: 'staff',
      cohortIds: [seed.cohortId],
      mentees: null,
      hubs: null,
    });
    expect(cohort?.byStatus).toEqual({ active: 2, paused: 1, stopped: 1, selected: 1 });
  });

  it('is not listed on the participants page, nor offered for mentor assignment', async () => {
    const participants = await get('/admin/participants');
    expect(participants.statusCode).toBe(200);
    expect(participants.body).toContain(seed.participantIds[0]!);
    expect(participants.body).not.toContain(boubacar);
    const mentors = await get(`/admin/mentors?cohort=${seed.cohortId}`);
    expect(mentors.statusCode).toBe(200);
    expect(mentors.body).not.toContain(`value="${boubacar}"`);
    const { participants: offered } = await loadCohortMentors(db, seed.cohortId);
    expect(offered.map((p) => p.person.id)).not.toContain(boubacar);
  });

  it('cannot be assigned a mentor from the command line', async () => {
    await expect(
      assignMentor(db, { defaultLanguage: 'fr', mentorId: seed.mentorIds[0], menteeId: boubacar, now: NOW }),
    ).rejects.toThrow(InvalidAssignmentError);
  });

  it('is not counted in STATS', async () => {
    const stats = await db.$transaction((tx) => createConversationStore(tx).cohortStats(seed.programmeId, NOW));
    expect(stats[0]?.byStatus).toEqual({ active: 2, paused: 1, stopped: 1, selected: 1 });
  });

  it('writing again, is someone new: told how to join, with no enrolment in their data', async () => {
    const send = async (text: string) => {
      const before = await db.outboundMessage.count();
      await app.sink.record([
        {
          channel: 'simulator',
          platformEventId: `again-${text}`,
          sender: { channel: 'simulator', platformId },
          sentAt: NOW.toISOString(),
          kind: 'text',
          text,
        },
      ]);
      return waitFor(
        async () => {
          const replies = await db.outboundMessage.findMany({
            where: { channelIdentity: { platformId } },
            orderBy: { sequence: 'asc' },
          });
          return (await db.outboundMessage.count()) > before ? replies.at(-1) : undefined;
        },
        15_000,
        `a reply to ${text}`,
      );
    };
    const hello = await send('Bonjour');
    expect(hello.personId).not.toBe(boubacar);
    expect(JSON.stringify(hello.payload)).toContain('REJOINDRE ABCD2345');
    const data = await send('MES DONNÉES');
    expect(JSON.stringify(data.payload)).not.toContain('Promotion 2027');
    expect(await db.enrolment.count({ where: { personId: data.personId } })).toBe(0);
  });
});
