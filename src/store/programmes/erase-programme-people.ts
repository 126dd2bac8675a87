import type { Database } from '../database.ts';
import { deleteErasedFiles, erasePerson } from '../people/erase-person.ts';

/** People erased per transaction: a large cohort is erased in several short ones. */
const BATCH_SIZE = 50;

interface ProgrammeErasureCounts {
  /** People erased in this run. */
  erased: number;
  /** People of the programme kept because another programme of theirs still keeps their data. */
  kept: number;
  inviteCodesRemoved: number;
}

/**
 * Erases, as DELETE does, everyone enrolled in a programme past its retention, unless they are
 * also enrolled in a programme not past its own (`expiredProgrammeIds` lists those that are):
 * their data is still needed there, and the later programme's retention will erase them. Its
 * invite codes go too, so nobody joins a programme whose data is gone. One audit entry (no
 * actor: the system) with the counts, when anything was erased. Running it again erases nothing
 * more: erased people are skipped.
 */
export async function eraseProgrammePeople(
  db: Database,
  input: {
    programmeId: string;
    expiredProgrammeIds: string[];
    at: Date;
    mediaDir?: string;
    details?: Record<string, string>;
  },
): Promise<ProgrammeErasureCounts> {
  const { programmeId, expiredProgrammeIds, at } = input;
  const inProgramme = { enrolments: { some: { cohort: { programmeId } } }, erasedAt: null };
  const elsewhere = { enrolments: { some: { cohort: { programmeId: { notIn: expiredProgrammeIds } } } } };
  let erased = 0;
  for (;;) {
    const batch = await db.person.findMany({
      where: { ...inProgramme, NOT: elsewhere },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: BATCH_SIZE,
    });
    if (batch.length === 0) break;
    const files = await db.$transaction(
      async (tx) => {
        const paths: string[] = [];
        for (const { id } of batch) {
          paths.push(
            ...(await erasePerson(tx, {
              personId: id,
              at,
              actorId: null,
              reason: 'retention',
              ...(input.mediaDir !== undefined && { mediaDir: input.mediaDir }),
            })),
          );
        }
        return paths;
      },
      { timeout: 60_000 },
    );
    // Their files go once the rows are gone for good: a failed transaction leaves both.
    await deleteErasedFiles(files);
    erased += batch.length;
  }
  const kept = await db.person.count({ where: { AND: [inProgramme, elsewhere] } });
  const { count: inviteCodesRemoved } = await db.inviteCode.deleteMany({ where: { cohort: { programmeId } } });
  if (erased > 0 || inviteCodesRemoved > 0) {
    await db.auditLog.create({
      data: {
        actorId: null,
        action: 'programme.retention_erase',
        entity: 'Programme',
        entityId: programmeId,
        details: { erased, kept, inviteCodesRemoved, ...input.details },
      },
    });
  }
  return { erased, kept, inviteCodesRemoved };
}
