import path from 'node:path';
import type { Database } from '../database.ts';
import { erasePerson } from '../people/erase-person.ts';

/** Applications whose keep_declined runs out: declined, left on the waiting list, or never handed in (counted from the closing). */
const ERASABLE = {
  OR: [{ decision: { in: ['declined' as const, 'waiting_list' as const] } }, { status: 'started' as const }],
};

/**
 * Erases the applications whose keep_declined has run out (`eraseAfter` passed): declined ones,
 * those left on the waiting list, and those never handed in (counted from the closing): their
 * answers, files and reviews go with them, and the applicant too when nothing else keeps them
 * here (no role, no enrolment, no other application). One transaction per application; returns
 * the files to delete once committed (as `erasePerson` does) and the counts.
 */
export async function eraseDeclinedApplications(
  db: Database,
  request: { at: Date; mediaDir: string },
): Promise<{ applications: number; people: number; files: string[] }> {
  const { at, mediaDir } = request;
  const due = await db.application.findMany({
    where: { ...ERASABLE, eraseAfter: { lte: at } },
    select: { id: true },
    orderBy: { eraseAfter: 'asc' },
  });
  let people = 0;
  const files: string[] = [];
  for (const { id } of due) {
    const erased = await db.$transaction(async (tx) => {
      // Read again inside: a waiting list may have turned into an acceptance, the row may be gone already.
      const application = await tx.application.findFirst({
        where: { id, ...ERASABLE, eraseAfter: { lte: at } },
        select: {
          personId: true,
          answers: { where: { mediaFileId: { not: null } }, select: { mediaFileId: true } },
          person: { select: { roles: true, erasedAt: true } },
        },
      });
      if (!application) return null;
      const { personId } = application;
      const mediaIds = application.answers.flatMap((answer) => (answer.mediaFileId ? [answer.mediaFileId] : []));
      await tx.application.delete({ where: { id } });
      const elsewhere = await tx.person.findFirst({
        where: {
          id: personId,
          OR: [{ roles: { isEmpty: false } }, { enrolments: { some: {} } }, { applications: { some: {} } }],
        },
        select: { id: true },
      });
      if (!elsewhere && !application.person.erasedAt) {
        const paths = await erasePerson(tx, { personId, at, mediaDir, actorId: null, reason: 'retention' });
        return { person: true, paths };
      }
      // The applicant stays (staff, a participant, another application): only this application's files go.
      const media = await tx.mediaFile.findMany({
        where: {
          id: { in: mediaIds },
          answers: { none: {} },
          helpMessages: { none: {} },
          applicationAnswers: { none: {} },
        },
        select: { id: true, path: true },
      });
      await tx.mediaFile.deleteMany({ where: { id: { in: media.map((file) => file.id) } } });
      const paths: string[] = [];
      for (const file of media)
        if ((await tx.mediaFile.count({ where: { path: file.path } })) === 0)
          paths.push(path.join(mediaDir, file.path));
      return { person: false, paths };
    });
    if (!erased) continue;
    if (erased.person) people++;
    files.push(...erased.paths);
  }
  return { applications: due.length, people, files };
}
