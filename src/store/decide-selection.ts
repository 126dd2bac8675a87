import { isLanguage, type Language, type LocalizedText } from '../domain/programme/language.ts';
import type { ProgrammeSettings } from '../domain/programme/programme-definition.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import type { Translate } from '../i18n.ts';
import type { Database } from './database.ts';
import { NotFoundError } from './errors.ts';
import type { EnrolmentStatus, Prisma } from './generated/client.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from './outbox.ts';
import { personView, preferredIdentity } from './person-view.ts';

/** What staff decide for a participant after the training phase; `active` takes a decision back. */
export const SELECTION_DECISIONS = ['selected', 'not_selected', 'active'] as const;
export type SelectionDecision = (typeof SELECTION_DECISIONS)[number];

/** What a decision did to one enrolment. */
export interface SelectionOutcome {
  enrolmentId: string;
  personId: string;
  from: EnrolmentStatus;
  to: EnrolmentStatus;
  /** The status (or, for someone who sent STOP, the status kept for their return) changed. */
  changed: boolean;
  /** A message telling the participant was added to the outbox by this call. */
  notified: boolean;
}

/**
 * Marks participants of a cohort selected, not selected, or back to active, in the caller's
 * transaction, and with `notify` writes each of them one message in their own language. The
 * message's key names the decision and when it was taken, so submitting the same decision twice
 * tells nobody twice. Someone who sent STOP keeps STOP: the decision waits in `statusBeforeStop`
 * for their return, and they are not written to. Returns the outbox rows to deliver.
 */
export async function decideSelection(
  tx: Prisma.TransactionClient | Database,
  request: { cohortId: string; enrolmentIds: string[]; decision: SelectionDecision; notify: boolean; now: Date; translate: Translate; defaultLanguage: Language },
): Promise<{ outcomes: SelectionOutcome[]; outbox: OutboxRow[] }> {
  const { decision, now } = request;
  const enrolments = await tx.enrolment.findMany({
    where: { id: { in: request.enrolmentIds }, cohortId: request.cohortId, role: 'participant' },
    include: { person: { select: { displayName: true, optedOutAt: true, erasedAt: true } }, cohort: { select: { programme: { select: { name: true, settings: true } } } } },
  });
  const missing = request.enrolmentIds.filter((id) => !enrolments.some((enrolment) => enrolment.id === id));
  if (missing.length > 0) throw new NotFoundError(`not participants of cohort ${request.cohortId}: ${missing.join(', ')}`);

  const outcomes: SelectionOutcome[] = [];
  const messages: NewOutboundMessage[] = [];
  for (const enrolment of enrolments) {
    if (enrolment.status === 'stopped') {
      const { count } = await tx.enrolment.updateMany({
        where: { id: enrolment.id, status: 'stopped', OR: [{ statusBeforeStop: null }, { statusBeforeStop: { not: decision } }] },
        data: { statusBeforeStop: decision },
      });
      outcomes.push({ enrolmentId: enrolment.id, personId: enrolment.personId, from: 'stopped', to: 'stopped', changed: count > 0, notified: false });
      continue;
    }
    // Conditional on the status read: of two staff deciding at once, one changes it.
    const { count } = enrolment.status === decision
      ? { count: 0 }
      : await tx.enrolment.updateMany({ where: { id: enrolment.id, status: enrolment.status }, data: { status: decision, pausedUntil: null, statusChangedAt: now } });
    const decidedAt = count > 0 ? now : enrolment.statusChangedAt;
    const outcome: SelectionOutcome = { enrolmentId: enrolment.id, personId: enrolment.personId, from: enrolment.status, to: decision, changed: count > 0, notified: false };
    outcomes.push(outcome);
    const person = enrolment.person;
    if (!request.notify || decision === 'active' || person.optedOutAt || person.erasedAt) continue;
    if (count === 0 && enrolment.status !== decision) continue;
    const identity = await preferredIdentity(tx, enrolment.personId);
    if (!identity) continue;
    const view = await personView(tx, enrolment.personId);
    const language = isLanguage(view.locale) ? view.locale : request.defaultLanguage;
    const programme = enrolment.cohort.programme;
    const programmeName = programme.name as LocalizedText;
    const settings = programme.settings as unknown as ProgrammeSettings;
    messages.push({
      personId: enrolment.personId,
      channelIdentityId: identity,
      purpose: 'selection',
      dedupKey: `selection-${enrolment.id}-${decision}-${decidedAt.toISOString()}`,
      plannedAt: outsideQuietHours(now, settings.quietHours, view.timeZone),
      payload: {
        kind: 'text',
        text: request.translate(language, `dashboard-people:notify_${decision}`, {
          name: person.displayName ?? '',
          programme: programmeName[language] ?? Object.values(programmeName)[0] ?? '',
        }),
      },
    });
  }
  const outbox = await addOutboundMessages(tx, messages, now);
  const notifiedPeople = new Set(await notifiedBy(tx, outbox));
  for (const outcome of outcomes) outcome.notified = notifiedPeople.has(outcome.personId);
  return { outcomes, outbox };
}

/** The people the new outbox rows go to. */
async function notifiedBy(tx: Prisma.TransactionClient | Database, rows: OutboxRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const messages = await tx.outboundMessage.findMany({ where: { id: { in: rows.map((row) => row.id) } }, select: { personId: true } });
  return messages.map((message) => message.personId);
}
