import type { SegmentFilter } from '../../domain/segment.ts';
import type { Language } from '../../domain/programme/language.ts';
import { recordStaffAction } from '../audit/record-staff-action.ts';
import { createBroadcastStore } from '../conversation/broadcast-store.ts';
import type { Database } from '../database.ts';

/**
 * A compose form sent again within this time (a double click, a resent request, a tab left open
 * for days) schedules nothing new; its draft is looked up among the sender's entries this recent.
 */
const DRAFT_RESEND_WINDOW_MS = 14 * 24 * 3600_000;

/**
 * Schedules the broadcast of a dashboard compose form, once per draft: the same rows and audit
 * entry as the chat flow (broadcast.schedule), plus broadcast.compose naming the draft. A form
 * sent twice gives back the broadcast of the first, with `isNew` false.
 */
export async function scheduleDashboardBroadcast(
  db: Database,
  form: {
    draftId: string;
    programmeId: string;
    filter: SegmentFilter;
    texts: Partial<Record<Language, string>>;
    /** The zone the times in the texts are in. */
    timesZone: string;
    scheduledAt: Date;
    staffId: string;
    now: Date;
  },
): Promise<{ id: string; isNew: boolean }> {
  return db.$transaction(async (tx) => {
    // The draft's id is looked up under a lock held until this transaction ends.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`broadcast-draft:${form.draftId}`}))`;
    const earlier = await tx.auditLog.findFirst({
      where: {
        // The createdAt index bounds the search to recent entries, whatever the size of the log;
        // only then is the JSON of each read.
        createdAt: { gte: new Date(form.now.getTime() - DRAFT_RESEND_WINDOW_MS) },
        action: 'broadcast.compose',
        actorId: form.staffId,
        details: { path: ['draftId'], equals: form.draftId },
      },
      select: { entityId: true },
    });
    if (earlier?.entityId) return { id: earlier.entityId, isNew: false };
    const id = await createBroadcastStore(tx).createBroadcast({
      programmeId: form.programmeId,
      filter: form.filter,
      texts: form.texts,
      timesZone: form.timesZone,
      scheduledAt: form.scheduledAt,
      createdById: form.staffId,
    });
    await recordStaffAction(tx, {
      actorId: form.staffId,
      action: 'broadcast.compose',
      entity: 'Broadcast',
      entityId: id,
      details: { draftId: form.draftId, source: 'dashboard' },
    });
    return { id, isNew: true };
  });
}
