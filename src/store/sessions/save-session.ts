import { randomInt } from 'node:crypto';
import { nextReminder } from '../../domain/plan-submission.ts';
import { generateAttendanceCode } from '../../domain/sessions/attendance-code.ts';
import {
  announceInstant,
  type SessionAudience,
  type SessionDefinition,
  type VenueDefinition,
} from '../../domain/sessions/session-definition.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import { Prisma } from '../generated/client.ts';
import { sha256, stableJson } from '../stable-json.ts';

type Tx = Prisma.TransactionClient;
type Json = Prisma.InputJsonValue;

export interface SaveSessionReport {
  sessionId: string;
  outcome: 'created' | 'updated' | 'unchanged';
  /** What was written, one line each: "session atelier-1 venue tunis moved". */
  changes: string[];
  /** What was asked for but not applied. */
  warnings: string[];
}

/**
 * Creates or updates a session and its venues from its definition (the programme file's, or the
 * dashboard's form), in the caller's transaction or one of its own. Keys are resolved to the
 * programme's hubs and cohorts; an unknown key is a NotFoundError.
 *
 * A venue whose time or place changes after the announcement is marked for a change notice
 * (`changeNoticeDueAt`): the sessions job tells those who said yes or maybe. Its next reminder is
 * computed again from its start. A venue left out is deleted when nobody was invited to it, and
 * kept (with a warning) otherwise.
 *
 * `fromFile`: the programme file's import. The session's `contentHash` is the hash of what the file
 * last said of it, so a re-import of a file that did not change this session writes nothing, and
 * leaves alone what staff changed in the dashboard since (a rescheduled venue is not moved back).
 * A dashboard save keeps that hash and always writes.
 */
export async function saveSession(
  db: Database | Tx,
  programmeId: string,
  session: SessionDefinition,
  options: { now: Date; actorId?: string | null; fromFile?: boolean },
): Promise<SaveSessionReport> {
  const run = (tx: Tx) => saveIn(tx, programmeId, session, options);
  return '$transaction' in db ? db.$transaction(run) : run(db);
}

async function saveIn(
  tx: Tx,
  programmeId: string,
  session: SessionDefinition,
  { now, actorId, fromFile = false }: { now: Date; actorId?: string | null; fromFile?: boolean },
): Promise<SaveSessionReport> {
  const contentHash = sha256(stableJson(session));
  const found = await tx.session.findUnique({
    where: { programmeId_key: { programmeId, key: session.key } },
    select: { id: true, contentHash: true, announcedAt: true },
  });
  if (fromFile && found?.contentHash === contentHash) {
    return { sessionId: found.id, outcome: 'unchanged', changes: [], warnings: [] };
  }
  const hubs = await tx.hub.findMany({ where: { programmeId }, select: { id: true, key: true } });
  const cohorts = await tx.cohort.findMany({ where: { programmeId }, select: { id: true, key: true } });
  const hubId = idsByKey(hubs, 'hub');
  const cohortId = idsByKey(cohorts, 'cohort');

  const { cohortKeys, hubKeys, ...rest } = session.audience;
  const audience: SessionAudience = {
    ...rest,
    ...(cohortKeys && { cohortIds: cohortKeys.map(cohortId) }),
    ...(hubKeys && { hubIds: hubKeys.map(hubId) }),
  };
  const fields = {
    kind: session.kind,
    title: session.title as Json,
    description: session.description as Json,
    audience: audience as unknown as Json,
    rsvp: session.rsvp,
    announceAt: announceInstant(session.announce, session.venues),
    reminderOffsets: session.reminderOffsetsMinutes,
    attendanceModes: session.attendance,
    feedback: session.feedback,
  };
  const saved = found
    ? await tx.session.update({
        where: { id: found.id },
        data: { ...fields, ...(fromFile && { contentHash }) },
        select: { id: true },
      })
    : await tx.session.create({
        data: {
          programmeId,
          key: session.key,
          createdById: fromFile ? null : (actorId ?? null),
          contentHash,
          ...fields,
        },
        select: { id: true },
      });
  const report: SaveSessionReport = {
    sessionId: saved.id,
    outcome: found ? 'updated' : 'created',
    changes: [`session ${session.key} ${found ? 'updated' : 'created'}`],
    warnings: [],
  };

  const current = await tx.sessionVenue.findMany({
    where: { sessionId: saved.id },
    include: { _count: { select: { invitations: true } } },
  });
  for (const venue of session.venues) {
    const wanted = {
      hubId: venue.hubKey === null ? null : hubId(venue.hubKey),
      place: venue.place === null ? Prisma.DbNull : (venue.place as Json),
      address: venue.address,
      url: venue.url,
      timeZone: venue.timeZone,
      startsAt: venue.startsAt,
      endsAt: venue.endsAt,
      capacity: venue.capacity,
      nextReminderAt: nextReminder(venue.startsAt, session.reminderOffsetsMinutes, now),
    };
    const existing = current.find((row) => row.key === venue.key);
    if (!existing) {
      await tx.sessionVenue.create({
        data: { sessionId: saved.id, key: venue.key, attendanceCode: await newAttendanceCode(tx), ...wanted },
      });
      if (found) report.changes.push(`session ${session.key} venue ${venue.key} added`);
      continue;
    }
    const moved = movedOrReplaced(existing, venue);
    await tx.sessionVenue.update({
      where: { id: existing.id },
      data: { ...wanted, ...(moved && found?.announcedAt && { changeNoticeDueAt: now }) },
    });
    if (moved) report.changes.push(`session ${session.key} venue ${venue.key} ${moved}`);
  }
  const keys = new Set(session.venues.map((venue) => venue.key));
  for (const row of current.filter((venue) => !keys.has(venue.key))) {
    if (row._count.invitations === 0) {
      await tx.sessionVenue.delete({ where: { id: row.id } });
      report.changes.push(`session ${session.key} venue ${row.key} removed`);
    } else {
      report.warnings.push(
        `session ${session.key} venue ${row.key} is no longer given, but ${row._count.invitations} people were invited to it: it was kept (cancel the session instead, or give the venue again)`,
      );
    }
  }
  return report;
}

/** What changed that people who said yes or maybe must be told of: "moved" (time) or "changed place"; null when nothing did. */
function movedOrReplaced(
  row: { startsAt: Date; endsAt: Date; place: unknown; address: string | null; url: string | null },
  venue: VenueDefinition,
): 'moved' | 'changed place' | null {
  if (row.startsAt.getTime() !== venue.startsAt.getTime() || row.endsAt.getTime() !== venue.endsAt.getTime())
    return 'moved';
  if (stableJson(row.place) !== stableJson(venue.place) || row.address !== venue.address || row.url !== venue.url)
    return 'changed place';
  return null;
}

function idsByKey(rows: { id: string; key: string }[], what: string): (key: string) => string {
  const ids = new Map(rows.map((row) => [row.key, row.id]));
  return (key) => {
    const id = ids.get(key);
    if (id === undefined) throw new NotFoundError(`no ${what} has the id "${key}"`);
    return id;
  };
}

/** A code no other venue has (a clash is unlikely with 32⁶ codes, but a second one is drawn if so). */
async function newAttendanceCode(tx: Tx): Promise<string> {
  for (;;) {
    const code = generateAttendanceCode(randomInt);
    if (!(await tx.sessionVenue.findUnique({ where: { attendanceCode: code }, select: { id: true } }))) return code;
  }
}
