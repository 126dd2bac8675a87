import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import type { Prisma, Role } from '../generated/client.ts';

/** One invite code as the invites page shows it. */
export interface InviteCodeRow {
  id: string;
  code: string;
  cohortId: string;
  cohortName: unknown;
  /** The programme's time zone: expiry dates are chosen and shown in it. */
  timeZone: string;
  programmeDefaultLocale: string | null;
  role: Role;
  hubName: unknown;
  maxUses: number;
  uses: number;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  /** Who joined with it, in the order they joined; `role` says whether they have a participant page. */
  joined: { personId: string; name: string | null; role: Role }[];
}

interface InviteCodeQuery {
  /** The cohorts the viewer may see; only their codes are listed. */
  cohortIds: string[];
  /** Only these codes (the print page's selection), by their text. */
  codes?: string[];
  skip?: number;
  take?: number;
}

/**
 * Invite codes of the given cohorts, newest first, with who joined with each. A person's own join
 * code (`personId`: a staff member attaching their chat) is theirs alone and not listed here.
 */
export async function listInviteCodes(
  db: Database,
  query: InviteCodeQuery,
): Promise<{ total: number; rows: InviteCodeRow[] }> {
  const where: Prisma.InviteCodeWhereInput = {
    cohortId: { in: query.cohortIds },
    personId: null,
    ...(query.codes && { code: { in: query.codes } }),
  };
  const [total, codes] = await Promise.all([
    db.inviteCode.count({ where }),
    db.inviteCode.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { code: 'asc' }],
      ...(query.skip !== undefined && { skip: query.skip }),
      ...(query.take !== undefined && { take: query.take }),
      include: {
        hub: { select: { name: true } },
        cohort: { select: { name: true, programme: { select: { settings: true, defaultLocale: true } } } },
        enrolments: {
          orderBy: { createdAt: 'asc' },
          select: { role: true, person: { select: { id: true, displayName: true } } },
        },
      },
    }),
  ]);
  const zones = new Map<string, string>();
  const zoneOf = (cohortId: string, settings: unknown) => {
    let zone = zones.get(cohortId);
    if (zone === undefined) zones.set(cohortId, (zone = parseProgrammeSettings(settings).timeZone));
    return zone;
  };
  return {
    total,
    rows: codes.map((row) => ({
      id: row.id,
      code: row.code,
      cohortId: row.cohortId,
      cohortName: row.cohort.name,
      timeZone: zoneOf(row.cohortId, row.cohort.programme.settings),
      programmeDefaultLocale: row.cohort.programme.defaultLocale,
      role: row.role,
      hubName: row.hub?.name ?? null,
      maxUses: row.maxUses,
      uses: row.uses,
      expiresAt: row.expiresAt,
      revokedAt: row.revokedAt,
      createdAt: row.createdAt,
      joined: row.enrolments.map((enrolment) => ({
        personId: enrolment.person.id,
        name: enrolment.person.displayName,
        role: enrolment.role,
      })),
    })),
  };
}
