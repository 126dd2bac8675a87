import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { TeamHelpStore } from '../stores/team-help-store.ts';
import { speakerFor, text } from '../speaker.ts';

/** The stores this file reads. */
type ParticipantsContext = ConversationContext<TeamHelpStore>;

/**
 * PARTICIPANTS / MES PARTICIPANTS: a trainer's hubs' participants at a glance (city, status,
 * exercises handed in, late and missing, last message), as MENTEES is for a mentor. Anyone else
 * is told who it is for, and what to send instead.
 */
export async function participants(context: ParticipantsContext): Promise<Outgoing[]> {
  const { t, pick, language } = speakerFor(context);
  const { roles } = context.person;
  if (!roles.includes('trainer')) {
    const key = roles.includes('mentor')
      ? 'helpdesk-team:participants_for_mentor'
      : roles.includes('staff')
        ? 'helpdesk-team:participants_for_staff'
        : 'helpdesk-team:participants_trainers_only';
    return [text(t(key))];
  }
  const list = await context.store.hubParticipants(context.person.id, context.now());
  if (list.length === 0) return [text(t('helpdesk-team:participants_none'))];
  const lines = list.map((p) =>
    t('helpdesk-team:participant_line', {
      name: p.displayName ?? t('helpdesk:unnamed'),
      hub: p.hubName ? pick(p.hubName) : t('helpdesk-team:no_hub'),
      status: t(`helpdesk-team:status_${p.status}`),
      done: p.done,
      late: p.late,
      missing: p.missing,
      last: p.lastMessageAt ? formatLocalDateTime(p.lastMessageAt, context.person.timeZone, language) : '—',
    }),
  );
  return [{ ...text(`${t('helpdesk-team:participants_title')}\n${lines.join('\n')}`), about: list.map((p) => p.id) }];
}
