import { RSVP_ANSWERS, type RsvpAnswer } from '../../domain/sessions/session-definition.ts';
import type { Choice } from '../../domain/outbound-message.ts';
import type { Speaker } from '../speaker.ts';

/**
 * A session's buttons name the invitation they answer, so that they work whatever the person is
 * doing and whenever they tap them: `rsvp:<invitationId>:yes`. An invitation id is a cuid (25
 * characters): the id stays well within the 48 a choice may have.
 */
const RSVP = /^rsvp:([a-z0-9]{1,40}):(yes|maybe|no)$/;

export function rsvpChoiceId(invitationId: string, answer: RsvpAnswer): string {
  return `rsvp:${invitationId}:${answer}`;
}

export function readRsvpChoice(choiceId: string): { invitationId: string; answer: RsvpAnswer } | null {
  const match = RSVP.exec(choiceId);
  return match ? { invitationId: match[1]!, answer: match[2] as RsvpAnswer } : null;
}

/** The three buttons: coming, maybe, cannot come. */
export function rsvpChoices(invitationId: string, { t }: Pick<Speaker, 't'>): Choice[] {
  return RSVP_ANSWERS.map((answer) => ({
    id: rsvpChoiceId(invitationId, answer),
    label: t(`sessions:rsvp.${answer}`),
  }));
}
