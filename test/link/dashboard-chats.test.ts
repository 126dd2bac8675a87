import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';

type Session = { cookie: string; csrfToken: string };

/**
 * A participant's chats on their dashboard page: everyone who may see them sees their chats; only
 * staff may detach one (CSRF, confirmation in the page, audited), and the person is told on both.
 */
describe('the Chats section of a participant page', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let db: Database;
  let seed: SeededCohort;
  let staff: Session;
  let mentor: Session;
  let awa: string;
  let whatsappId: string;

  beforeAll(async () => {
    app = await startAdminTestApp({ now: () => SAMPLE_DAYTIME });
    db = app.test.db;
    seed = await seedCohort(db, SAMPLE_DAYTIME);
    awa = seed.participantIds[0]!;
    await db.person.update({ where: { id: awa }, data: { locale: 'fr' } });
    // Awa linked her WhatsApp, and wrote from it last.
    const whatsapp = await db.channelIdentity.create({
      data: {
        personId: awa,
        channel: 'whatsapp',
        platformId: 'CI.3000000001',
        phoneNumber: '2250700300001',
        createdAt: SAMPLE_DAYTIME,
        lastInboundAt: SAMPLE_DAYTIME,
      },
    });
    whatsappId = whatsapp.id;
    staff = await signInAs(app.app, db, seed.staffId, SAMPLE_DAYTIME);
    mentor = await signInAs(app.app, db, seed.mentorIds[0], SAMPLE_DAYTIME);
  });

  afterAll(async () => {
    await app?.close();
  });

  const page = (session: Session) =>
    app.app.inject({ method: 'GET', url: `/admin/people/${awa}`, headers: { cookie: session.cookie } });
  const unlink = (session: Session, identityId = whatsappId) =>
    app.app.inject({
      method: 'POST',
      url: `/admin/people/${awa}/chats/${identityId}/unlink`,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(session.csrfToken)}`,
    });

  it('shows the chats to her mentor, who cannot unlink (403)', async () => {
    const response = await page(mentor);
    expect(response.statusCode).toBe(200);
    const section = /<section id="chats">[\s\S]*?<\/section>/.exec(response.body)?.[0] ?? '';
    expect(section).toContain('<h2>Discussions</h2>');
    expect(section).toContain('WhatsApp');
    // Her phone number is staff's to see: her mentor reads only its last two digits.
    expect(section).not.toContain('2250700300001');
    expect(section).toContain('•••••••••••01');
    expect(section).not.toContain('/unlink');
    expect((await unlink(mentor)).statusCode).toBe(403);
    expect(await db.channelIdentity.count({ where: { personId: awa } })).toBe(2);
  });

  it('lets staff unlink a chat: the person is told on both chats, and it is audited', async () => {
    const before = await page(staff);
    expect(before.body).toContain('2250700300001');
    expect(before.body).toContain(`action="/admin/people/${awa}/chats/${whatsappId}/unlink"`);
    expect(before.body).toContain('Détacher la discussion WhatsApp');

    const response = await unlink(staff);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/admin/people/${awa}?chats=unlinked#chats`);
    const detached = await db.channelIdentity.findUniqueOrThrow({
      where: { id: whatsappId },
      include: { person: true },
    });
    expect(detached.person.id).not.toBe(awa);
    expect(detached.person).toMatchObject({ displayName: null, roles: [] });

    const told = await db.outboundMessage.findMany({ where: { purpose: 'link' }, orderBy: { sequence: 'asc' } });
    expect(told.map((m) => [m.channelIdentityId === whatsappId, (m.payload as { text: string }).text])).toEqual([
      [
        true,
        'L’équipe du programme a détaché cette discussion WhatsApp de votre compte : Compagnon ne vous y écrira plus.',
      ],
      [
        false,
        'L’équipe du programme a détaché votre discussion WhatsApp de votre compte. Nos messages arriveront ici.',
      ],
    ]);
    expect(told[1]?.personId).toBe(awa);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'person.unlink_chat' } });
    expect(audit).toMatchObject({
      actorId: seed.staffId,
      entity: 'Person',
      entityId: awa,
      details: { channel: 'whatsapp' },
    });
    const auditPage = await app.app.inject({ method: 'GET', url: '/admin/audit', headers: { cookie: staff.cookie } });
    expect(auditPage.body).toMatch(/a détaché la discussion WhatsApp de /);
  });

  it('never detaches the last chat', async () => {
    const last = await db.channelIdentity.findFirstOrThrow({ where: { personId: awa } });
    const response = await unlink(staff, last.id);
    expect(response.headers.location).toBe(`/admin/people/${awa}?chats=last#chats`);
    expect(await db.channelIdentity.count({ where: { personId: awa } })).toBe(1);
    const after = await app.app.inject({
      method: 'GET',
      url: `/admin/people/${awa}?chats=last`,
      headers: { cookie: staff.cookie },
    });
    expect(after.body).toContain('C’est la dernière discussion de cette personne');
  });
});
