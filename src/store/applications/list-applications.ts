import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

export const APPLICATION_STATES = ['started', 'submitted'] as const;
export const APPLICATION_DECISIONS = ['accepted', 'declined', 'waiting_list'] as const;
export type ApplicationDecision = (typeof APPLICATION_DECISIONS)[number];

/** The list's filters, as the page's address gives them; each one absent shows everything. */
export interface ApplicationFilters {
  state?: (typeof APPLICATION_STATES)[number];
  /** ISO 3166-1 alpha-2 code. */
  country?: string;
  shortlisted?: boolean;
  /** A decision, or `none` for those not decided yet. */
  decision?: ApplicationDecision | 'none';
  /** `mine`: graded by the viewer; `not_mine`: not graded by them yet. */
  graded?: 'mine' | 'not_mine';
}

/** One application in the list. */
export interface ApplicationRow {
  id: string;
  personId: string;
  name: string | null;
  locale: string | null;
  country: string | null;
  city: string | null;
  status: 'started' | 'submitted';
  submittedAt: Date | null;
  shortlisted: boolean;
  decision: ApplicationDecision | null;
  decidedAt: Date | null;
  reviews: { reviewerId: string; score: number }[];
  /** The reviewers' mean grade, null before the first one. */
  average: number | null;
}

/** The where clause of a call's applications under the filters; erased applicants are left out. */
export function applicationsWhere(
  callId: string,
  filters: ApplicationFilters,
  viewerId: string,
): Prisma.ApplicationWhereInput {
  const where: Prisma.ApplicationWhereInput = { callId, person: { erasedAt: null } };
  if (filters.state) where.status = filters.state;
  if (filters.country) where.person = { erasedAt: null, country: filters.country };
  if (filters.shortlisted !== undefined) where.shortlisted = filters.shortlisted;
  if (filters.decision) where.decision = filters.decision === 'none' ? null : filters.decision;
  if (filters.graded === 'mine') where.reviews = { some: { reviewerId: viewerId } };
  if (filters.graded === 'not_mine') where.reviews = { none: { reviewerId: viewerId } };
  return where;
}

/** The mean of some grades, null for none. */
export function averageGrade(scores: readonly number[]): number | null {
  return scores.length === 0 ? null : scores.reduce((sum, score) => sum + score, 0) / scores.length;
}

/** The columns a row of the list is made of. */
export const APPLICATION_ROW_SELECT = {
  id: true,
  personId: true,
  city: true,
  status: true,
  submittedAt: true,
  shortlisted: true,
  decision: true,
  decidedAt: true,
  person: { select: { displayName: true, locale: true, country: true } },
  reviews: { select: { reviewerId: true, score: true } },
} satisfies Prisma.ApplicationSelect;

/** A call's applications under the filters: handed in first, latest first, then those still being written. */
export async function listApplications(
  db: Database,
  request: { callId: string; filters: ApplicationFilters; viewerId: string },
): Promise<ApplicationRow[]> {
  const rows = await db.application.findMany({
    where: applicationsWhere(request.callId, request.filters, request.viewerId),
    orderBy: [{ submittedAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
    select: APPLICATION_ROW_SELECT,
  });
  return rows.map(applicationRow);
}

/** What the list (and applications.csv) shows of an application read with `APPLICATION_ROW_SELECT`. */
export function applicationRow(
  row: Prisma.ApplicationGetPayload<{ select: typeof APPLICATION_ROW_SELECT }>,
): ApplicationRow {
  return {
    id: row.id,
    personId: row.personId,
    name: row.person.displayName,
    locale: row.person.locale,
    country: row.person.country,
    city: row.city,
    status: row.status,
    submittedAt: row.submittedAt,
    shortlisted: row.shortlisted,
    decision: row.decision,
    decidedAt: row.decidedAt,
    reviews: row.reviews,
    average: averageGrade(row.reviews.map((review) => review.score)),
  };
}

/** How many applications a call has in each state and from each country (all of them, whatever the filters). */
export interface ApplicationCounts {
  started: number;
  submitted: number;
  shortlisted: number;
  accepted: number;
  declined: number;
  waiting_list: number;
  /** Country code (or null: not given yet) → number of applications, most first. */
  countries: { country: string | null; count: number }[];
}

export async function countApplications(db: Database, callId: string): Promise<ApplicationCounts> {
  const rows = await db.application.findMany({
    where: { callId, person: { erasedAt: null } },
    select: { status: true, shortlisted: true, decision: true, person: { select: { country: true } } },
  });
  const counts: ApplicationCounts = {
    started: 0,
    submitted: 0,
    shortlisted: 0,
    accepted: 0,
    declined: 0,
    waiting_list: 0,
    countries: [],
  };
  const byCountry = new Map<string | null, number>();
  for (const row of rows) {
    counts[row.status]++;
    if (row.shortlisted) counts.shortlisted++;
    if (row.decision) counts[row.decision]++;
    byCountry.set(row.person.country, (byCountry.get(row.person.country) ?? 0) + 1);
  }
  counts.countries = [...byCountry]
    .map(([country, count]) => ({ country, count }))
    .sort((a, b) => b.count - a.count || (a.country ?? '~').localeCompare(b.country ?? '~'));
  return counts;
}
