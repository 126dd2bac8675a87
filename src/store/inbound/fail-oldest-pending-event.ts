import type { Database } from '../database.ts';

/**
 * Sets a person's oldest pending event aside as failed, with the error; returns its id, and the
 * id of the next one still pending (null when none).
 */
export async function failOldestPendingEvent(
  db: Database,
  personId: string,
  error: string,
): Promise<{ failed: string; next: string | null } | null> {
  const oldest = await db.inboundEvent.findFirst({
    where: { personId, status: 'received' },
    orderBy: [{ sentAt: 'asc' }, { sequence: 'asc' }],
    select: { id: true },
  });
  if (!oldest) return null;
  await db.inboundEvent.update({ where: { id: oldest.id }, data: { status: 'failed', error } });
  const next = await db.inboundEvent.findFirst({ where: { personId, status: 'received' }, select: { id: true } });
  return { failed: oldest.id, next: next?.id ?? null };
}
