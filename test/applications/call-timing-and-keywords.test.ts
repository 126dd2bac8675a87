import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocalDateTime } from '../../src/domain/format-local-date-time.ts';
import type { OutboundPayload } from '../../src/domain/outbound-message.ts';
import { seedApplicationCall, type SeededCall } from '../support/application-call.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const DAY_MS = 24 * 3600_000;
const HOUR_MS = 3600_000;
type Reply = OutboundPayload & { text?: string };

function button(reply: Reply | undefined, label: string): string {
  if (reply?.kind !== 'choices') throw new Error(`no buttons in ${JSON.stringify(reply)}`);
  const found = reply.choices.find((choice) => choice.label === label);
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(reply.choices)}`);
  return found.id;
}

describe('the call’s opening and closing, and keywords typed while applying', () => {
  let t: TestApp;
  let call: SeededCall;

  async function setCall(opensAt: Date, closesAt: Date) {
    await t.test.db.applicationCall.update({ where: { id: call.id }, data: { opensAt, closesAt } });
  }
  const stepOf = async (person: SimulatedPerson) =>
    (await t.test.db.conversationState.findUnique({ where: { personId: person.personId } }))?.step ?? null;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    call = await seedApplicationCall(t.test.db, {
      opensAt: new Date(SAMPLE_DAYTIME.getTime() - DAY_MS),
      closesAt: new Date(SAMPLE_DAYTIME.getTime() + 10 * DAY_MS),
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('before the opening, says when it opens, in the programme’s time when the person’s is not known', async () => {
    await setCall(new Date(SAMPLE_DAYTIME.getTime() + 2 * DAY_MS), new Date(SAMPLE_DAYTIME.getTime() + 10 * DAY_MS));
    const early = await SimulatedPerson.create(t, { name: 'Early', role: 'newcomer' });
    const [told] = await early.send('POSTULER');
    // 10:00 UTC is 11:00 in Paris, the programme's zone.
    expect(told?.text).toBe(
      "L'appel à candidatures de Connexions citoyennes n'est pas encore ouvert : il ouvre le mercredi 18 novembre 2026, 11:00. Écrivez POSTULER à ce moment-là !",
    );
    const [english] = await early.send('apply');
    expect(english?.text).toContain('it opens on Wednesday 18 November 2026, 11:00');
    expect(await t.test.db.application.count({ where: { personId: early.personId } })).toBe(0);
  });

  it('after the closing, says nothing is accepted', async () => {
    await setCall(new Date(SAMPLE_DAYTIME.getTime() - 10 * DAY_MS), new Date(SAMPLE_DAYTIME.getTime() - DAY_MS));
    const late = await SimulatedPerson.create(t, { name: 'Late', role: 'newcomer' });
    const [told] = await late.send('postuler');
    expect(told?.text).toBe(
      "Il n'y a pas d'appel à candidatures ouvert en ce moment : je ne peux pas recevoir de candidature.",
    );
    expect(await t.test.db.application.count({ where: { personId: late.personId } })).toBe(0);
  });

  it('answers one mid-way when the call closes clearly, and keeps their answers as started', async () => {
    await setCall(new Date(SAMPLE_DAYTIME.getTime() - DAY_MS), new Date(SAMPLE_DAYTIME.getTime() + DAY_MS));
    const mid = await SimulatedPerson.create(t, { name: 'Mid', role: 'newcomer' });
    const [language] = await mid.send('postuler');
    const [consent] = await mid.send({ choice: button(language, 'Français') });
    const [name] = await mid.send({ choice: button(consent, "J'accepte") });
    await mid.send({ choice: button(name, 'Garder « Mid »') });
    await mid.send('Sénégal');
    await mid.send('Dakar', { replies: 2 });
    await mid.send('Mon projet');
    // The call closes while they write.
    await setCall(new Date(SAMPLE_DAYTIME.getTime() - DAY_MS), new Date(SAMPLE_DAYTIME.getTime() - HOUR_MS));
    const [closed] = await mid.send('la suite');
    expect(closed?.text).toBe(
      "L'appel à candidatures de Connexions citoyennes est fermé depuis le lundi 16 novembre 2026, 09:00 : je ne peux plus rien recevoir. Vos réponses déjà données sont gardées, mais la candidature n'a pas été envoyée.",
    );
    const application = await t.test.db.application.findFirstOrThrow({
      where: { personId: mid.personId },
      include: { answers: true },
    });
    expect(application.status).toBe('started');
    expect(application.answers.map((a) => a.value)).toEqual([{ text: 'Mon projet' }]);
    expect(await stepOf(mid)).toBeNull();
  });

  it('keeps each step where it was through AIDE, MES DONNÉES, LANGUE, EFFACER, ANNULER and STOP', async () => {
    await setCall(new Date(SAMPLE_DAYTIME.getTime() - DAY_MS), new Date(SAMPLE_DAYTIME.getTime() + 10 * DAY_MS));
    const kofi = await SimulatedPerson.create(t, { name: 'Kofi', role: 'newcomer' });
    const helpKeepsStep = async (step: string) => {
      const [help, again] = await kofi.send('AIDE', { replies: 2 });
      expect(help?.text).toContain('Vous êtes en train de postuler');
      expect(again?.kind === 'choices' || again?.kind === 'text' || again?.kind === 'media-request').toBe(true);
      expect(await stepOf(kofi)).toBe(step);
      return again;
    };

    const [language] = await kofi.send('POSTULER');
    await helpKeepsStep('language');
    // ANNULER before consenting keeps nothing.
    const [nothing] = await kofi.send('annuler');
    expect(nothing?.text).toBe("C'est annulé : je n'ai rien gardé. Écrivez POSTULER pour recommencer.");
    expect(await stepOf(kofi)).toBeNull();
    await kofi.send('POSTULER');
    const [consent] = await kofi.send({ choice: button(language, 'Français') });
    await helpKeepsStep('consent');
    const [data] = await kofi.send('mes données');
    expect(data?.text).toContain('Voici ce que je garde sur vous');
    expect(await stepOf(kofi)).toBe('consent');
    const [name] = await kofi.send({ choice: button(consent, "J'accepte") });
    await helpKeepsStep('name');

    // ANNULER once consented: the application waits, POSTULER picks it up at the same step.
    const [cancelled] = await kofi.send('ANNULER');
    // Kofi has given no country yet: the closing is in the programme's time (Paris), not UTC.
    const closesInParis = formatLocalDateTime(new Date(SAMPLE_DAYTIME.getTime() + 10 * DAY_MS), 'Europe/Paris', 'fr');
    expect(cancelled?.text).toBe(
      `Votre candidature est mise de côté, avec vos réponses. Pour la reprendre, écrivez POSTULER avant le ${closesInParis}.`,
    );
    expect(await stepOf(kofi)).toBeNull();
    // Whatever he writes meanwhile reminds him of it, rather than of invite codes.
    const [aside] = await kofi.send('Bonjour');
    expect(aside?.text).toBe(
      `Votre candidature à Connexions citoyennes est mise de côté, avec vos réponses. Pour la reprendre là où vous l'avez laissée, écrivez POSTULER avant le ${closesInParis}.`,
    );
    const [, askedName] = await kofi.send('postuler', { replies: 2 });
    expect(askedName?.text).toBe(name?.text);

    await kofi.send('Kofi Mensah');
    await helpKeepsStep('country');
    await kofi.send('Togo');
    await helpKeepsStep('city');
    // EFFACER, then "keep": the step is given back.
    const [erase] = await kofi.send('EFFACER');
    await kofi.send({ choice: button(erase, 'Non, garder') });
    expect(await stepOf(kofi)).toBe('city');
    await kofi.send('Lomé', { replies: 2 });
    await helpKeepsStep('question');

    // LANGUE in the middle: the question comes again in the language picked.
    const [languages] = await kofi.send('LANGUE');
    const [set, question] = await kofi.send({ choice: button(languages, 'English') }, { replies: 2 });
    expect(set?.text).toBe('Noted: I will write to you in English.');
    expect(question?.text).toBe('Question 1/9: Describe your project.');

    const [stopped] = await kofi.send('STOP');
    expect(stopped?.text).toContain('RESUME');
    const application = await t.test.db.application.findFirstOrThrow({ where: { personId: kofi.personId } });
    expect(application.status).toBe('started');
  });
});
