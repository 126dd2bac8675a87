import { SUPPORTED_LANGUAGES } from '../../domain/programme/language.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { AccountStore } from '../stores/account-store.ts';
import type { DialogueStateStore } from '../stores/dialogue-state-store.ts';
import type { OfflineStore } from '../stores/offline-store.ts';
import type { PrivacyStore } from '../stores/privacy-store.ts';
import { speakerFor, text } from '../speaker.ts';

/** The stores this file reads and changes. */
type AccountContext = ConversationContext<AccountStore & PrivacyStore & DialogueStateStore & OfflineStore>;

/** The longest pause a person can ask for at once. */
const PAUSE_MAX_DAYS = 60;
const PAUSE_DEFAULT_DAYS = 7;

const LANGUAGE_LABELS = { fr: 'Français', en: 'English' } as const;

/** HELP: what the person can do, by role. */
export function help(context: ConversationContext<unknown>): Outgoing[] {
  const { t } = speakerFor(context);
  const { roles } = context.person;
  if (roles.length === 0) return [text(t('common:join_explanation'))];
  const lines = [
    ...(roles.includes('participant') ? [t('commands:help_participant')] : []),
    ...(roles.includes('mentor') ? [t('commands:help_mentor')] : []),
    ...(roles.includes('trainer') ? [t('commands:help_trainer')] : []),
    ...(roles.includes('staff') ? [t('commands:help_staff')] : []),
  ];
  return [text(lines.join('\n\n'))];
}

/** LANGUAGE: offers the languages as choices; the pick is handled by `pickLanguage`. */
export function askLanguage(context: ConversationContext<unknown>): Outgoing[] {
  const { t } = speakerFor(context);
  return [
    {
      payload: {
        kind: 'choices',
        text: t('common:language_question'),
        menuLabel: t('common:choose'),
        choices: SUPPORTED_LANGUAGES.map((code) => ({ id: `lang:${code}`, label: LANGUAGE_LABELS[code] })),
      },
    },
  ];
}

export async function pickLanguage(choiceId: string, context: AccountContext): Promise<Outgoing[] | null> {
  const chosen = SUPPORTED_LANGUAGES.find((code) => choiceId === `lang:${code}`);
  if (!chosen) return null;
  await context.store.setLocale(context.person.id, chosen);
  context.person.locale = chosen;
  return [text(context.translate(chosen, 'common:language_set'))];
}

/** STOP / ARRET: nothing more is sent but this confirmation. */
export async function stop(context: ConversationContext<PrivacyStore & DialogueStateStore>): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  await context.store.setEnrolmentStatus(context.person.id, 'stopped', null);
  await context.store.setOptedOut(context.person.id, context.now());
  await context.store.clearState(context.person.id);
  return [{ payload: { kind: 'text', text: t('commands:stopped') }, purpose: 'stop_confirmation' }];
}

/**
 * PAUSE N: no scheduled messages for N days from now — an offline period of the person's own (a
 * pause already running is moved). On return, one message sums up what waits for them.
 */
export async function pause(argument: string, context: AccountContext): Promise<Outgoing[]> {
  const { t, language } = speakerFor(context);
  const days = argument === '' ? PAUSE_DEFAULT_DAYS : Number.parseInt(argument, 10);
  if (
    !Number.isInteger(days) ||
    days < 1 ||
    days > PAUSE_MAX_DAYS ||
    !/^\d+(\s*(j|jours?|d|days?))?$/.test(argument || '7')
  ) {
    return [text(t('commands:pause_invalid', { max: PAUSE_MAX_DAYS }))];
  }
  const now = context.now();
  const until = new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
  // PAUSE while a pause of their own runs moves its end: N days from now, longer or shorter than
  // before. Held only by their hub's period, it is a pause of their own, said as a new one.
  const alreadyPaused = (await context.store.enrolments(context.person.id)).some((e) => e.status === 'paused');
  const paused = await context.store.pauseOffline(context.person.id, until, now);
  if (paused.cohorts === 0) return [text(t('commands:not_enrolled'))];
  const shown = until.toLocaleDateString(language === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    timeZone: context.person.timeZone,
  });
  const confirmation = t(alreadyPaused && paused.moved ? 'commands:pause_changed' : 'commands:paused', {
    until: shown,
  });
  const deadlines = t(paused.moveDeadlines ? 'commands:pause_deadlines_moved' : 'commands:pause_deadlines_kept');
  return [text(`${confirmation}\n${deadlines}`)];
}

/** RESUME / REPRENDRE: back from a pause (one catch-up message follows) or a stop. */
export async function resume(context: AccountContext): Promise<Outgoing[]> {
  const { t, language } = speakerFor(context);
  const enrolments = await context.store.enrolments(context.person.id);
  const stopped = enrolments.some((e) => e.status === 'stopped');
  const waiting = stopped || enrolments.some((e) => e.status === 'paused');
  if (!waiting && !context.person.optedOutAt) return [text(t('commands:nothing_to_resume'))];
  const { heldUntil } = await context.store.resumeOffline(context.person.id, context.now());
  if (heldUntil && !stopped && !context.person.optedOutAt) {
    // Their own pause is over, but their hub's offline period still holds their messages.
    const until = heldUntil.toLocaleDateString(language === 'fr' ? 'fr-FR' : 'en-GB', {
      day: 'numeric',
      month: 'long',
      timeZone: context.person.timeZone,
    });
    return [text(t('commands:resume_held', { until }))];
  }
  await context.store.setEnrolmentStatus(context.person.id, 'active', null);
  await context.store.setOptedOut(context.person.id, null);
  context.person.optedOutAt = null;
  return [text(t('commands:resumed'))];
}
