import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSubmissions } from '../../src/jobs/plan-submissions.ts';
import { releaseDue } from '../../src/jobs/release-due.ts';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { ACCESS_TOKEN, APP_SECRET, createTestChannel } from '../channels/whatsapp/support/channel.ts';
import { GraphStandIn } from '../channels/whatsapp/support/graph-stand-in.ts';
import { metaJson, signAsMeta } from '../channels/whatsapp/support/meta-json.ts';
import { contactOf, messageFrom, messagesChange, webhookBody } from '../channels/whatsapp/support/meta-payloads.ts';
import { signInAs, startAdminTestApp } from '../support/admin-app.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../support/browser.ts';
import { clockFrom } from '../support/clock.ts';
import { waitFor } from '../support/processes.ts';
import { importSample } from '../support/sample-programme.ts';
import { solidPng } from '../support/seed-applications.ts';

const DAY = 24 * 3600_000;
/** Someone in Douala with only a WhatsApp number. */
const AWA = { user_id: 'CM.5599001122', wa_id: '237690011223', name: 'Awa Mbarga' };

interface Payload {
  kind: string;
  text?: string;
  name?: string;
  choices?: { id: string; label: string }[];
}

/**
 * The "Done when", as one story on the sample programme and its own call for applications:
 * Awa applies on WhatsApp in French, a reviewer reads and grades her application on a phone and
 * accepts it, she finishes joining without giving anything twice, and the first exercise reaches
 * her at 09:00 Douala time although her hub is Abidjan's.
 */
describe('done when: from the call on WhatsApp to the first exercise at 09:00 in Douala', () => {
  const graph = new GraphStandIn(ACCESS_TOKEN);
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let browser: Browser;
  // The injected clock: runs at real pace from the instant each step sets.
  let clock = clockFrom(new Date('2026-10-01T10:00:00Z'));
  const setClock = (at: Date) => (clock = clockFrom(at));
  let call: { id: string; opensAt: Date; closesAt: Date };
  let claireId: string;
  let moussaId: string;
  let sent = 0;
  let requestsBefore = 0;

  beforeAll(async () => {
    await graph.start();
    const whatsapp = createTestChannel(graph.url);
    app = await startAdminTestApp({
      now: () => clock(),
      channels: { whatsapp: whatsapp.adapter },
      routes: [(server, { sink }) => whatsapp.registerWebhook(server, sink)],
    });
    await importSample(app.test.db);
    call = await app.test.db.applicationCall.findFirstOrThrow();
    const cohort = await app.test.db.cohort.findFirstOrThrow();
    for (const name of ['Claire', 'Moussa']) {
      const person = await app.test.db.person.create({ data: { displayName: name, roles: ['staff'], locale: 'fr' } });
      await app.test.db.enrolment.create({ data: { personId: person.id, cohortId: cohort.id, role: 'staff' } });
      if (name === 'Claire') claireId = person.id;
      else moussaId = person.id;
    }
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await graph.stop();
  });

  /** Waits until every message Awa sent is handled and every reply has gone out. */
  const settle = () =>
    waitFor(
      async () => {
        const [events, pending, queued] = await Promise.all([
          app.test.db.inboundEvent.count(),
          app.test.db.inboundEvent.count({ where: { status: 'received' } }),
          app.test.db.outboundMessage.count({ where: { status: { in: ['queued', 'sending'] } } }),
        ]);
        return events >= sent && pending === 0 && queued === 0 ? true : undefined;
      },
      20_000,
      'everything handled and sent',
    );

  /** What WhatsApp delivered to Awa since `from` (an index in the Graph API's requests). */
  const delivered = (from = 0) => graph.messageRequests.slice(from);

  /** The words of what WhatsApp delivered to Awa since `from`, read receipts aside. */
  const bodies = (from: number) =>
    delivered(from)
      .filter((m) => m.type !== undefined)
      .map(
        (m) =>
          (m.text as { body: string } | undefined)?.body ?? (m.interactive as { body: { text: string } }).body.text,
      );

  /** The last `count` messages the outbox sent Awa, oldest first. */
  async function lastOut(count = 1): Promise<Payload[]> {
    const rows = await app.test.db.outboundMessage.findMany({
      where: { channel: 'whatsapp', status: 'sent' },
      orderBy: { sequence: 'desc' },
      take: count,
    });
    return rows.reverse().map((row) => row.payload as unknown as Payload);
  }
  const choiceOf = (payload: Payload | undefined, label: string) => {
    const found = payload?.choices?.find((c) => c.label.includes(label));
    if (!found) throw new Error(`no "${label}" in ${JSON.stringify(payload)}`);
    return found.id;
  };

  /** Awa writes: a signed Meta webhook, as WhatsApp posts it. */
  async function awaSends(message: Record<string, unknown>) {
    sent++;
    const at = String(Math.floor(clock().getTime() / 1000));
    const payload = metaJson(
      webhookBody(
        messagesChange({
          contacts: [contactOf(AWA)],
          messages: [{ ...messageFrom(AWA, `wamid.awa-${sent}`, at), ...message }],
        }),
      ),
    );
    const response = await app.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signAsMeta(payload, APP_SECRET) },
      payload,
    });
    expect(response.statusCode).toBe(200);
    await settle();
  }
  const says = (body: string) => awaSends({ type: 'text', text: { body } });
  /** Awa taps a button of the latest message that has it (waited for: the reply may still be on its way). */
  async function taps(label: string) {
    const id = await waitFor(
      async () => {
        const recent = (await lastOut(3)).reverse();
        const withIt = recent.find((payload) => payload.choices?.some((c) => c.label.includes(label)));
        return withIt ? choiceOf(withIt, label) : undefined;
      },
      10_000,
      `a message with "${label}"`,
    );
    return awaSends({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title: label } } });
  }
  async function sendsFile(kind: 'image' | 'audio' | 'video' | 'document', mimeType: string, data: Buffer) {
    graph.addMedia(`media-${kind}`, { data, mimeType });
    return awaSends({ type: kind, [kind]: { id: `media-${kind}`, mime_type: mimeType, sha256: 'x' } });
  }

  it('Awa applies on WhatsApp in French while the call is open', async () => {
    // Daytime, a week after the call opened.
    const applyDay = new Date(call.opensAt.getTime() + 7 * DAY);
    applyDay.setUTCHours(10, 0, 0, 0);
    expect(applyDay < call.closesAt).toBe(true);
    setClock(applyDay);

    await says('POSTULER');
    await taps('Français');
    await taps("J'accepte");
    await taps('Garder');
    await says('cameroun');
    await says('Douala');
    await says('Budget Ouvert : une application qui montre aux habitants de Douala le budget de leur commune.');
    await taps('Suivant');
    await taps('Un prototype');
    await taps('Transparence');
    await taps('Données ouvertes');
    await taps('Terminé');
    await taps('4');
    await says('3');
    await sendsFile('image', 'image/png', solidPng(480, 320, [30, 110, 160]));
    await sendsFile('audio', 'audio/ogg', Buffer.from('OggS pitch'));
    await sendsFile('video', 'video/mp4', Buffer.from('\0\0\0\x18ftypmp42'));
    await sendsFile('document', 'application/pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    await taps('Envoyer');
    const [thanks] = await lastOut();
    expect(thanks?.text).toContain(
      "Merci, votre candidature est bien reçue ! L'équipe lit toutes les candidatures après la clôture",
    );

    const application = await app.test.db.application.findFirstOrThrow({ include: { answers: true, person: true } });
    expect(application).toMatchObject({ callId: call.id, status: 'submitted', city: 'Douala' });
    expect(application.person).toMatchObject({ displayName: 'Awa Mbarga', locale: 'fr', country: 'CM', roles: [] });
    expect(application.person.timeZone).toBe('Africa/Douala');
    expect(application.answers).toHaveLength(9);
  });

  it('Claire reads, grades and accepts it on her phone; Moussa adds his grade', async () => {
    // December, after the closing: Awa has not written for weeks.
    const decisionDay = new Date(call.closesAt.getTime() + 16 * DAY);
    decisionDay.setUTCHours(10, 0, 0, 0);
    setClock(decisionDay);
    const application = await app.test.db.application.findFirstOrThrow();
    const moussa = await signInAs(app.app, app.test.db, moussaId, clock());
    const review = await app.app.inject({
      method: 'POST',
      url: `/admin/applications/${application.id}/review`,
      headers: { cookie: moussa.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ score: '5', comment: 'Très concret', _csrf: moussa.csrfToken }).toString(),
    });
    expect(review.statusCode).toBe(303);

    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const shot = (name: string) =>
      page.screenshot({ path: path.join(TEST_OUTPUT_DIR, `done-when-${name}.png`), fullPage: true });
    const pageWidth = () => page.evaluate<number>('document.documentElement.scrollWidth');
    requestsBefore = graph.messageRequests.length;
    try {
      const link = await createSignInLink(app.test.db, { personId: claireId, now: clock(), validMinutes: 15 });
      if (!link.ok) throw new Error(link.reason);
      await page.goto(`${app.baseUrl}/admin/sign-in/${link.token}`);
      await page.getByRole('button').last().click();
      await page.waitForURL(`${app.baseUrl}/admin`);

      await page.goto(`${app.baseUrl}/admin/applications`);
      await page.getByRole('heading', { name: 'Candidatures', level: 1 }).waitFor();
      const row = page.getByRole('row').filter({ hasText: 'Awa Mbarga' });
      await row.getByText('Cameroun').waitFor();
      expect(await pageWidth()).toBeLessThanOrEqual(390);
      await shot('list');

      await page.getByRole('link', { name: 'Awa Mbarga' }).click();
      await page.getByRole('heading', { name: 'Awa Mbarga', level: 1 }).waitFor();
      await page.getByText('Budget Ouvert : une application').waitFor();
      const photo = page.locator('img.answer-photo');
      await photo.waitFor();
      expect(await photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(480);
      expect(await pageWidth()).toBeLessThanOrEqual(390);
      await shot('application');

      await page.getByLabel('Votre note (de 1 à 5)').selectOption('4');
      await page.getByLabel('Votre commentaire (facultatif)').fill('Projet utile, prototype déjà montré.');
      await page.getByRole('button', { name: 'Enregistrer ma note' }).click();
      await page.getByText('Moyenne : 4,5 / 5 (2 notes)').waitFor();

      await page.getByLabel('Acceptée').check();
      await page.getByRole('button', { name: 'Continuer' }).click();
      await page.getByRole('heading', { name: 'Confirmer la décision pour Awa Mbarga' }).waitFor();
      await shot('confirm');
      await page.getByRole('button', { name: 'Confirmer : accepter' }).click();
      await page.getByText('Candidature acceptée : la personne est inscrite, et le message lui est envoyé.').waitFor();
      await photo.scrollIntoViewIfNeeded();
      // Polled from the test: the page's policy forbids evaluating a string in it.
      await expect
        .poll(() => photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
        .toBeGreaterThan(0);
      await shot('accepted');
    } finally {
      await context.close();
    }
  });

  it('Awa is told on WhatsApp, in French, and finishes joining without giving anything twice', async () => {
    // Weeks since she last wrote: WhatsApp takes only a template, the programme's `application` one.
    await settle();
    const [template] = delivered(requestsBefore);
    expect(template).toMatchObject({
      to: AWA.wa_id,
      type: 'template',
      template: { name: 'cc_candidature', language: { code: 'fr' } },
    });
    expect(delivered(requestsBefore)).toHaveLength(1);
    const held = await app.test.db.outboundMessage.findMany({ where: { status: 'held' } });
    expect(held.map((m) => m.purpose)).toEqual(['application_decision', 'application_decision']);

    // She answers the template: the window opens, the held news follows, and the question is asked again.
    const fromGreeting = graph.messageRequests.length;
    await says('Bonjour');
    const texts = bodies(fromGreeting);
    expect(texts[0]).toBe(
      'Félicitations Awa Mbarga ! Votre candidature à Connexions citoyennes est retenue. Bienvenue dans la ' +
        'promotion 2027 : encore deux questions, et vous recevrez le premier exercice le jour venu.',
    );
    expect(texts.slice(1)).toEqual([
      expect.stringContaining('Acceptez-vous ?'),
      expect.stringContaining('Acceptez-vous ?'),
    ]);

    const fromConsent = graph.messageRequests.length;
    await taps("J'accepte");
    await taps('Abidjan');
    // Asked her hub, then welcomed by the name she gave: neither her name, language nor country asked again.
    expect(bodies(fromConsent)).toEqual([
      "Dans quelle ville êtes-vous rattaché·e ? C'est là qu'auront lieu vos ateliers.",
      'Bienvenue Awa Mbarga ! Vous faites maintenant partie de Connexions citoyennes (Promotion 2027). ' +
        'Envoyez AIDE à tout moment pour voir ce que je peux faire.',
    ]);
    const person = await app.test.db.person.findFirstOrThrow({
      where: { identities: { some: { channel: 'whatsapp' } } },
      include: { hub: true, enrolments: true },
    });
    expect(person).toMatchObject({ displayName: 'Awa Mbarga', locale: 'fr', country: 'CM', timeZone: 'Africa/Douala' });
    expect(person.roles).toEqual(['participant']);
    expect(person.hub?.key).toBe('abidjan');
    expect(person.enrolments[0]?.joinedAt).not.toBeNull();
  });

  it('the first exercise reaches her at 09:00 Douala time, although her hub is Abidjan (08:00 UTC)', async () => {
    // A week before the training starts, the exercises are planned in each person's own zone.
    setClock(new Date('2027-01-04T10:00:00Z'));
    await planSubmissions.handle({}, app.context);
    const [first] = await app.test.db.submission.findMany({
      orderBy: { releaseAt: 'asc' },
      include: { exercise: true },
    });
    expect(first?.exercise.key).toBe('semaine-1');
    expect(first?.releaseAt.toISOString()).toBe('2027-01-11T08:00:00.000Z');

    // 08:59 in Douala (07:59 UTC): nothing yet; 09:00 in Douala: released to her.
    setClock(new Date('2027-01-11T07:59:00Z'));
    expect(await releaseDue.handle({}, app.context)).toEqual({ released: 0 });
    setClock(new Date('2027-01-11T08:00:00Z'));
    const fromRelease = graph.messageRequests.length;
    expect(await releaseDue.handle({}, app.context)).toEqual({ released: 1 });
    await waitFor(async () => (delivered(fromRelease).length > 0 ? true : undefined), 20_000, 'the release sent');
    await settle();
    // Weeks since her last message: the programme's template for a new exercise, on her WhatsApp.
    expect(delivered(fromRelease)).toEqual([
      expect.objectContaining({
        to: AWA.wa_id,
        type: 'template',
        template: expect.objectContaining({ name: 'cc_nouvel_exercice' }),
      }),
    ]);

    // She answers it, and the exercise follows, its deadline in her own time.
    const fromReply = graph.messageRequests.length;
    await says('Bonjour');
    const [release, question] = bodies(fromReply);
    expect(release).toBe(
      '📝 Nouvel exercice : Votre projet et votre motivation\nBienvenue dans la première semaine ! Trois questions ' +
        'pour faire connaissance avec votre projet.\nÀ rendre avant le dimanche 17 janvier 2027, 23:59.',
    );
    expect(question).toBe('Question 1/3 : En quelques phrases, pourquoi avez-vous rejoint Connexions citoyennes ?');
    expect(delivered(fromReply).every((m) => m.to === undefined || m.to === AWA.wa_id)).toBe(true);
  });
});
