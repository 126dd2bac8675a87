import { z } from 'zod';
import { checkInvite, joinRequestLanguage } from '../../domain/invite-check.ts';
import { consentFor } from '../../domain/programme/consent-for-role.ts';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import { isLanguage, SUPPORTED_LANGUAGES } from '../../domain/programme/language.ts';
import { ENROLMENT_STATUSES } from '../../domain/segment.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { AccountStore } from '../stores/account-store.ts';
import type { ConsentStore } from '../stores/consent-store.ts';
import type { DialogueStateStore, FlowState } from '../stores/dialogue-state-store.ts';
import type { InviteView, JoiningStore } from '../stores/joining-store.ts';
import { flowData } from '../flow-data.ts';
import { normalizeWords } from '../keywords.ts';
import { speakerFor, text } from '../speaker.ts';
import type { CountryStore } from '../stores/country-store.ts';
import {
  countryQuestion,
  isCountryChoice,
  readCountryAnswer,
  readZoneAnswer,
  zoneQuestion,
} from './country-question.ts';
import { trainerHubAdded, trainerWelcome } from './trainer-joining.ts';

/** The stores this file reads and changes. */
type JoiningContext = ConversationContext<
  AccountStore & JoiningStore & ConsentStore & DialogueStateStore & CountryStore
>;

/** The tag of joining's country and zone buttons ("join-country:CM"). */
const COUNTRY_TAG = 'join';

/**
 * Joining: an invite code enrols the person with the code's role and cohort; then language,
 * consent (refusing keeps nothing but the refusal), hub (for participants and mentors; a trainer's
 * comes with their code), the country they live in (and its time zone, where it has several) and
 * name. An accepted applicant gave language, name and country when applying: only consent and hub. A trainer already in the cohort who sends a code for another hub
 * runs that hub too.
 */
export const JOINING = 'joining';
const NAME_MAX_LENGTH = 60;

const LANGUAGE_LABELS = { fr: 'Français', en: 'English' } as const;

const joiningData = z.object({
  enrolmentId: z.string(),
  /** Null for an accepted applicant, enrolled without a code. */
  inviteId: z.string().nullable(),
  programmeId: z.string(),
  cohortId: z.string(),
  role: z.enum(['participant', 'mentor', 'trainer', 'staff']),
  previousStatus: z.enum(ENROLMENT_STATUSES).nullable(),
  /** ISO instant; absent from joins started before it was kept. */
  previousJoinedAt: z.string().nullable().optional(),
  /** The hub a trainer's code attaches them to. */
  hubId: z.string().nullable().optional(),
  suggestedName: z.string().optional(),
  /** The country chosen, while its time zone is asked. */
  country: z.string().optional(),
  /** An accepted applicant: language, name and country came with the application. */
  accepted: z.boolean().optional(),
});
type JoiningData = z.infer<typeof joiningData>;

/** The joining date to give back when a re-join is refused; undefined for joins kept before it was. */
export function previousJoinedAt(data: JoiningData): Date | null | undefined {
  if (data.previousJoinedAt === undefined) return undefined;
  return data.previousJoinedAt === null ? null : new Date(data.previousJoinedAt);
}

/** What the joining flow keeps between messages. */
export const JOINING_STATES = { [JOINING]: joiningData };

export async function startJoining(code: string, event: InboundEvent, context: JoiningContext): Promise<Outgoing[]> {
  const { store, person } = context;
  const { t, pick } = speakerFor(context);
  const invite = await store.findInvite(code);
  if (invite?.personId) return attachChatWithCode({ ...invite, personId: invite.personId }, code, event, context);
  const enrolments = await store.enrolments(person.id);
  // Someone who stopped, or who left the joining questions halfway, may join again with a code.
  const already =
    invite && enrolments.find((e) => e.cohortId === invite.cohortId && e.status !== 'stopped' && e.joinedAt !== null);
  if (already) {
    if (invite.role === 'trainer' && already.role === 'trainer' && invite.hubId) {
      return addTrainerHub({ ...invite, hubId: invite.hubId }, code, event, context);
    }
    return [
      text(t('join:already_enrolled', { programme: pick(already.programme.name), cohort: pick(already.cohortName) })),
    ];
  }
  const verdict = checkInvite(invite, context.now());
  if (verdict !== 'ok' || !invite) {
    const key = verdict === 'unknown' ? 'unknown_code' : verdict === 'used-up' ? 'used_up_code' : 'expired_code';
    return refuseCode(`join:${key}`, code, event, context);
  }
  const enrolment = await store.redeemInvite(invite, person.id);
  if (!enrolment) return refuseCode('join:used_up_code', code, event, context);
  const data: JoiningData = {
    enrolmentId: enrolment.id,
    inviteId: invite.id,
    programmeId: enrolment.programme.id,
    cohortId: enrolment.cohortId,
    role: invite.role,
    previousStatus: enrolment.previousStatus,
    previousJoinedAt: enrolment.previousJoinedAt?.toISOString() ?? null,
    hubId: invite.hubId,
    ...(event.sender.displayName && { suggestedName: event.sender.displayName.slice(0, NAME_MAX_LENGTH) }),
  };
  await store.setState(person.id, { flow: JOINING, step: 'language', data: { ...data } });
  return [languageQuestion(context)];
}

/**
 * An accepted applicant, whose participant enrolment waits (joinedAt null): they consent to take
 * part (the programme's participant consent text), then choose their hub, and have joined. Their
 * language, name and country came with the application and are not asked again. Returns the first
 * question; cancelling or refusing leaves the enrolment waiting, never gone.
 */
export async function startJoiningAfterAcceptance(
  enrolmentId: string,
  context: ConversationContext,
): Promise<Outgoing[]> {
  const { store, person } = context;
  const enrolment = (await store.enrolments(person.id)).find((e) => e.id === enrolmentId);
  if (!enrolment || enrolment.joinedAt !== null) return [];
  const data: JoiningData = {
    enrolmentId,
    inviteId: null,
    programmeId: enrolment.programme.id,
    cohortId: enrolment.cohortId,
    role: 'participant',
    // Undoing the join (ANNULER, a refusal) gives this back: the enrolment stays, not joined.
    previousStatus: enrolment.status,
    previousJoinedAt: null,
    accepted: true,
  };
  await store.setState(person.id, { flow: JOINING, step: 'consent', data: { ...data } });
  return [await consentQuestion(data, context)];
}

/**
 * The question of the joining step the person is on, asked again: after a greeting (a reply that
 * opens the WhatsApp window, say) or a keyword that does not act here.
 */
export async function askJoiningStepAgain(state: FlowState, context: JoiningContext): Promise<Outgoing[]> {
  const step = STEPS.find((candidate) => candidate === state.step);
  if (!step) return [];
  return [await questionOf(step, flowData(joiningData, state), context)];
}

/**
 * An accepted applicant who has not finished joining and is in no dialogue (they cancelled or
 * refused the consent, sent STOP before the decision was told, or the decision reached them in
 * the middle of something): whatever they write brings the joining back, saying why.
 */
export async function resumeAcceptedJoining(context: ConversationContext): Promise<Outgoing[] | null> {
  const waiting = (await context.store.enrolments(context.person.id)).find(
    (e) => e.joinedAt === null && e.role === 'participant' && e.status === 'active',
  );
  if (!waiting) return null;
  const question = await startJoiningAfterAcceptance(waiting.id, context);
  if (question.length === 0) return null;
  const { t, pick } = speakerFor(context);
  return [text(t('join:accepted_waiting', { cohort: pick(waiting.cohortName) })), ...question];
}

/**
 * A join code made for someone who exists (a staff member added from the command line, anyone
 * from their dashboard profile): the chat it is sent from becomes theirs, and they are told so in
 * their language, else in the language of the word they wrote.
 */
async function attachChatWithCode(
  invite: InviteView & { personId: string },
  code: string,
  event: InboundEvent,
  context: JoiningContext,
): Promise<Outgoing[]> {
  if (invite.personId === context.person.id) return [text(speakerFor(context).t('join:chat_already_attached'))];
  const verdict = checkInvite(invite, context.now());
  if (verdict !== 'ok') {
    const key = verdict === 'used-up' ? 'used_up_code' : verdict === 'unknown' ? 'unknown_code' : 'expired_code';
    return refuseCode(`join:${key}`, code, event, context);
  }
  const result = await context.store.attachChat(invite, context.person.id, event.sender);
  if (!result.attached) {
    return refuseCode(result.reason === 'used-up' ? 'join:used_up_code' : 'join:chat_has_data', code, event, context);
  }
  const written = event.kind === 'text' ? joinRequestLanguage(event.text) : null;
  const chosen = [result.locale, result.dashboardLocale, written].find(isLanguage);
  const language = chosen ?? context.defaultLanguage;
  const channel = context.translate(language, `join:channel_${event.channel}`);
  const key = result.name ? 'join:chat_attached_named' : 'join:chat_attached';
  return [text(context.translate(language, key, { channel, name: result.name ?? '' }))];
}

/** A trainer's code for one more hub: once its use is claimed, they run that hub too. */
async function addTrainerHub(
  invite: InviteView & { hubId: string },
  code: string,
  event: InboundEvent,
  context: JoiningContext,
): Promise<Outgoing[]> {
  const verdict = checkInvite(invite, context.now());
  if (verdict !== 'ok')
    return refuseCode(`join:${verdict === 'used-up' ? 'used_up' : 'expired'}_code`, code, event, context);
  if (!(await context.store.useInvite(invite.id))) return refuseCode('join:used_up_code', code, event, context);
  return trainerHubAdded(invite, context);
}

/**
 * A code that does not work, told to someone who may have no language yet: in theirs, else in the
 * language of the word they wrote ("JOIN" or "REJOINDRE"), else the one their app reports, else in
 * every language, one after the other.
 */
function refuseCode(key: string, code: string, event: InboundEvent, context: JoiningContext): Outgoing[] {
  const written = event.kind === 'text' ? joinRequestLanguage(event.text) : null;
  const reported = event.sender.languageCode?.slice(0, 2).toLowerCase();
  const languages = context.person.locale
    ? [context.person.locale]
    : written
      ? [written]
      : isLanguage(reported)
        ? [reported]
        : SUPPORTED_LANGUAGES;
  return [text(languages.map((language) => context.translate(language, key, { code })).join('\n\n'))];
}

/** The steps of joining, in order; each button names its step ("join-hub:abidjan"). */
const STEPS = ['language', 'consent', 'hub', 'country', 'zone', 'name'] as const;
type JoiningStep = (typeof STEPS)[number];
const CHOICE_PREFIX: Record<JoiningStep, string> = {
  language: 'lang',
  consent: 'consent',
  hub: 'hub',
  country: 'country',
  zone: 'zone',
  name: 'name',
};
const joiningChoiceId = (step: JoiningStep, value: string) => `join-${CHOICE_PREFIX[step]}:${value}`;

/**
 * The step and value of a joining button. Buttons sent before they named joining ("hub:abidjan")
 * still read here, inside joining only: outside it, "lang:" buttons are the LANGUAGE command's.
 */
function joiningChoice(choiceId: string): { step: JoiningStep; value: string } | null {
  const [, prefix, value] =
    /^(?:join-)?(lang|consent|hub|name):(.+)$/.exec(choiceId) ?? /^join-(country|zone):(.+)$/.exec(choiceId) ?? [];
  const step = STEPS.find((candidate) => CHOICE_PREFIX[candidate] === prefix);
  return step && value ? { step, value } : null;
}

/** A button from a joining question (language, consent, hub, country, zone, name). */
export function isJoiningChoice(choiceId: string): boolean {
  return choiceId.startsWith('join-') && joiningChoice(choiceId) !== null;
}

/** The answer to a joining button tapped once its step is over: it changes nothing, and says so. */
export function earlierJoiningChoice(context: ConversationContext<unknown>): Outgoing[] {
  return [text(speakerFor(context).t('join:earlier_step'))];
}

function languageQuestion(context: JoiningContext): Outgoing {
  return {
    payload: {
      kind: 'choices',
      text: context.translate(context.defaultLanguage, 'join:choose_language'),
      choices: SUPPORTED_LANGUAGES.map((code) => ({
        id: joiningChoiceId('language', code),
        label: LANGUAGE_LABELS[code],
      })),
    },
  };
}

/** The question of a step, asked again. */
async function questionOf(step: JoiningStep, data: JoiningData, context: JoiningContext): Promise<Outgoing> {
  if (step === 'language') return languageQuestion(context);
  if (step === 'consent') return consentQuestion(data, context);
  if (step === 'hub') return hubQuestion(data, context);
  if (step === 'country')
    return countryQuestion(COUNTRY_TAG, speakerFor(context), await suggestedCountries(data, context));
  if (step === 'zone') return zoneQuestion(COUNTRY_TAG, data.country ?? '', speakerFor(context));
  return nameQuestion(data, context);
}

/** Hub names as people type them: no case, accents, hyphens or apostrophes ("bobo dioulasso"). */
const hubWords = (name: string) => normalizeWords(name).replace(/[-'_]/g, ' ').replace(/\s+/g, ' ').trim();

export async function continueJoining(
  state: FlowState,
  event: InboundEvent,
  context: JoiningContext,
): Promise<Outgoing[]> {
  const { store, person } = context;
  const { t } = speakerFor(context);
  const data = flowData(joiningData, state);
  const step = STEPS.find((candidate) => candidate === state.step);
  if (!step) {
    await store.clearState(person.id);
    return [];
  }
  if (step === 'country' || step === 'zone') return continueCountryStep(step, state, data, event, context);
  const choice = event.kind === 'choice' ? joiningChoice(event.choiceId) : null;
  if (event.kind === 'choice' && choice?.step !== step) {
    // A button of another step (an old "English") or of something else changes nothing here.
    const why = choice ? t('join:earlier_step') : t('join:answer_expected');
    return [text(why), await questionOf(step, data, context)];
  }
  const typed = event.kind === 'text' ? normalizeWords(event.text) : '';
  const answer = choice?.value ?? typed;

  switch (step) {
    case 'language': {
      const language = isLanguage(answer)
        ? answer
        : answer.startsWith('fran')
          ? 'fr'
          : answer.startsWith('engl')
            ? 'en'
            : null;
      if (!language) return [languageQuestion(context)];
      await store.setLocale(person.id, language);
      person.locale = language;
      await store.setState(person.id, { ...state, step: 'consent' });
      return [await consentQuestion(data, context)];
    }
    case 'consent': {
      const { t } = speakerFor(context);
      const yes = ['yes', 'oui', "j'accepte", 'i agree', 'ok'].includes(answer);
      const no = ['no', 'non', 'je refuse', 'i refuse'].includes(answer);
      if (!yes && !no) return [text(t('join:answer_expected')), await consentQuestion(data, context)];
      const programme = (await store.enrolments(person.id)).find((e) => e.id === data.enrolmentId)?.programme;
      await store.recordConsent(
        person.id,
        data.programmeId,
        yes,
        programme ? consentFor(programme.consent, data.role).version : '',
        person.locale ?? context.defaultLanguage,
      );
      if (no) {
        await store.cancelJoin(data.enrolmentId, data.inviteId, data.previousStatus, previousJoinedAt(data));
        await store.clearState(person.id);
        return [text(t('join:consent_refused'))];
      }
      if (data.role === 'staff') return askCountry(state, data, context);
      if (data.role === 'trainer' && data.hubId) {
        // A trainer's hub comes with their code: no question.
        await store.attachTrainerHub(person.id, data.cohortId, data.hubId);
        person.hubId ??= data.hubId;
        return askCountry(state, data, context);
      }
      await store.setState(person.id, { ...state, step: 'hub' });
      return [await hubQuestion(data, context)];
    }
    case 'hub': {
      const hubs = await store.hubs(data.programmeId);
      const hub = choice
        ? hubs.find((h) => h.key === choice.value)
        : hubs.find((h) => [h.key, ...Object.values(h.name)].some((name) => hubWords(name) === hubWords(typed)));
      if (!hub) {
        const why =
          event.kind === 'text' ? t('join:hub_unknown', { typed: event.text.trim() }) : t('join:answer_expected');
        return [text(why), await hubQuestion(data, context)];
      }
      await store.setHub(person.id, hub.id);
      // A trainer code made without a hub (never by `invite`): the hub they chose is the one they run.
      if (data.role === 'trainer') await store.attachTrainerHub(person.id, data.cohortId, hub.id);
      person.hubId = hub.id;
      if (data.accepted) return finish(person.displayName ?? '', data, context);
      return askCountry(state, data, context);
    }
    case 'name': {
      const { t } = speakerFor(context);
      const name = choice ? data.suggestedName : event.kind === 'text' ? event.text.trim() : undefined;
      if (!name || name.length > NAME_MAX_LENGTH) return [text(t('join:name_invalid', { max: NAME_MAX_LENGTH }))];
      await store.setDisplayName(person.id, name);
      return finish(name, data, context);
    }
  }
}

/** Everything is given: the person has joined, and is welcomed. */
async function finish(name: string, data: JoiningData, context: JoiningContext): Promise<Outgoing[]> {
  const { store, person } = context;
  const { t, pick } = speakerFor(context);
  await store.finishJoining(data.enrolmentId, context.now());
  await store.clearState(person.id);
  const enrolment = (await store.enrolments(person.id)).find((e) => e.id === data.enrolmentId);
  if (data.role === 'trainer') return trainerWelcome(name, data.cohortId, enrolment, context);
  return [
    text(
      t('join:welcome', {
        name,
        cohort: enrolment ? pick(enrolment.cohortName) : '',
        programme: enrolment ? pick(enrolment.programme.name) : '',
      }),
    ),
  ];
}

/**
 * The countries offered as buttons: the programme's hubs' countries, the person's hub's first
 * (the hub is the workshop city; many live in its country, some elsewhere).
 */
async function suggestedCountries(data: JoiningData, context: JoiningContext): Promise<string[]> {
  const hubs = await context.store.hubs(data.programmeId);
  const own = hubs.find((hub) => hub.id === context.person.hubId);
  return [...new Set([...(own ? [own.country] : []), ...hubs.map((hub) => hub.country)])];
}

async function askCountry(state: FlowState, data: JoiningData, context: JoiningContext): Promise<Outgoing[]> {
  await context.store.setState(context.person.id, { ...state, step: 'country', data: { ...data } });
  return [countryQuestion(COUNTRY_TAG, speakerFor(context), await suggestedCountries(data, context))];
}

/** The country, then its zone where it has several; then the name. */
async function continueCountryStep(
  step: 'country' | 'zone',
  state: FlowState,
  data: JoiningData,
  event: InboundEvent,
  context: JoiningContext,
): Promise<Outgoing[]> {
  const speaker = speakerFor(context);
  if (event.kind === 'choice' && !isCountryChoice(COUNTRY_TAG, event.choiceId)) {
    const why = isJoiningChoice(event.choiceId) ? speaker.t('join:earlier_step') : speaker.t('join:answer_expected');
    return [text(why), await questionOf(step, data, context)];
  }
  if (step === 'country') {
    const reading = readCountryAnswer(COUNTRY_TAG, event, speaker, await suggestedCountries(data, context));
    if (reading.kind === 'ask') return reading.reply;
    if (reading.zone) return countryGiven(reading.country, reading.zone, state, data, context);
    const withCountry = { ...data, country: reading.country };
    await context.store.setState(context.person.id, { ...state, step: 'zone', data: { ...withCountry } });
    return [zoneQuestion(COUNTRY_TAG, reading.country, speaker)];
  }
  const country = data.country ?? '';
  const reading = readZoneAnswer(COUNTRY_TAG, country, event, speaker);
  if (reading.kind === 'ask') return reading.reply;
  return countryGiven(country, reading.zone, state, data, context);
}

async function countryGiven(
  country: string,
  zone: string,
  state: FlowState,
  data: JoiningData,
  context: JoiningContext,
): Promise<Outgoing[]> {
  await context.store.setCountry(context.person.id, country, zone);
  context.person.timeZone = zone;
  const { country: _asked, ...rest } = data;
  return askName(state, rest, context);
}

async function consentQuestion(data: JoiningData, context: JoiningContext): Promise<Outgoing> {
  const { t, pick } = speakerFor(context);
  const enrolment = (await context.store.enrolments(context.person.id)).find((e) => e.id === data.enrolmentId);
  return {
    payload: {
      kind: 'choices',
      text: t('join:consent', { text: enrolment ? pick(consentFor(enrolment.programme.consent, data.role).text) : '' }),
      choices: [
        { id: joiningChoiceId('consent', 'yes'), label: t('join:consent_yes') },
        { id: joiningChoiceId('consent', 'no'), label: t('join:consent_no') },
      ],
    },
  };
}

async function hubQuestion(data: JoiningData, context: JoiningContext): Promise<Outgoing> {
  const { t, pick } = speakerFor(context);
  const hubs = await context.store.hubs(data.programmeId);
  return {
    payload: {
      kind: 'choices',
      text: t('join:choose_hub'),
      menuLabel: t('common:choose'),
      choices: hubs.map((hub) => ({ id: joiningChoiceId('hub', hub.key), label: pick(hub.name) })),
    },
  };
}

async function askName(state: FlowState, data: JoiningData, context: JoiningContext): Promise<Outgoing[]> {
  await context.store.setState(context.person.id, { ...state, step: 'name', data: { ...data } });
  return [nameQuestion(data, context)];
}

function nameQuestion(data: JoiningData, context: JoiningContext): Outgoing {
  const { t } = speakerFor(context);
  if (!data.suggestedName) return text(t('join:ask_name'));
  return {
    payload: {
      kind: 'choices',
      text: t('join:ask_name'),
      choices: [
        { id: joiningChoiceId('name', 'keep'), label: t('join:keep_name', { name: data.suggestedName }).slice(0, 40) },
      ],
    },
  };
}
