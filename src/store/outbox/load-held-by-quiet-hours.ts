import type { Language } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { QuietHours } from '../../domain/quiet-hours.ts';
import type { Database } from '../database.ts';
import { personView } from '../people/person-view.ts';

/** Messages to a person planned for later because of the quiet hours: how many, when the first goes, and in whose time. */
export interface HeldForPerson {
  messages: number;
  first: Date;
  quietHours: QuietHours;
  timeZone: string;
  locale: Language | null;
}

/**
 * The messages of a channel identity that wait for the end of its programme's quiet hours, or
 * null when none does (or the programme has no quiet hours).
 */
export async function loadHeldByQuietHours(
  db: Database,
  channelIdentityId: string,
  now: Date,
): Promise<HeldForPerson | null> {
  const waiting = await db.outboundMessage.findMany({
    where: { channelIdentityId, status: 'queued', plannedAt: { gt: now } },
    orderBy: { plannedAt: 'asc' },
    select: { plannedAt: true, personId: true },
  });
  const [first] = waiting;
  if (!first) return null;
  const enrolment = await db.enrolment.findFirst({
    where: { personId: first.personId },
    orderBy: { createdAt: 'desc' },
    select: { cohort: { select: { programme: { select: { settings: true } } } } },
  });
  const quietHours = enrolment ? parseProgrammeSettings(enrolment.cohort.programme.settings).quietHours : null;
  if (!quietHours) return null;
  const person = await personView(db, first.personId);
  return {
    messages: waiting.length,
    first: first.plannedAt,
    quietHours,
    timeZone: person.timeZone,
    locale: person.locale,
  };
}
