import type { Database } from '../database.ts';
import { Prisma, type Channel, type EnrolmentStatus } from '../generated/client.ts';
import type { DashboardScope } from '../access/visible-enrolments.ts';
import { visibleEnrolmentsSql } from '../access/visible-enrolments-sql.ts';

/** What the participants page asks for; every field narrows the list, none is required. */
export interface ParticipantSearch {
  /** Words that must each appear somewhere in the name, whatever the case and the accents. */
  words: string[];
  cohortId: string | null;
  hubId: string | null;
  /** ISO 3166-1 alpha-2 code of the country the participant lives in (`personCountry`: their own, else their hub's). */
  country: string | null;
  status: EnrolmentStatus | null;
  channel: Channel | null;
  /** Only those the slipping sweep alerted about (Enrolment.slippingAlertedAt). */
  slipping: boolean;
  /** From 1; past the last page, the last page is given. */
  page: number;
  pageSize: number;
}

/** One participant enrolment of the page. */
export interface FoundParticipant {
  personId: string;
  displayName: string | null;
  cohortId: string;
  cohortName: Prisma.JsonValue;
  hubName: Prisma.JsonValue | null;
  country: string | null;
  status: EnrolmentStatus;
  slippingAlertedAt: Date | null;
  channels: Channel[];
}

export interface ParticipantPage {
  /** Every enrolment matching the search, across pages. */
  total: number;
  /** The page given (the one asked for, or the last one when it was past the end). */
  page: number;
  rows: FoundParticipant[];
}

/**
 * One page of the participants the viewer may see, by name (then person and cohort, so that pages
 * never overlap), counted and paged in PostgreSQL. Names are compared through
 * compagnon_search_text (lower case, no accents), which a trigram index covers (migration
 * participant_search): "aicha" finds "Aïcha" without reading every name.
 */
export async function searchParticipants(
  db: Database,
  scope: DashboardScope,
  search: ParticipantSearch,
): Promise<ParticipantPage> {
  const where = Prisma.join(conditions(scope, search), ' AND ');
  const from = Prisma.sql`FROM "Enrolment" e JOIN "Person" p ON p.id = e."personId" LEFT JOIN "Hub" h ON h.id = p."hubId"`;
  const [{ total }] = await db.$queryRaw<[{ total: number }]>`SELECT count(*)::int AS total ${from} WHERE ${where}`;
  const lastPage = Math.max(1, Math.ceil(total / search.pageSize));
  const page = Math.min(Math.max(1, search.page), lastPage);
  if (total === 0) return { total, page, rows: [] };
  const rows = await db.$queryRaw<FoundParticipant[]>`
    SELECT p.id AS "personId", p."displayName", e."cohortId", c.name AS "cohortName", h.name AS "hubName",
      ${PERSON_COUNTRY} AS country, e.status, e."slippingAlertedAt",
      ARRAY(SELECT DISTINCT ci.channel::text FROM "ChannelIdentity" ci WHERE ci."personId" = p.id ORDER BY 1) AS channels
    ${from} JOIN "Cohort" c ON c.id = e."cohortId"
    WHERE ${where}
    ORDER BY compagnon_search_text(p."displayName") NULLS LAST, p.id, c."createdAt", e."cohortId"
    LIMIT ${search.pageSize} OFFSET ${(page - 1) * search.pageSize}`;
  return { total, page, rows };
}

/** `personCountry` in SQL: the country the person gave, else their hub's. */
const PERSON_COUNTRY = Prisma.sql`COALESCE(p.country, h.country)`;

function conditions(scope: DashboardScope, search: ParticipantSearch): Prisma.Sql[] {
  const found = [visibleEnrolmentsSql(scope, Prisma.sql`e`, Prisma.sql`p`)];
  for (const word of search.words)
    found.push(
      Prisma.sql`compagnon_search_text(p."displayName") LIKE '%' || compagnon_search_text(${escapeLike(word)}) || '%'`,
    );
  if (search.cohortId) found.push(Prisma.sql`e."cohortId" = ${search.cohortId}`);
  if (search.hubId) found.push(Prisma.sql`p."hubId" = ${search.hubId}`);
  if (search.country) found.push(Prisma.sql`${PERSON_COUNTRY} = ${search.country}`);
  if (search.status) found.push(Prisma.sql`e.status = ${search.status}::"EnrolmentStatus"`);
  if (search.channel)
    found.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "ChannelIdentity" ci WHERE ci."personId" = p.id AND ci.channel = ${search.channel}::"Channel")`,
    );
  if (search.slipping) found.push(Prisma.sql`e."slippingAlertedAt" IS NOT NULL`);
  return found;
}

/** A typed % or _ is a letter to look for, not a wildcard. */
function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (character) => `\\${character}`);
}
