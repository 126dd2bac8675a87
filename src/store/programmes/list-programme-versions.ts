import type { Database } from '../database.ts';

/** One imported version of a programme file, without the file itself. */
export interface ProgrammeVersion {
  id: string;
  version: string;
  /** SHA-256 of the file: the version in force is the one whose hash is the programme's. */
  sourceHash: string;
  importedAt: Date;
  via: string;
  fileName: string | null;
  /** Who imported it from the dashboard; null from the command line (or once that person is erased). */
  importedBy: string | null;
  changeCount: number;
}

/** A programme as the programme-file page shows it: what is in force and the versions kept, newest first. */
export interface ProgrammeVersions {
  id: string;
  key: string;
  name: unknown;
  version: string;
  importedAt: Date;
  /** SHA-256 of the file in force: an upload with the same hash changes nothing. */
  sourceHash: string;
  versions: ProgrammeVersion[];
}

/** The programmes among `programmeIds`, each with its imported versions (newest first). */
export async function listProgrammeVersions(db: Database, programmeIds: string[]): Promise<ProgrammeVersions[]> {
  const rows = await db.programme.findMany({
    where: { id: { in: programmeIds } },
    orderBy: { key: 'asc' },
    select: {
      id: true,
      key: true,
      name: true,
      version: true,
      importedAt: true,
      sourceHash: true,
      imports: {
        orderBy: { importedAt: 'desc' },
        select: {
          id: true,
          version: true,
          sourceHash: true,
          importedAt: true,
          via: true,
          fileName: true,
          changes: true,
          importedBy: { select: { displayName: true } },
        },
      },
    },
  });
  return rows.map(({ imports, ...programme }) => ({
    ...programme,
    versions: imports.map(({ importedBy, changes, ...version }) => ({
      ...version,
      importedBy: importedBy?.displayName ?? null,
      changeCount: Array.isArray(changes) ? changes.length : 0,
    })),
  }));
}
