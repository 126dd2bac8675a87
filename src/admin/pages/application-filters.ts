import { z } from 'zod';
import {
  APPLICATION_DECISIONS,
  APPLICATION_STATES,
  type ApplicationFilters,
} from '../../store/applications/list-applications.ts';

/** The list's address: the call, and the filters. */
export type ApplicationsQuery = {
  call?: string;
  state?: string;
  country?: string;
  shortlisted?: string;
  decision?: string;
  graded?: string;
};

const FILTERS = z.object({
  state: z.enum(APPLICATION_STATES).optional().catch(undefined),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .catch(undefined),
  shortlisted: z.enum(['yes', 'no']).optional().catch(undefined),
  decision: z
    .enum([...APPLICATION_DECISIONS, 'none'])
    .optional()
    .catch(undefined),
  graded: z.enum(['mine', 'not_mine']).optional().catch(undefined),
});

/** The filters of the address; a value that is not one of the list's is ignored (it is only a filter). */
export function readApplicationFilters(query: ApplicationsQuery): ApplicationFilters {
  const read = FILTERS.parse({ ...query, country: query.country?.toUpperCase() || undefined });
  return {
    ...(read.state && { state: read.state }),
    ...(read.country && { country: read.country }),
    ...(read.shortlisted && { shortlisted: read.shortlisted === 'yes' }),
    ...(read.decision && { decision: read.decision }),
    ...(read.graded && { graded: read.graded }),
  };
}

/** The filters (and call) as an address's query, for links that keep them. */
export function filtersQuery(callId: string | undefined, filters: ApplicationFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (callId) query.set('call', callId);
  if (filters.state) query.set('state', filters.state);
  if (filters.country) query.set('country', filters.country);
  if (filters.shortlisted !== undefined) query.set('shortlisted', filters.shortlisted ? 'yes' : 'no');
  if (filters.decision) query.set('decision', filters.decision);
  if (filters.graded) query.set('graded', filters.graded);
  return query;
}

/** A country's name in the viewer's language (its code when the runtime does not know it). */
export function countryLabel(code: string | null, language: string, none: string): string {
  if (!code) return none;
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
