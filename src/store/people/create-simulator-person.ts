import type { Database } from '../database.ts';

/** Who the simulator makes: someone with a role, or a newcomer who will join with an invite code in chat. */
type SimulatorPersonKind = 'participant' | 'mentor' | 'trainer' | 'staff' | 'newcomer';

type CreatedSimulatorPerson =
  | { status: 'created'; personId: string; hubKey: string | null }
  | { status: 'no_hub' }
  | { status: 'no_cohort' }
  | { status: 'trainer_without_hub' };

/**
 * Creates a person with a simulator identity `platformId`, in the hub and cohort named by key or id
 * (a cohort unnamed is the oldest one). A newcomer gets no role, no enrolment and no name of their
 * own: `name` is only the one their "app" shows, offered when they join. A trainer runs the hub
 * given (required) in that cohort, as joining with a trainer code makes them.
 */
export async function createSimulatorPerson(
  db: Database,
  input: { platformId: string; name: string; kind: SimulatorPersonKind; hub?: string; cohort?: string },
): Promise<CreatedSimulatorPerson> {
  const { platformId, name, kind, hub, cohort } = input;
  const hubRow = hub ? await db.hub.findFirst({ where: { OR: [{ id: hub }, { key: hub }] } }) : null;
  if (hub && !hubRow) return { status: 'no_hub' };
  const cohortRow = cohort
    ? await db.cohort.findFirst({ where: { OR: [{ id: cohort }, { key: cohort }] } })
    : await db.cohort.findFirst({ orderBy: { createdAt: 'asc' } });
  if (cohort && !cohortRow) return { status: 'no_cohort' };
  if (kind === 'trainer' && (!hubRow || !cohortRow)) return { status: 'trainer_without_hub' };
  const person = await db.person.create({
    data: {
      displayName: kind === 'newcomer' ? null : name,
      roles: kind === 'newcomer' ? [] : [kind],
      hubId: hubRow?.id ?? null,
      identities: { create: { channel: 'simulator', platformId, ...(kind === 'newcomer' && { username: name }) } },
      ...(cohortRow && kind !== 'newcomer' && { enrolments: { create: { cohortId: cohortRow.id, role: kind } } }),
      ...(kind === 'trainer' &&
        hubRow &&
        cohortRow && { trainerHubs: { create: { cohortId: cohortRow.id, hubId: hubRow.id } } }),
    },
    select: { id: true },
  });
  return { status: 'created', personId: person.id, hubKey: hubRow?.key ?? null };
}
