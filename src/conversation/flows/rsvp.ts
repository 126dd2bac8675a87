import type { InboundEvent } from '../../domain/inbound-event.ts';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import { waitlistPromotion } from '../notices/waitlist-promotion.ts';
import { speakerFor, text } from '../speaker.ts';
import type { InvitationView, RsvpStore } from '../stores/rsvp-store.ts';
import { readRsvpChoice } from './session-choice-ids.ts';

/** The store this file reads and changes. */
type RsvpContext = ConversationContext<RsvpStore>;

/**
 * A session's buttons (coming, maybe, cannot come) name their invitation: they answer it
 * whatever the person is doing, and leave the dialogue they are in (an exercise) where it was.
 */
export function isRsvpChoice(choiceId: string): boolean {
  return readRsvpChoice(choiceId) !== null;
}

/**
 * Records the answer and confirms it with the session's title and the person's local date and
 * time; whoever a freed seat goes to is told too. Judged at the platform's timestamp of the press
 * (a press made just before the start on a weak network still counts), never later than now; a
 * press delivered after a later one changes nothing, and the reply says the answer that stands.
 */
export async function answerRsvpChoice(
  event: Extract<InboundEvent, { kind: 'choice' }>,
  context: RsvpContext,
): Promise<Outgoing[]> {
  const { t, pick, language } = speakerFor(context);
  const choice = readRsvpChoice(event.choiceId);
  if (!choice) return [text(t('common:choice_expired'))];
  const now = context.now().getTime();
  const pressed = Date.parse(event.sentAt);
  const at = new Date(Number.isNaN(pressed) ? now : Math.min(pressed, now));
  const result = await context.store.answerInvitation({ ...choice, personId: context.person.id, at });
  if (result.outcome === 'not_found') return [text(t('common:choice_expired'))];

  const named = (invitation: InvitationView) => ({
    title: pick(invitation.session.title),
    when: formatLocalDateTime(invitation.venue.startsAt, context.person.timeZone, language),
  });
  const { invitation } = result;
  if (result.outcome !== 'answered') return [text(t(`sessions:rsvp_reply.${result.outcome}`, named(invitation)))];

  const lines =
    invitation.rsvp === 'yes' && invitation.waitlistPosition !== null
      ? [t('sessions:waitlist.waiting', { ...named(invitation), position: invitation.waitlistPosition })]
      : [
          t(`sessions:rsvp_reply.${invitation.rsvp ?? choice.answer}`, named(invitation)),
          ...(result.wasWaiting ? [t('sessions:waitlist.left')] : []),
        ];
  lines.push(t('sessions:rsvp_reply.change_until_start'));
  return [text(lines.join('\n')), ...result.promoted.map((promoted) => waitlistPromotion(promoted, context))];
}
