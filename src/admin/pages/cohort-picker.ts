import { listCohortNames } from '../../store/cohorts/list-cohort-names.ts';
import type { Database } from '../../store/database.ts';
import { localizedText } from '../localized-text.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import type { Viewer } from '../viewer.ts';

/** Links to the same page for each of the viewer's cohorts; nothing when they have only one. */
export async function cohortPicker(
  db: Database,
  viewer: Viewer,
  currentCohortId: string,
  path: string,
): Promise<SafeHtml> {
  if (viewer.cohortIds.length < 2) return html``;
  const cohorts = await listCohortNames(db, viewer.cohortIds);
  return html`<p class="cohort-picker">${cohorts.map(
    (cohort, index) =>
      html`${index > 0 ? ' · ' : ''}<a href="${path}?cohort=${encodeURIComponent(cohort.id)}"${cohort.id === currentCohortId ? raw(' aria-current="page"') : ''}>${localizedText(cohort.name, viewer.language)}</a>`,
  )}</p>`;
}
