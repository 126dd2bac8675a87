import { z } from 'zod';
import { checkInvite } from '../../domain/invite-check.ts';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import { isLanguage, SUPPORTED_LANGUAGES } from '../../domain/programme/language.ts';
import { ENROLMENT_STATUSES } from '../../domain/segment.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { AccountStore } from '../stores/account-store.ts';
import type { ConsentStore } from '../stores/consent-store.ts';
import type { DialogueStateStore, FlowState } from '../stores/dialogue-state-store.ts';
import type { JoiningStore } from '../stores/joining-store.ts';
import { flowData } from '../flow-data.ts';
import { normalizeWords } from '../keywords.ts';
import { speakerFor, text } from '../speaker.ts';

/** The stores this file reads and changes. */
type JoiningContext = ConversationContext<AccountStore & JoiningStore & ConsentStore & DialogueStateStore>;

/**
 * Joining: an invite code enrols the person with the code's role and cohort; then language,
 * consent (refusing keeps nothing but the refusal), hub (for participants and mentors) and name.
 */
export const JOINING = 'joining';
const NAME_MAX_LENGTH = 60;

const LANGUAGE_LABELS = { fr: 'Français', en: 'English' } as const;

const joiningData = z.object({
  enrolmentId: z.string(),
  inviteId: z.string(),
  programmeId: z.string(),
  cohortId: z.string(),
  role: z.enum(['participant', 'mentor', 'staff']),
  previousStatus: z.enum(ENROLMENT_STATUSES).nullable(),
  /** ISO instant; absent from joins started before it was kept. */
  previousJoinedAt: z.string().nullable().optional(),
  suggestedName: z.string().optional(),
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
  const enrolments = await store.enrolments(person.id);
  // Someone who stopped, or who left the joining questions halfway, may join again with a code.
  const already =
    invite && enrolments.find((e) => e.cohortId === invite.cohortId && e.status !== 'stopped' && e.joinedAt !== null);
  if (already) return [text(t('join:already_enrolled', { cohort: pick(already.cohortName) }))];
  const verdict = checkInvite(invite, context.now());
  if (verdict !== 'ok' || !invite) {
    const key = verdict === 'unknown' ? 'unknown_code' : verdict === 'used-up' ? 'used_up_code' : 'expired_code';
    return [text(t(`join:${key}`, { code }))];
  }
  const enrolment = await store.redeemInvite(invite, person.id);
  if (!enrolment) return [text(t('join:used_up_code', { code }))];
  const data: JoiningData = {
    enrolmentId: enrolment.id,
    inviteId: invite.id,
    programmeId: enrolment.programme.id,
    cohortId: enrolment.cohortId,
    role: invite.role,
    previousStatus: enrolment.previousStatus,
    previousJoinedAt: enrolment.previousJoinedAt?.toISOString() ?? null,
    ...(event.sender.displayName && { suggestedName: event.sender.displayName.slice(0, NAME_MAX_LENGTH) }),
  };
  await store.setState(person.id, { flow: JOINING, step: 'language', data: { ...data } });
  return [languageQuestion(context)];
}

function languageQuestion(context: JoiningContext): Outgoing {
  return {
    payload: {
      kind: 'choices',
      text: context.translate(context.defaultLanguage, 'join:choose_language'),
      choices: SUPPORTED_LANGUAGES.map((code) => ({ id: `lang:${code}`, label: LANGUAGE_LABELS[code] })),
    },
  };
}

export async function continueJoining(
  state: FlowState,
  event: InboundEvent,
  context: JoiningContext,
): Promise<Outgoing[]> {
  const { store, person } = context;
  const data = flowData(joiningData, state);
  const answer = event.kind === 'choice' ? event.choiceId : event.kind === 'text' ? normalizeWords(event.text) : '';

  switch (state.step) {
    case 'language': {
      const chosen = answer.replace(/^lang:/, '');
      const language = isLanguage(chosen)
        ? chosen
        : chosen.startsWith('fran')
          ? 'fr'
          : chosen.startsWith('engl')
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
      const yes = answer === 'consent:yes' || ['oui', 'yes', "j'accepte", 'i agree', 'ok'].includes(answer);
      const no = answer === 'consent:no' || ['non', 'no', 'je refuse', 'i refuse'].includes(answer);
      if (!yes && !no) return [text(t('join:answer_expected')), await consentQuestion(data, context)];
      const programme = (await store.enrolments(person.id)).find((e) => e.id === data.enrolmentId)?.programme;
      await store.recordConsent(
        person.id,
        data.programmeId,
        yes,
        programme?.consent.version ?? '',
        person.locale ?? context.defaultLanguage,
      );
      if (no) {
        await store.cancelJoin(data.enrolmentId, data.inviteId, data.previousStatus, previousJoinedAt(data));
        await store.clearState(person.id);
        return [text(t('join:consent_refused'))];
      }
      if (data.role === 'staff') return askName(state, data, context);
      await store.setState(person.id, { ...state, step: 'hub' });
      return [await hubQuestion(data, context)];
    }
    case 'hub': {
      const hubs = await store.hubs(data.programmeId);
      const hub = hubs.find(
        (h) =>
          answer === `hub:${h.key}` || normalizeWords(Object.values(h.name)[0] ?? '') === answer || h.key === answer,
      );
      if (!hub) return [await hubQuestion(data, context)];
      await store.setHub(person.id, hub.id);
      return askName(state, data, context);
    }
    case 'name': {
      const { t, pick } = speakerFor(context);
      const name = answer === 'name:keep' ? data.suggestedName : event.kind === 'text' ? event.text.trim() : undefined;
      if (!name || name.length > NAME_MAX_LENGTH) return [text(t('join:name_invalid', { max: NAME_MAX_LENGTH }))];
      await store.setDisplayName(person.id, name);
      await store.finishJoining(data.enrolmentId, context.now());
      await store.clearState(person.id);
      const enrolment = (await store.enrolments(person.id)).find((e) => e.id === data.enrolmentId);
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
  }
  await store.clearState(person.id);
  return [];
}

async function consentQuestion(data: JoiningData, context: JoiningContext): Promise<Outgoing> {
  const { t, pick } = speakerFor(context);
  const enrolment = (await context.store.enrolments(context.person.id)).find((e) => e.id === data.enrolmentId);
  return {
    payload: {
      kind: 'choices',
      text: t('join:consent', { text: enrolment ? pick(enrolment.programme.consent.text) : '' }),
      choices: [
        { id: 'consent:yes', label: t('join:consent_yes') },
        { id: 'consent:no', label: t('join:consent_no') },
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
      choices: hubs.map((hub) => ({ id: `hub:${hub.key}`, label: pick(hub.name) })),
    },
  };
}

async function askName(state: FlowState, data: JoiningData, context: JoiningContext): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  await context.store.setState(context.person.id, { ...state, step: 'name' });
  if (!data.suggestedName) return [text(t('join:ask_name'))];
  return [
    {
      payload: {
        kind: 'choices',
        text: t('join:ask_name'),
        choices: [{ id: 'name:keep', label: t('join:keep_name', { name: data.suggestedName }).slice(0, 40) }],
      },
    },
  ];
}
