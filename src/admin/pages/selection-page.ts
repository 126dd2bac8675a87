import { selectionNotice } from '../../conversation/notices/selection-notice.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from '../../domain/programme/language.ts';
import { applySelectionDecision } from '../../store/cohorts/apply-selection-decision.ts';
import { SELECTION_DECISIONS } from '../../store/cohorts/decide-selection.ts';
import {
  loadCohortScores,
  type CohortRanking,
  type CountedScores,
  type ScoreWeights,
} from '../../store/cohorts/load-cohort-scores.ts';
import { NotFoundError } from '../../store/errors.ts';
import { listPeopleHubs } from '../../store/people/list-people-hubs.ts';
import { assertCanSeeCohort, assertStaff, viewerCohort } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { BadRequestError } from '../admin-errors.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminTranslate, csrfField, renderPage, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import { cohortPicker } from './cohort-picker.ts';
import { PEOPLE_STYLE } from './people-style.ts';
import { percent, reasonsList, scoreCell, scoreHeading, SCORES_STYLE, SHOWN_SCORES } from './scores-view.ts';

const oneOrMany = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]));

const DECISION_FORM = z.object({
  cohort: z.string().min(1),
  enrolmentId: oneOrMany,
  decision: z.enum(SELECTION_DECISIONS),
  notify: z.literal('on').optional(),
});

/**
 * The exact message each outcome's people will read, in each language, as selectionNotice words
 * it (the programme file's text when it has one), with an example name where theirs will be.
 */
function noticePreview(ranking: CohortRanking, deps: AdminDependencies, t: AdminTranslate): SafeHtml {
  const outcomes = ['selected', 'not_selected'] as const;
  return html`<div class="notice-preview"><p><strong>${t('dashboard-people:notice_preview_title')}</strong></p>
${outcomes.map(
  (
    decision,
  ) => html`<p>${t(`dashboard-people:decide_${decision}`)}${ranking.programme.selectionNotices[decision] ? '' : html` <span class="muted">(${t('dashboard-people:notice_default')})</span>`}</p>
<ul>${SUPPORTED_LANGUAGES.map((language) => {
    const notice = selectionNotice(
      {
        decision,
        recipient: { locale: language, displayName: t('dashboard-people:notice_example_name') },
        programme: ranking.programme,
      },
      deps,
    );
    return html`<li lang="${language}"><span class="muted">${t(`dashboard-people:language_${language}`)} :</span> <q>${notice.kind === 'text' ? notice.text : ''}</q></li>`;
  })}</ul>`,
)}</div>`;
}

const WEIGHED_SCORES = ['motivation', 'reactivity', 'teamwork', 'rubric'] as const;

/**
 * How the total is computed, in a sentence, and where each score stands: counted with its share
 * of the total, not counted yet (how many have it), or weighed 0 by the programme. The rule itself
 * is countedScores' (src/domain/scores/counted-scores.ts): a score counts once everyone who should
 * have it does, so grading some people first moves nobody.
 */
function totalRule(counted: CountedScores | null, weights: ScoreWeights, t: AdminTranslate): SafeHtml {
  const counting = WEIGHED_SCORES.filter((name) => weights[name] > 0 && (counted?.[name].counts ?? true));
  const sum = counting.reduce((total, name) => total + weights[name], 0) || 1;
  const line = (name: (typeof WEIGHED_SCORES)[number]) => {
    const score = t(`dashboard-people:score_${name}`);
    if (weights[name] <= 0) return t('dashboard-people:total_weight_zero', { score });
    if (counting.includes(name))
      return t('dashboard-people:total_counts', { score, share: percent(weights[name] / sum) });
    const { have, of } = counted![name];
    return t(`dashboard-people:total_not_yet_${name === 'rubric' ? 'rubric' : 'score'}`, { score, have, of });
  };
  return html`<section class="card total-rule"><h2>${t('dashboard-people:total_title')}</h2>
<p>${t('dashboard-people:total_rule')}</p>
<ul>${WEIGHED_SCORES.map((name) => html`<li>${line(name)}</li>`)}</ul></section>`;
}

/**
 * GET /admin/selection?cohort=… (staff) — the cohort ranked by score, with the reasons, and a form
 * to mark participants selected, not selected or back to active.
 * POST /admin/selection — applies the decision (audited) and, when asked, tells each participant
 * in their language, once.
 */
export function registerSelectionPage(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Querystring: { cohort?: string; changed?: string; notified?: string } }>(
    '/admin/selection',
    async (request, reply) => {
      const { viewer } = request;
      assertStaff(viewer);
      const cohortId = await viewerCohort(deps.db, viewer, request.query.cohort);
      const t = adminTranslate(deps, viewer);
      const ranking = await loadCohortScores(deps.db, { cohortId, now: deps.now() });
      const hubs = await listPeopleHubs(
        deps.db,
        ranking.participants.map((p) => p.personId),
      );
      const { changed, notified } = request.query;
      const body = html`${PEOPLE_STYLE}${await cohortPicker(deps.db, viewer, cohortId, '/admin/selection')}
${changed !== undefined ? html`<p class="notice" role="status">${t('dashboard-people:selection_done', { changed: Number(changed) || 0, notified: Number(notified) || 0 })}</p>` : ''}
${SCORES_STYLE}${totalRule(ranking.counted, ranking.weights, t)}
<form method="post" action="/admin/selection">${csrfField(viewer)}<input type="hidden" name="cohort" value="${cohortId}">
<div class="table"><table class="ranking"><thead><tr><th></th><th class="n">${t('dashboard-people:rank')}</th><th>${t('dashboard-people:name')}</th><th>${t('dashboard-people:hub')}</th><th>${t('dashboard-people:status')}</th>${SHOWN_SCORES.map((name) => scoreHeading(name, ranking.counted, t))}</tr></thead><tbody>
${ranking.participants.map(
  (
    participant,
  ) => html`<tr><td><input type="checkbox" name="enrolmentId" value="${participant.enrolmentId}" id="pick-${participant.enrolmentId}" aria-label="${participant.name ?? participant.personId}"></td>
<td class="n">${participant.rank}</td><td><a href="/admin/people/${participant.personId}">${participant.name ?? t('dashboard-people:unnamed')}</a></td><td>${localizedText(hubs.get(participant.personId) ?? null, viewer.language)}</td>
<td><span class="badge enrolment-${participant.status}">${t(`dashboard-people:enrolment_${participant.status}`)}</span></td>
${SHOWN_SCORES.map((name) => scoreCell(name, participant.scores[name], t))}</tr>
<tr class="reasons-row"><td></td><td colspan="${4 + SHOWN_SCORES.length}"><details><summary>${t('dashboard-people:reasons')}</summary>${reasonsList(participant.reasons, t)}</details></td></tr>`,
)}
</tbody></table></div>
<fieldset class="card"><legend>${t('dashboard-people:decision')}</legend>
${SELECTION_DECISIONS.map((decision, index) => html`<label><input type="radio" name="decision" value="${decision}"${index === 0 ? html` checked` : ''}> ${t(`dashboard-people:decide_${decision}`)}</label><br>`)}
<label><input type="checkbox" name="notify" value="on"> ${t('dashboard-people:notify')}</label>
${noticePreview(ranking, deps, t)}
<p><button type="submit">${t('dashboard-people:apply_decision')}</button></p>
</fieldset>
</form>`;
      return reply
        .type('text/html; charset=utf-8')
        .send(renderPage(viewer, t, { title: t('dashboard-people:selection_title'), body, section: 'selection' }));
    },
  );

  app.post('/admin/selection', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const form = DECISION_FORM.safeParse(request.body ?? {});
    if (!form.success)
      throw new BadRequestError('tick at least one participant and choose a decision', {
        key: 'dashboard:error_selection_form',
      });
    const { cohort: cohortId, enrolmentId: enrolmentIds, decision } = form.data;
    assertCanSeeCohort(viewer, cohortId);
    const now = deps.now();
    let result;
    try {
      result = await applySelectionDecision(deps.db, {
        actorId: viewer.personId,
        cohortId,
        enrolmentIds,
        decision,
        notify: form.data.notify === 'on',
        now,
        notice: (facts) => selectionNotice(facts, deps),
      });
    } catch (error) {
      // Here a missing enrolment is a form that names someone not in the cohort, not a missing page.
      if (error instanceof NotFoundError)
        throw new BadRequestError(error.message, { key: 'dashboard:error_not_in_cohort' });
      throw error;
    }
    // After the commit: a delivery job never looks for a row that is not there yet.
    await deps.queues.deliverOutbound(result.outbox, now);
    const changed = result.outcomes.filter((outcome) => outcome.changed).length;
    const notified = result.outcomes.filter((outcome) => outcome.notified).length;
    return reply.redirect(
      `/admin/selection?cohort=${encodeURIComponent(cohortId)}&changed=${changed}&notified=${notified}`,
      303,
    );
  });
}
