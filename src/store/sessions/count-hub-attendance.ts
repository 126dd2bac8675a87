import type { Database } from '../database.ts';

/** Attendance of one hub's participants at the sessions that have ended. */
export interface HubAttendance {
  /** Null for participants without a hub. */
  hubId: string | null;
  hubName: unknown;
  invited: number;
  attended: number;
}

/**
 * For the cohort page: per hub (the participant's), how many invitations of the cohort's
 * participants to sessions of its programme that have ended (their venue's end is past, the
 * session not cancelled), and how many of them attended. Hubs by key; those without a hub last.
 * With `hubIds` (a trainer's, see `visibleHubIds`), only the participants of those hubs.
 */
export async function countHubAttendance(
  db: Database,
  cohortId: string,
  now: Date,
  hubIds: string[] | null = null,
): Promise<HubAttendance[]> {
  const invitations = await db.sessionInvitation.findMany({
    where: {
      session: { status: 'scheduled', programme: { cohorts: { some: { id: cohortId } } } },
      venue: { endsAt: { lte: now } },
      person: {
        erasedAt: null,
        enrolments: { some: { cohortId, role: 'participant' } },
        ...(hubIds !== null && { hubId: { in: hubIds } }),
      },
    },
    select: { attendedAt: true, person: { select: { hub: { select: { id: true, key: true, name: true } } } } },
  });
  const byHub = new Map<string | null, HubAttendance & { key: string | null }>();
  for (const { attendedAt, person } of invitations) {
    const hubId = person.hub?.id ?? null;
    const counted = byHub.get(hubId) ?? {
      hubId,
      key: person.hub?.key ?? null,
      hubName: person.hub?.name ?? null,
      invited: 0,
      attended: 0,
    };
    counted.invited += 1;
    if (attendedAt !== null) counted.attended += 1;
    byHub.set(hubId, counted);
  }
  return [...byHub.values()]
    .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key)))
    .map(({ key: _key, ...hub }) => hub);
}
