import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

/** A programme file as it was imported, to download. */
export interface ProgrammeFile {
  programmeKey: string;
  version: string;
  fileName: string | null;
  source: string;
}

/**
 * One imported version of a programme file (`importId`), or the one in force of a programme
 * (`programmeId`: the latest kept with the programme's file hash); NotFoundError when there is
 * none or its programme is not among `programmeIds`.
 */
export async function loadProgrammeFile(
  db: Database,
  which: { importId: string } | { programmeId: string },
  programmeIds: string[],
): Promise<ProgrammeFile> {
  const inForce =
    'programmeId' in which
      ? await db.programme.findFirst({
          where: { id: which.programmeId, AND: { id: { in: programmeIds } } },
          select: { sourceHash: true },
        })
      : null;
  if ('programmeId' in which && !inForce) throw new NotFoundError('no such programme');
  const row = await db.programmeImport.findFirst({
    where: {
      programmeId: { in: programmeIds },
      ...('importId' in which
        ? { id: which.importId }
        : { programmeId: which.programmeId, sourceHash: inForce!.sourceHash }),
    },
    orderBy: { importedAt: 'desc' },
    select: { version: true, fileName: true, source: true, programme: { select: { key: true } } },
  });
  if (!row) throw new NotFoundError('no such programme file');
  return { programmeKey: row.programme.key, version: row.version, fileName: row.fileName, source: row.source };
}
