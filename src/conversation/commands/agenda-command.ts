import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import { rsvpChoices } from '../flows/session-choice-ids.ts';
import { sessionDetailsText } from '../notices/session-details.ts';
import { speakerFor, text, type Speaker } from '../speaker.ts';
import type { InvitationView, RsvpStore } from '../stores/rsvp-store.ts';

/** Past this many, the list says how many more there are rather than filling the phone's screen. */
const AGENDA_MAX_SESSIONS = 8;

/**
 * AGENDA / SESSIONS: the person's upcoming sessions, one message each (what, when in their local
 * time, where, their answer) with the buttons to give or change it until the start. Anyone
 * invited reads it: participants, mentors, staff.
 */
export async function agenda(context: ConversationContext<RsvpStore>): Promise<Outgoing[]> {
  const speaker = speakerFor(context);
  const { t } = speaker;
  const invitations = await context.store.upcomingInvitations(context.person.id, context.now());
  if (invitations.length === 0) return [text(t('sessions:agenda.none'))];
  const shown = invitations.slice(0, AGENDA_MAX_SESSIONS);
  const more = invitations.length - shown.length;
  return [
    text(t('sessions:agenda.intro', { count: shown.length })),
    ...shown.map((invitation) => agendaEntry(invitation, context, speaker)),
    ...(more > 0 ? [text(t('sessions:agenda.more', { count: more }))] : []),
  ];
}

function agendaEntry(invitation: InvitationView, context: ConversationContext<unknown>, speaker: Speaker): Outgoing {
  const { t } = speaker;
  // The description was in the announcement: the list keeps to what, when and where.
  const details = sessionDetailsText(
    { ...invitation, session: { ...invitation.session, description: {} } },
    context.person,
    speaker,
  );
  if (invitation.attended) return text([details, t('sessions:agenda.attended')].join('\n'));
  if (!invitation.session.rsvp) return text(details);
  const lines = [details, t('sessions:agenda.answer', { answer: answerWords(invitation, speaker) })];
  if (context.now() >= invitation.venue.startsAt) return text([...lines, t('sessions:agenda.started')].join('\n'));
  return {
    payload: { kind: 'choices', text: lines.join('\n'), choices: rsvpChoices(invitation.invitationId, speaker) },
  };
}

function answerWords(invitation: InvitationView, { t }: Speaker): string {
  if (invitation.rsvp === 'yes' && invitation.waitlistPosition !== null) {
    return t('sessions:agenda.answer_waiting', { position: invitation.waitlistPosition });
  }
  return t(`sessions:agenda.answer_${invitation.rsvp ?? 'none'}`);
}
