import type { RankedParticipant, ScoreReason } from '../../store/cohorts/load-cohort-scores.ts';
import { html, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';

/** The score names, in the order they are shown. */
export const SHOWN_SCORES = ['motivation', 'reactivity', 'teamwork', 'rubric', 'total'] as const;

/** A participant's scores (0..1) as percentages, with the reasons behind them. */
export function scoresView(ranked: RankedParticipant, t: AdminTranslate): SafeHtml {
  return html`<div class="table"><table class="scores"><thead><tr><th>${t('dashboard-people:rank')}</th>${SHOWN_SCORES.map((name) => html`<th class="n">${t(`dashboard-people:score_${name}`)}</th>`)}</tr></thead>
<tbody><tr><td>${ranked.rank}</td>${SHOWN_SCORES.map((name) => html`<td class="n">${percent(ranked.scores[name], t)}</td>`)}</tr></tbody></table></div>
${reasonsList(ranked.reasons, t)}`;
}

/** A score in 0..1 as a whole percentage, or a dash when there is none (no grade yet). */
export function percent(score: number | null, t: AdminTranslate): string {
  return score === null ? t('dashboard-people:no_score') : `${Math.round(score * 100)} %`;
}

/** Why the scores are what they are, in the viewer's language (keys of the `scores` namespace). */
export function reasonsList(reasons: ScoreReason[], t: AdminTranslate): SafeHtml {
  if (reasons.length === 0) return html``;
  return html`<ul class="reasons">${reasons.map((reason) => html`<li>${t(reason.key.includes(':') ? reason.key : `scores:${reason.key}`, reason.values)}</li>`)}</ul>`;
}
