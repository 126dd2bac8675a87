import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaffMember } from '../../src/store/people/add-staff-member.ts';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { seedTrainers } from '../support/trainers.ts';
import { SimulatedPerson, simulatorHeaders } from '../support/simulator-client.ts';
import type { TestApp } from '../support/test-app.ts';

const WEEK = 7 * 24 * 3600_000;

describe('the profile page and its join code', () => {
  const now = clockFrom(SAMPLE_DAYTIME);
  let t: TestApp & { baseUrl: string };
  let seed: SeededCohort;
  let fatouId: string;
  let fatou: { cookie: string; csrfToken: string };

  const page = (session: { cookie: string }) =>
    t.app.inject({ method: 'GET', url: '/admin/me', headers: { cookie: session.cookie } });
  const askForCode = (session: { cookie: string; csrfToken: string }, withToken = true) =>
    t.app.inject({
      method: 'POST',
      url: '/admin/me/join-code',
      headers: { cookie: session.cookie },
      payload: withToken ? { _csrf: session.csrfToken } : {},
    });
  const liveCode = async (personId: string) =>
    (
      await t.test.db.inviteCode.findFirstOrThrow({
        where: { personId, revokedAt: null },
        orderBy: { createdAt: 'desc' },
      })
    ).code;

  beforeAll(async () => {
    t = await startAdminTestApp({
      now,
      chatAccounts: { telegramBotUsername: 'CompagnonBot', whatsappBusinessNumber: '33612345678' },
    });
    seed = await seedCohort(t.test.db, now());
    fatouId = (await addStaffMember(t.test.db, { name: 'Fatou Diop', programme: 'connexions-citoyennes', now: now() }))
      .personId;
    fatou = await signInAs(t.app, t.test.db, fatouId, now());
  });

  afterAll(async () => {
    await t.close();
  });

  it('shows a staff member without a chat their name and role, linked from the header', async () => {
    const response = await page(fatou);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<a class="who" href="/admin/me"');
    expect(response.body).toContain('<dd>Fatou Diop</dd>');
    expect(response.body).toContain('équipe du programme');
    expect(response.body).toContain('Aucune pour l&#39;instant');
    expect(response.body).toContain('Obtenir un code');
  });

  it('makes a one-use join code valid 7 days only through the form with its CSRF field, audited', async () => {
    expect((await askForCode(fatou, false)).statusCode).toBe(403);
    expect(await t.test.db.inviteCode.count({ where: { personId: fatouId } })).toBe(0);

    const before = now().getTime();
    const made = await askForCode(fatou);
    const after = now().getTime();
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).toBe('/admin/me#join');
    const row = await t.test.db.inviteCode.findFirstOrThrow({ where: { personId: fatouId } });
    expect(row).toMatchObject({ role: 'staff', maxUses: 1, uses: 0, cohortId: seed.cohortId, createdById: fatouId });
    expect(row.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + WEEK);
    expect(row.expiresAt!.getTime()).toBeLessThanOrEqual(after + WEEK);
    const audit = await t.test.db.auditLog.findFirstOrThrow({
      where: { action: 'invite.join_code', entityId: row.id },
    });
    expect(audit.actorId).toBe(fatouId);

    const shown = (await page(fatou)).body;
    expect(shown).toContain(`<span class="join-code">${row.code}</span>`);
    expect(shown).toContain(`https://t.me/CompagnonBot?start=${row.code}`);
    expect(shown).toContain(`https://wa.me/33612345678?text=REJOINDRE%20${row.code}`);
    expect(shown).toContain(`« REJOINDRE ${row.code} »`);

    // A new code replaces the one not used yet.
    await askForCode(fatou);
    const codes = await t.test.db.inviteCode.findMany({ where: { personId: fatouId }, orderBy: { createdAt: 'asc' } });
    expect(codes.map((code) => code.revokedAt !== null)).toEqual([true, false]);
    const refused = await SimulatedPerson.create(t, { name: 'Quelqu’un', role: 'newcomer' });
    const [answer] = await refused.send(`REJOINDRE ${codes[0]!.code}`);
    expect(answer?.text).toContain("n'est plus valable");
  });

  it('attaches the chat that sends the code to the staff member, and removes the person made for it', async () => {
    const code = await liveCode(fatouId);
    const phone = await SimulatedPerson.create(t, { name: 'Fatou D.', role: 'newcomer' });
    const throwaway = phone.personId;
    const [attached] = await phone.send(`REJOINDRE ${code}`);
    expect(attached?.text).toBe(
      'Votre compte du simulateur est maintenant relié à votre accès au tableau de bord, Fatou Diop. Envoyez AIDE pour voir ce que je sais faire.',
    );
    const identity = await t.test.db.channelIdentity.findFirstOrThrow({ where: { platformId: phone.id } });
    expect(identity.personId).toBe(fatouId);
    expect(await t.test.db.person.findUnique({ where: { id: throwaway } })).toBeNull();
    expect(
      await t.test.db.auditLog.findFirst({ where: { action: 'person.attach_chat', entityId: fatouId } }),
    ).toMatchObject({ actorId: fatouId, details: { channel: 'simulator' } });
    expect((await t.test.db.inviteCode.findUniqueOrThrow({ where: { code } })).uses).toBe(1);
    // Nobody new was enrolled: the code only attaches the chat.
    expect(await t.test.db.enrolment.count({ where: { inviteCode: { code } } })).toBe(0);

    // From now on the chat speaks as Fatou, the staff member.
    const [help] = await phone.send('AIDE');
    expect(help?.text).toContain('ANNONCE : envoyer une annonce');

    // The profile lists the chat, without its platform id; the used code is no longer offered.
    const shown = (await page(fatou)).body;
    expect(shown).toContain('<li data-channel="simulator">Simulateur');
    expect(shown).not.toContain(phone.id);
    expect(shown).not.toContain(code);

    const [again] = await phone.send(`REJOINDRE ${code}`);
    expect(again?.text).toBe(
      "Ce compte est déjà relié à votre accès au tableau de bord : il n'y a rien d'autre à faire.",
    );
  });

  it('answers what the chat sent right after the code as the person it now belongs to', async () => {
    await askForCode(fatou);
    const code = await liveCode(fatouId);
    const tablet = await SimulatedPerson.create(t, { name: 'Tablette', role: 'newcomer' });
    // Sent back to back: the help request may be handled in the same run as the code, or after it.
    const post = (text: string) =>
      t.app.inject({
        method: 'POST',
        url: '/simulator/api/messages',
        headers: simulatorHeaders(t),
        payload: { person: tablet.id, text },
      });
    expect((await post(`REJOINDRE ${code}`)).statusCode).toBe(202);
    expect((await post('AIDE')).statusCode).toBe(202);
    const [attached, help] = await tablet.replies(2);
    expect(attached?.text).toContain('est maintenant relié à votre accès au tableau de bord, Fatou Diop');
    expect(help?.text).toContain('ANNONCE : envoyer une annonce');
    const events = await t.test.db.inboundEvent.findMany({ where: { channelIdentity: { platformId: tablet.id } } });
    expect(events.map((event) => [event.personId, event.status])).toEqual([
      [fatouId, 'processed'],
      [fatouId, 'processed'],
    ]);
  });

  it('refuses a used code, and a chat that belongs to someone with data of their own, merging nothing', async () => {
    const used = (await t.test.db.inviteCode.findFirstOrThrow({ where: { personId: fatouId, uses: 1 } })).code;
    const stranger = await SimulatedPerson.create(t, { name: 'Inconnu', role: 'newcomer' });
    const [usedUp] = await stranger.send(`REJOINDRE ${used}`);
    expect(usedUp?.text).toContain('a déjà été utilisé');

    await askForCode(fatou);
    const code = await liveCode(fatouId);
    const awa = await SimulatedPerson.create(t, { name: 'Awa', role: 'participant', hub: 'abidjan' });
    const [refused] = await awa.send(`JOIN ${code}`);
    expect(refused?.text).toContain('already belongs to someone enrolled in the programme');
    const identity = await t.test.db.channelIdentity.findFirstOrThrow({ where: { platformId: awa.id } });
    expect(identity.personId).toBe(awa.personId);
    expect((await t.test.db.inviteCode.findUniqueOrThrow({ where: { code } })).uses).toBe(0);
  });

  it('gives trainers a join code too, shown in their language', async () => {
    const { westTrainerId } = await seedTrainers(t.test.db, seed, now());
    const trainer = await signInAs(t.app, t.test.db, westTrainerId, now());
    expect((await askForCode(trainer)).statusCode).toBe(303);
    const row = await t.test.db.inviteCode.findFirstOrThrow({ where: { personId: westTrainerId } });
    expect(row).toMatchObject({ role: 'trainer', cohortId: seed.cohortId, maxUses: 1 });
    const shown = (await page(trainer)).body;
    expect(shown).toContain('My profile');
    expect(shown).toContain(`“JOIN ${row.code}”`);
  });

  it('gives mentors a join code too, for their mentees’ cohort', async () => {
    const mentor = await signInAs(t.app, t.test.db, seed.mentorIds[0], now());
    expect((await page(mentor)).statusCode).toBe(200);
    expect((await askForCode(mentor)).statusCode).toBe(303);
    const row = await t.test.db.inviteCode.findFirstOrThrow({ where: { personId: seed.mentorIds[0] } });
    expect(row).toMatchObject({ role: 'mentor', cohortId: seed.cohortId, maxUses: 1 });
    expect((await page(mentor)).body).toContain(row.code);
  });
});
