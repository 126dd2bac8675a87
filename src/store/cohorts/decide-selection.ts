import type { SelectionNoticeFacts } from '../../conversation/notices/selection-notice.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import { personTimeZone } from '../../domain/person-time-zone.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { outsideQuietHours } from '../../domain/quiet-hours.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import type { EnrolmentStatus, Prisma } from '../generated/client.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';

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
  request: {
    cohortId: string;
    enrolmentIds: string[];
    decision: SelectionDecision;
    notify: boolean;
    now: Date;
    /** The message each person told is sent, worded in src/conversation/notices/selection-notice.ts. */
    notice: (facts: SelectionNoticeFacts) => OutboundPayload;
  },
): Promise<{ outcomes: SelectionOutcome[]; outbox: OutboxRow[] }> {
  const { decision, now } = request;
  const enrolments = await tx.enrolment.findMany({
    where: { id: { in: request.enrolmentIds }, cohortId: request.cohortId, role: 'participant' },
    include: {
      person: {
        select: {
          displayName: true,
          optedOutAt: true,
          erasedAt: true,
          locale: true,
          timeZone: true,
          hub: { select: { timeZone: true } },
        },
      },
      cohort: { select: { programme: { select: { name: true, settings: true, defaultLocale: true } } } },
    },
  });
  const missing = request.enrolmentIds.filter((id) => !enrolments.some((enrolment) => enrolment.id === id));
  if (missing.length > 0)
    throw new NotFoundError(`not participants of cohort ${request.cohortId}: ${missing.join(', ')}`);
  const changedIds = await applyDecision(tx, enrolments, decision, now);
  // Read for everyone at once, so that the number of queries does not grow with the people ticked.
  const recipients =
    request.notify && decision !== 'active' ? await reachableRecipients(tx, enrolments) : new Map<string, Recipient>();

  const outcomes: SelectionOutcome[] = [];
  const messages: NewOutboundMessage[] = [];
  for (const enrolment of enrolments) {
    const changed = changedIds.has(enrolment.id);
    if (enrolment.status === 'stopped') {
      outcomes.push({
        enrolmentId: enrolment.id,
        personId: enrolment.personId,
        from: 'stopped',
        to: 'stopped',
        changed,
        notified: false,
      });
      continue;
    }
    const decidedAt = changed ? now : enrolment.statusChangedAt;
    outcomes.push({
      enrolmentId: enrolment.id,
      personId: enrolment.personId,
      from: enrolment.status,
      to: decision,
      changed,
      notified: false,
    });
    const person = enrolment.person;
    if (!request.notify || decision === 'active' || person.optedOutAt || person.erasedAt) continue;
    // Another staff member changed the status between our read and our write: theirs stands.
    if (!changed && enrolment.status !== decision) continue;
    const recipient = recipients.get(enrolment.personId);
    if (!recipient) continue;
    const programme = enrolment.cohort.programme;
    const settings = parseProgrammeSettings(programme.settings);
    messages.push({
      personId: enrolment.personId,
      channelIdentityId: recipient.identityId,
      purpose: 'selection',
      dedupKey: `selection-${enrolment.id}-${decision}-${decidedAt.toISOString()}`,
      plannedAt: outsideQuietHours(now, settings.quietHours, recipient.timeZone),
      payload: request.notice({
        decision,
        recipient: person,
        programme: {
          name: programme.name as LocalizedText,
          defaultLocale: programme.defaultLocale,
          selectionNotices: settings.selectionNotices,
        },
      }),
    });
  }
  const outbox = await addOutboundMessages(tx, messages, now);
  const notifiedPeople = new Set(await notifiedBy(tx, outbox));
  for (const outcome of outcomes) outcome.notified = notifiedPeople.has(outcome.personId);
  return { outcomes, outbox };
}

/**
 * Writes the decision, one statement per status read (a handful at most, whatever the number of
 * people), and returns the enrolments it changed. Each write is conditional on the status read:
 * of two staff deciding at once, one changes it. Someone who sent STOP keeps STOP; the decision
 * waits in `statusBeforeStop`.
 */
async function applyDecision(
  tx: Prisma.TransactionClient | Database,
  enrolments: { id: string; status: EnrolmentStatus }[],
  decision: SelectionDecision,
  now: Date,
): Promise<Set<string>> {
  const byStatus = new Map<EnrolmentStatus, string[]>();
  for (const enrolment of enrolments) {
    if (enrolment.status === decision) continue;
    byStatus.set(enrolment.status, [...(byStatus.get(enrolment.status) ?? []), enrolment.id]);
  }
  const changed = new Set<string>();
  for (const [status, ids] of byStatus) {
    const rows =
      status === 'stopped'
        ? await tx.enrolment.updateManyAndReturn({
            where: {
              id: { in: ids },
              status: 'stopped',
              OR: [{ statusBeforeStop: null }, { statusBeforeStop: { not: decision } }],
            },
            data: { statusBeforeStop: decision },
            select: { id: true },
          })
        : await tx.enrolment.updateManyAndReturn({
            where: { id: { in: ids }, status },
            data: { status: decision, pausedUntil: null, statusChangedAt: now },
            select: { id: true },
          });
    for (const row of rows) changed.add(row.id);
  }
  return changed;
}

/** Where and when a decision reaches a person. */
interface Recipient {
  identityId: string;
  timeZone: string;
}

/**
 * The channel and time zone of each person who can be written to, in two queries whatever their
 * number: the channel they last wrote from among those that still reach them (as
 * `preferredIdentity`), and their own time zone, else their hub's, else that of the programme of
 * their first enrolment (as `personView`).
 */
async function reachableRecipients(
  tx: Prisma.TransactionClient | Database,
  enrolments: { personId: string; person: { timeZone: string | null; hub: { timeZone: string } | null } }[],
): Promise<Map<string, Recipient>> {
  const personIds = [...new Set(enrolments.map((enrolment) => enrolment.personId))];
  const identities = await tx.channelIdentity.findMany({
    where: { personId: { in: personIds }, unreachableAt: null },
    orderBy: [{ lastInboundAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
    select: { id: true, personId: true },
  });
  const identityOf = new Map<string, string>();
  for (const identity of identities)
    if (!identityOf.has(identity.personId)) identityOf.set(identity.personId, identity.id);
  const zoneless = enrolments
    .filter((e) => identityOf.has(e.personId) && !e.person.timeZone && !e.person.hub)
    .map((e) => e.personId);
  const firstEnrolments =
    zoneless.length === 0
      ? []
      : await tx.enrolment.findMany({
          where: { personId: { in: zoneless } },
          orderBy: { createdAt: 'asc' },
          select: { personId: true, cohort: { select: { programme: { select: { settings: true } } } } },
        });
  const programmeZone = new Map<string, string | undefined>();
  for (const row of firstEnrolments) {
    if (!programmeZone.has(row.personId))
      programmeZone.set(row.personId, parseProgrammeSettings(row.cohort.programme.settings).timeZone);
  }
  const recipients = new Map<string, Recipient>();
  for (const { personId, person } of enrolments) {
    const identityId = identityOf.get(personId);
    if (identityId)
      recipients.set(personId, {
        identityId,
        timeZone: personTimeZone(person, programmeZone.get(personId)),
      });
  }
  return recipients;
}

/** The people the new outbox rows go to. */
async function notifiedBy(tx: Prisma.TransactionClient | Database, rows: OutboxRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const messages = await tx.outboundMessage.findMany({
    where: { id: { in: rows.map((row) => row.id) } },
    select: { personId: true },
  });
  return messages.map((message) => message.personId);
}
