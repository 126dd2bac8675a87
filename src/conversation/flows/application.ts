import { z } from 'zod';
import { nextApplicationReminder } from '../../domain/applications/next-application-reminder.ts';
import { APPLY_WORDS } from '../../domain/application-links.ts';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import { isLanguage, SUPPORTED_LANGUAGES, type Language } from '../../domain/programme/language.ts';
import { isAnswerOrCommandChoice } from '../answer-or-command.ts';
import { pickLanguage } from '../commands/account-commands.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import { flowData } from '../flow-data.ts';
import { normalizeWords } from '../keywords.ts';
import type { AccountStore } from '../stores/account-store.ts';
import type { ApplicationCallView, ApplicationView } from '../stores/application-store.ts';
import type { ConsentStore } from '../stores/consent-store.ts';
import type { CountryStore } from '../stores/country-store.ts';
import type { FlowState } from '../stores/dialogue-state-store.ts';
import type { JoiningStore } from '../stores/joining-store.ts';
import type { OfflineStore } from '../stores/offline-store.ts';
import type { PrivacyStore } from '../stores/privacy-store.ts';
import { speakerFor, text, type Speaker } from '../speaker.ts';
import {
  applicationAsSubmission,
  continueApplicationQuestions,
  currentApplicationQuestion,
  questionsState,
  type ApplicationQuestionsContext,
} from './application-questions.ts';
import {
  countryQuestion,
  isCountryChoice,
  readCountryAnswer,
  readZoneAnswer,
  zoneQuestion,
} from './country-question.ts';

/** The stores this file reads and changes. */
type ApplicationContext = ApplicationQuestionsContext &
  ConversationContext<
    AccountStore & Pick<JoiningStore, 'setDisplayName'> & ConsentStore & CountryStore & PrivacyStore & OfflineStore
  >;

/**
 * Applying to a programme's call in chat, without an invite: language, consent to what is kept of
 * an application, name, country (and zone where the country has several), city, then the call's
 * questions one by one as an exercise's, a summary and the hand-in. The application is written at
 * the consent; where the applicant is lives on it (the question) and in the flow state (the step),
 * so any message after a pause picks up where they left. Nothing is taken after the closing.
 */
export const APPLICATION = 'application';

/** The tag of the country and zone buttons asked while applying. */
const COUNTRY_TAG = 'apply';
const NAME_MAX_LENGTH = 60;
const CITY_MAX_LENGTH = 80;
const LANGUAGE_LABELS = { fr: 'Français', en: 'English' } as const;

const STEPS = ['call', 'language', 'consent', 'name', 'country', 'zone', 'city', 'question', 'confirm'] as const;
type ApplicationStep = (typeof STEPS)[number];

const applicationData = z.object({
  /** Absent while the person chooses among several open calls. */
  callId: z.string().optional(),
  /** Written once they consent. */
  applicationId: z.string().optional(),
  /** The name their app shows, offered at the name step. */
  suggestedName: z.string().optional(),
  /** The country chosen, while its zone is asked. */
  country: z.string().optional(),
  /** Options picked so far on a multi-choice question. */
  selection: z.array(z.string()).optional(),
});
type ApplicationData = z.infer<typeof applicationData>;

/** What the application flow keeps between messages. */
export const APPLICATION_STATES = { [APPLICATION]: applicationData };

/** Each button of the steps before the questions names its step ("apply-consent:yes"). */
const choiceId = (step: 'call' | 'language' | 'consent' | 'name', value: string) => `apply-${step}:${value}`;
function applyChoice(id: string): { step: string; value: string } | null {
  const [, step, value] = /^apply-(call|language|consent|name):(.+)$/.exec(id) ?? [];
  return step && value ? { step, value } : null;
}

/** The language of a word that starts an application (POSTULER is French, APPLY English), if it is one. */
function writtenLanguage(event: InboundEvent): Language | null {
  if (event.kind !== 'text') return null;
  const word = normalizeWords(event.text);
  if (word === 'apply') return 'en';
  return ['postuler', 'candidater', 'candidature'].includes(word) ? 'fr' : null;
}

/** The languages to answer in someone who may have none yet: theirs, the word's, their app's, else every one. */
function languagesFor(event: InboundEvent, context: ApplicationContext): readonly Language[] {
  const reported = event.sender.languageCode?.slice(0, 2).toLowerCase();
  if (context.person.locale) return [context.person.locale];
  const written = writtenLanguage(event);
  if (written) return [written];
  return isLanguage(reported) ? [reported] : SUPPORTED_LANGUAGES;
}

function inLanguages(
  languages: readonly Language[],
  context: ApplicationContext,
  say: (speaker: Speaker) => string,
): Outgoing[] {
  return [
    text(
      languages
        .map((language) =>
          say({
            language,
            t: (key, values) => context.translate(language, key, values),
            pick: (value) => value[language] ?? Object.values(value)[0] ?? '',
          }),
        )
        .join('\n\n'),
    ),
  ];
}

const isOpen = (call: ApplicationCallView, at: Date) => call.opensAt <= at && at < call.closesAt;

/** POSTULER / APPLY / `/start apply`: the open call's application begins, or resumes where it was left. */
export async function startApplication(event: InboundEvent, context: ApplicationContext): Promise<Outgoing[]> {
  const { store, person } = context;
  const state = await store.getState(person.id);
  if (state?.flow === APPLICATION) {
    const parsed = applicationData.safeParse(state.data);
    if (parsed.success) return askAgain({ ...state, data: parsed.data }, event, context, true);
  }
  const now = context.now();
  const calls = await store.applicationCalls();
  const applications = await store.applications(person.id);
  const enrolments = await store.enrolments(person.id);
  const languages = languagesFor(event, context);
  const open = calls.filter((call) => isOpen(call, now));
  if (open.length === 0) {
    const upcoming = calls.find((call) => call.opensAt > now);
    if (upcoming) {
      const timeZone = (await store.ownCountry(person.id)).timeZone ?? upcoming.programmeTimeZone;
      return inLanguages(languages, context, ({ t, pick, language }) =>
        t('applications:not_open_yet', {
          programme: pick(upcoming.programmeName),
          opensAt: formatLocalDateTime(upcoming.opensAt, timeZone, language),
        }),
      );
    }
    return inLanguages(languages, context, ({ t }) => t('applications:closed'));
  }
  const refusals: ((speaker: Speaker) => string)[] = [];
  const candidates = open.filter((call) => {
    const programme = call.programmeName;
    if (enrolments.some((e) => e.cohortId === call.cohortId && e.status !== 'stopped' && e.joinedAt !== null)) {
      refusals.push(({ t, pick }) => t('applications:already_enrolled', { programme: pick(programme) }));
      return false;
    }
    if (applications.some((a) => a.callId === call.id && a.status === 'submitted')) {
      refusals.push(({ t, pick }) => t('applications:already_handed_in', { programme: pick(programme) }));
      return false;
    }
    return true;
  });
  const [only, ...others] = candidates;
  if (!only) return inLanguages(languages, context, refusals[0]!);
  const suggestedName = (person.displayName ?? event.sender.displayName)?.slice(0, NAME_MAX_LENGTH);
  const data: ApplicationData = { ...(suggestedName && { suggestedName }) };
  if (others.length > 0) {
    await store.setState(person.id, { flow: APPLICATION, step: 'call', data });
    return [callQuestion(candidates, languages, context)];
  }
  return beginCall(only, applications, data, event, context);
}

function callQuestion(
  calls: ApplicationCallView[],
  languages: readonly Language[],
  context: ApplicationContext,
): Outgoing {
  const language = languages[0] ?? context.defaultLanguage;
  const pick = (value: Partial<Record<Language, string>>) => value[language] ?? Object.values(value)[0] ?? '';
  return {
    payload: {
      kind: 'choices',
      text: languages.map((l) => context.translate(l, 'applications:which_call')).join('\n'),
      menuLabel: context.translate(language, 'common:choose'),
      choices: calls.map((call) => ({ id: choiceId('call', call.id), label: pick(call.programmeName).slice(0, 40) })),
    },
  };
}

/** Starts the application to `call`, or picks up the one begun before at the step it was left. */
async function beginCall(
  call: ApplicationCallView,
  applications: ApplicationView[],
  data: ApplicationData,
  event: InboundEvent,
  context: ApplicationContext,
): Promise<Outgoing[]> {
  const { store, person } = context;
  const started = applications.find((a) => a.callId === call.id);
  if (started) {
    const state = await resumeState(call, started, { ...data, callId: call.id, applicationId: started.id }, context);
    return [text(speakerFor(context).t('applications:resumed')), ...(await askAgain(state, event, context, false))];
  }
  const step: ApplicationStep = person.locale ? 'consent' : 'language';
  const state: FlowState = { flow: APPLICATION, step, data: { ...data, callId: call.id } };
  await store.setState(person.id, state);
  return askAgain(state, event, context, false);
}

/** Where an application begun before is taken up again: the first thing not given yet. */
async function resumeState(
  call: ApplicationCallView,
  application: ApplicationView,
  data: ApplicationData,
  context: ApplicationContext,
): Promise<FlowState> {
  const own = await context.store.ownCountry(context.person.id);
  const step: ApplicationStep = !context.person.displayName
    ? 'name'
    : !own.country
      ? 'country'
      : !application.city
        ? 'city'
        : questionsState(data, applicationAsSubmission(call, application, context)).step === 'confirm'
          ? 'confirm'
          : 'question';
  const state: FlowState = { flow: APPLICATION, step, data };
  await context.store.setState(context.person.id, state);
  return state;
}

/** The question of the step the person is on, asked again (HELP, a greeting, POSTULER, a pause). */
async function askAgain(
  state: FlowState,
  event: InboundEvent,
  context: ApplicationContext,
  sayResumed: boolean,
): Promise<Outgoing[]> {
  const speaker = speakerFor(context);
  const data = flowData(applicationData, state);
  const resumed = sayResumed ? [text(speaker.t('applications:resumed'))] : [];
  if (state.step === 'call') {
    const open = (await context.store.applicationCalls()).filter((call) => isOpen(call, context.now()));
    return [callQuestion(open, languagesFor(event, context), context)];
  }
  const call = (await context.store.applicationCalls()).find((c) => c.id === data.callId);
  if (!call || context.now() >= call.closesAt) return closedNow(call, context);
  const application = (await context.store.applications(context.person.id)).find((a) => a.id === data.applicationId);
  switch (state.step) {
    case 'language':
      return [languageQuestion(event, context)];
    case 'consent':
      return [consentQuestion(call, speaker)];
    case 'name':
      return [...resumed, nameQuestion(data, speaker)];
    case 'country':
      return [...resumed, countryQuestion(COUNTRY_TAG, speaker, call.hubCountries)];
    case 'zone':
      return [...resumed, zoneQuestion(COUNTRY_TAG, data.country ?? '', speaker)];
    case 'city':
      return [...resumed, text(speaker.t('applications:ask_city'))];
    default:
      if (!application) return closedNow(call, context);
      return [
        ...resumed,
        ...currentApplicationQuestion(applicationAsSubmission(call, application, context), data.selection, speaker),
      ];
  }
}

/** The call has closed (or is gone): the application stays as it was, nothing more is taken. */
async function closedNow(call: ApplicationCallView | undefined, context: ApplicationContext): Promise<Outgoing[]> {
  await context.store.clearState(context.person.id);
  const { t, pick, language } = speakerFor(context);
  if (!call) return [text(t('applications:closed'))];
  return [
    text(
      t('applications:closed_while_applying', {
        programme: pick(call.programmeName),
        closedAt: formatLocalDateTime(call.closesAt, await applicantZone(call, context), language),
      }),
    ),
  ];
}

export async function continueApplication(
  state: FlowState,
  event: InboundEvent,
  context: ApplicationContext,
): Promise<Outgoing[]> {
  const { store, person } = context;
  const data = flowData(applicationData, state);
  const step = STEPS.find((candidate) => candidate === state.step);
  if (!step) {
    await store.clearState(person.id);
    return [];
  }
  // LANGUE's buttons, tapped in the middle: the language changes and the step is asked again in it.
  if (event.kind === 'choice' && /^lang:/.test(event.choiceId)) {
    const picked = await pickLanguage(event.choiceId, context);
    if (picked) return [...picked, ...(await askAgain(state, event, context, false))];
  }
  // "What I meant to write" / "the command", tapped after something else was written: nothing is filed.
  if (event.kind === 'choice' && isAnswerOrCommandChoice(event.choiceId)) {
    const { t } = speakerFor(context);
    return [text(t('commands:answer_or_command_expired')), ...(await askAgain(state, event, context, false))];
  }
  // Sent before the closing by the platform's clock, or handled before it: taken.
  const at = Math.min(new Date(event.sentAt).getTime(), context.now().getTime());
  const calls = await store.applicationCalls();
  if (step === 'call') return chooseCall(calls, state, data, event, context);
  const call = calls.find((c) => c.id === data.callId);
  if (!call || at >= call.closesAt.getTime()) return closedNow(call, context);

  const choice = event.kind === 'choice' ? applyChoice(event.choiceId) : null;
  const stepOfChoice = (name: string) => choice?.step === name;
  const countryButton = event.kind === 'choice' && isCountryChoice(COUNTRY_TAG, event.choiceId);
  if ((choice && !stepOfChoice(step)) || (countryButton && step !== 'country' && step !== 'zone')) {
    return [text(speakerFor(context).t('join:earlier_step')), ...(await askAgain(state, event, context, false))];
  }
  const typed = event.kind === 'text' ? event.text.trim() : '';
  const next = async (to: ApplicationStep, extra: Partial<ApplicationData> = {}): Promise<Outgoing[]> => {
    const moved: FlowState = { flow: APPLICATION, step: to, data: { ...data, ...extra } };
    await store.setState(person.id, moved);
    return askAgain(moved, event, context, false);
  };

  switch (step) {
    case 'language': {
      const answer = choice?.value ?? normalizeWords(typed);
      const language = isLanguage(answer)
        ? answer
        : answer.startsWith('fran')
          ? 'fr'
          : answer.startsWith('engl')
            ? 'en'
            : null;
      if (!language) return [languageQuestion(event, context)];
      await store.setLocale(person.id, language);
      person.locale = language;
      return next('consent');
    }
    case 'consent': {
      const { t } = speakerFor(context);
      const answer = choice?.value ?? normalizeWords(typed);
      const yes = ['yes', 'oui', "j'accepte", 'i agree', 'ok'].includes(answer);
      const no = ['no', 'non', 'je refuse', 'i refuse'].includes(answer);
      if (!yes && !no) return [text(t('join:answer_expected')), consentQuestion(call, speakerFor(context))];
      const version = applicationConsentVersion(call.consent.version);
      await store.recordConsent(person.id, call.programmeId, yes, version, person.locale ?? context.defaultLanguage);
      if (no) {
        await store.clearState(person.id);
        return [text(t('applications:consent_refused'))];
      }
      const application = await store.createApplication(call.id, person.id, {
        consentVersion: call.consent.version,
        nextReminderAt: nextApplicationReminder(call.closesAt, call.reminderOffsets, context.now()),
      });
      return next('name', { applicationId: application.id });
    }
    case 'name': {
      const { t } = speakerFor(context);
      const name = choice ? data.suggestedName : typed || undefined;
      if (!name || name.length > NAME_MAX_LENGTH) {
        return [text(t('join:name_invalid', { max: NAME_MAX_LENGTH })), nameQuestion(data, speakerFor(context))];
      }
      await store.setDisplayName(person.id, name);
      person.displayName = name;
      return next('country');
    }
    case 'country': {
      const reading = readCountryAnswer(COUNTRY_TAG, event, speakerFor(context), call.hubCountries);
      if (reading.kind === 'ask') return reading.reply;
      if (reading.zone === null) return next('zone', { country: reading.country });
      await store.setCountry(person.id, reading.country, reading.zone);
      return next('city');
    }
    case 'zone': {
      const country = data.country ?? '';
      const reading = readZoneAnswer(COUNTRY_TAG, country, event, speakerFor(context));
      if (reading.kind === 'ask') return reading.reply;
      await store.setCountry(person.id, country, reading.zone);
      const { country: _asked, ...rest } = data;
      const moved: FlowState = { flow: APPLICATION, step: 'city', data: rest };
      await store.setState(person.id, moved);
      return askAgain(moved, event, context, false);
    }
    case 'city': {
      const { t } = speakerFor(context);
      if (!typed || typed.length > CITY_MAX_LENGTH) {
        return [text(t('applications:city_invalid', { max: CITY_MAX_LENGTH }))];
      }
      const application = await applicationOf(data, context);
      if (!application) return closedNow(call, context);
      await store.setApplicationCity(application.id, typed);
      const moved = questionsState(data, applicationAsSubmission(call, application, context));
      await store.setState(person.id, moved);
      return [text(speakerFor(context).pick(call.intro)), ...(await askAgain(moved, event, context, false))];
    }
    default: {
      const application = await applicationOf(data, context);
      if (!application) return closedNow(call, context);
      const speaker = speakerFor(context);
      const answered = await continueApplicationQuestions(
        state,
        data.selection,
        call,
        application,
        event,
        context,
        speaker,
      );
      return answered.replies;
    }
  }
}

async function chooseCall(
  calls: ApplicationCallView[],
  state: FlowState,
  data: ApplicationData,
  event: InboundEvent,
  context: ApplicationContext,
): Promise<Outgoing[]> {
  const choice = event.kind === 'choice' ? applyChoice(event.choiceId) : null;
  const call = choice?.step === 'call' ? calls.find((c) => c.id === choice.value) : undefined;
  if (!call) return askAgain(state, event, context, false);
  if (!isOpen(call, context.now())) return closedNow(call, context);
  return beginCall(call, await context.store.applications(context.person.id), data, event, context);
}

async function applicationOf(data: ApplicationData, context: ApplicationContext): Promise<ApplicationView | undefined> {
  return (await context.store.applications(context.person.id)).find((a) => a.id === data.applicationId);
}

/**
 * The version a consent to a call's text records: prefixed, so that it never reads as the version of
 * the programme's participants' text (an accepted applicant is asked that one when joining).
 */
export function applicationConsentVersion(version: string): string {
  return `application:${version}`;
}

function languageQuestion(event: InboundEvent, context: ApplicationContext): Outgoing {
  const written = writtenLanguage(event);
  const order = written ? [written, ...SUPPORTED_LANGUAGES.filter((l) => l !== written)] : SUPPORTED_LANGUAGES;
  return {
    payload: {
      kind: 'choices',
      text: context.translate(context.defaultLanguage, 'applications:choose_language'),
      choices: order.map((code) => ({ id: choiceId('language', code), label: LANGUAGE_LABELS[code] })),
    },
  };
}

function consentQuestion(call: ApplicationCallView, speaker: Speaker): Outgoing {
  return {
    payload: {
      kind: 'choices',
      text: speaker.t('applications:consent', {
        programme: speaker.pick(call.programmeName),
        text: speaker.pick(call.consent.text),
      }),
      choices: [
        { id: choiceId('consent', 'yes'), label: speaker.t('join:consent_yes') },
        { id: choiceId('consent', 'no'), label: speaker.t('join:consent_no') },
      ],
    },
  };
}

function nameQuestion(data: ApplicationData, speaker: Speaker): Outgoing {
  const ask = speaker.t('applications:ask_name');
  if (!data.suggestedName) return text(ask);
  return {
    payload: {
      kind: 'choices',
      text: ask,
      choices: [
        {
          id: choiceId('name', 'keep'),
          label: speaker.t('join:keep_name', { name: data.suggestedName }).slice(0, 40),
        },
      ],
    },
  };
}

/** Whether the application step the person is on takes free text (a name, a city, a text answer). */
export async function applicationAcceptsFreeText(state: FlowState, context: ApplicationContext): Promise<boolean> {
  if (state.step === 'name' || state.step === 'city') return true;
  if (state.step !== 'question') return false;
  const data = flowData(applicationData, state);
  const call = (await context.store.applicationCalls()).find((c) => c.id === data.callId);
  const application = await applicationOf(data, context);
  if (!call || !application) return false;
  return call.questions[application.currentPosition]?.type === 'text';
}

/** ANNULER while applying: the application stays as it is (started), and the person is told how to come back. */
export async function cancelApplication(state: FlowState, context: ApplicationContext): Promise<Outgoing[]> {
  const { t, pick, language } = speakerFor(context);
  await context.store.clearState(context.person.id);
  const data = flowData(applicationData, state);
  const call = (await context.store.applicationCalls()).find((c) => c.id === data.callId);
  if (!call || !data.applicationId) return [text(t('applications:cancelled_nothing_kept'))];
  return [
    text(
      t('applications:cancelled', {
        word: APPLY_WORDS[language],
        programme: pick(call.programmeName),
        closesAt: formatLocalDateTime(call.closesAt, await applicantZone(call, context), language),
      }),
    ),
  ];
}

/** HELP (or a greeting) while applying: what the keywords do here, then the step's question again. */
export async function applicationHelp(
  state: FlowState,
  event: InboundEvent,
  context: ApplicationContext,
): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  return [text(t('applications:help')), ...(await askAgain(state, event, context, false))];
}

/**
 * What a person with no role is told, in `language`, besides the join explanation: that their
 * application is in (and the decision will come here), or how to apply while a call is open.
 */
export async function applicantNotes(
  language: Language,
  context: ConversationContext<
    AccountStore & CountryStore & Pick<ApplicationContext['store'], 'applicationCalls' | 'applications'>
  >,
): Promise<{ handedIn: boolean; lines: string[] }> {
  const now = context.now();
  const calls = await context.store.applicationCalls();
  const applications = await context.store.applications(context.person.id);
  const pick = (value: Partial<Record<Language, string>>) => value[language] ?? Object.values(value)[0] ?? '';
  const handedIn = applications.find((a) => a.status === 'submitted' && a.decision === null);
  if (handedIn) {
    const call = calls.find((c) => c.id === handedIn.callId);
    return {
      handedIn: true,
      lines: [
        context.translate(language, 'applications:handed_in', {
          programme: call ? pick(call.programmeName) : '',
        }),
      ],
    };
  }
  const putAside = applications.find((a) => a.status === 'started');
  const putAsideCall = putAside && calls.find((c) => c.id === putAside.callId && isOpen(c, now));
  if (putAsideCall) {
    // An application left halfway (ANNULER, or simply silence): how to go on, rather than how to join.
    return {
      handedIn: true,
      lines: [
        context.translate(language, 'applications:put_aside', {
          word: APPLY_WORDS[language],
          programme: pick(putAsideCall.programmeName),
          closesAt: formatLocalDateTime(putAsideCall.closesAt, await applicantZone(putAsideCall, context), language),
        }),
      ],
    };
  }
  const lines: string[] = [];
  for (const call of calls.filter((c) => isOpen(c, now))) {
    lines.push(
      context.translate(language, 'applications:apply_hint', {
        word: APPLY_WORDS[language],
        programme: pick(call.programmeName),
        closesAt: formatLocalDateTime(call.closesAt, await applicantZone(call, context), language),
      }),
    );
  }
  return { handedIn: false, lines };
}

/**
 * The zone an applicant reads the call's dates in: their own (given with their country), else
 * their hub's if they have one (a participant elsewhere), else the programme's: never UTC by default.
 */
async function applicantZone(
  call: Pick<ApplicationCallView, 'programmeTimeZone'>,
  context: ConversationContext<CountryStore>,
): Promise<string> {
  const own = (await context.store.ownCountry(context.person.id)).timeZone;
  return own ?? (context.person.hubId ? context.person.timeZone : call.programmeTimeZone);
}
