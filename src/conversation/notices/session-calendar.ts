import { createEvent } from 'ics';
import type { Language } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { speakerForRecipient } from '../speaker.ts';
import type { SessionDetails } from './session-details.ts';

/**
 * The .ics file of a person's venue of a session, in their language: one event, with a UID per
 * session and venue so that a calendar that has it replaces it, and a SEQUENCE that grows when
 * the venue changes (minutes since the epoch of its last change).
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.7.4
 */
export function sessionCalendar(
  details: SessionDetails,
  recipient: { locale: string | null },
  programme: { defaultLocale: string | null },
  deps: { translate: Translate; defaultLanguage: Language },
  venueUpdatedAt: Date,
): string {
  const { pick } = speakerForRecipient(recipient, programme, deps);
  const { session, venue } = details;
  const location = [venue.place ? pick(venue.place) : null, venue.address].filter(Boolean).join(', ') || venue.url;
  const description = [pick(session.description).trim(), venue.url ?? ''].filter(Boolean).join('\n\n');
  const { error, value } = createEvent({
    productId: 'compagnon/sessions',
    uid: `${session.id}-${venue.id}@compagnon`,
    sequence: Math.floor(venueUpdatedAt.getTime() / 60_000),
    title: pick(session.title),
    ...(description && { description }),
    ...(location && { location }),
    ...(venue.url && { url: venue.url }),
    start: venue.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: venue.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: 'CONFIRMED',
  });
  if (error || value === null) throw error ?? new Error('the calendar file could not be written');
  return value;
}
