import type { CountedScores, RankedParticipant, ScoreReason } from '../../store/cohorts/load-cohort-scores.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';

/** The score names, in the order they are shown. */
export const SHOWN_SCORES = ['motivation', 'reactivity', 'teamwork', 'rubric', 'total'] as const;
type ShownScore = (typeof SHOWN_SCORES)[number];

/** A missing score reads as a word, greyed, so it is never taken for a result. */
export const SCORES_STYLE = raw(`<style>
td.missing{color:#6b7280;font-style:italic}
th .not-counted{display:block;font-weight:normal;font-size:.8em;color:#6b7280}
</style>`);

/** A participant's scores (0..1) as percentages, with the reasons behind them; no rank without a total. */
export function scoresView(ranked: RankedParticipant, counted: CountedScores | null, t: AdminTranslate): SafeHtml {
  return html`${SCORES_STYLE}<div class="table"><table class="scores"><thead><tr><th>${t('dashboard-people:rank')}</th>${SHOWN_SCORES.map((name) => scoreHeading(name, counted, t))}</tr></thead>
<tbody><tr>${ranked.scores.total === null ? html`<td class="n missing">${t('dashboard-people:no_score')}</td>` : html`<td>${ranked.rank}</td>`}${SHOWN_SCORES.map((name) => scoreCell(name, ranked.scores[name], t))}</tr></tbody></table></div>
${reasonsList(ranked.reasons, t)}`;
}

/** A score's column heading, marked when the score does not count in the totals yet. */
export function scoreHeading(name: ShownScore, counted: CountedScores | null, t: AdminTranslate): SafeHtml {
  const notCounted = name !== 'total' && counted !== null && !counted[name].counts;
  return html`<th class="n">${t(`dashboard-people:score_${name}`)}${notCounted ? html`<span class="not-counted">${t('dashboard-people:score_not_counted')}</span>` : ''}</th>`;
}

/** One score in a table: a percentage, or "missing" when there is nothing to judge (never a made-up 50 %). */
export function scoreCell(name: ShownScore, score: number | null, t: AdminTranslate): SafeHtml {
  const classes = name === 'total' ? 'n total' : 'n';
  return score === null
    ? html`<td class="${classes} missing">${t('dashboard-people:no_score')}</td>`
    : html`<td class="${classes}">${percent(score)}</td>`;
}

/** A share in 0..1 as a whole percentage. */
export function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** Why the scores are what they are, in the viewer's language (keys of the `scores` namespace). */
export function reasonsList(reasons: ScoreReason[], t: AdminTranslate): SafeHtml {
  if (reasons.length === 0) return html``;
  return html`<ul class="reasons">${reasons.map((reason) => html`<li>${t(reason.key.includes(':') ? reason.key : `scores:${reason.key}`, reason.values)}</li>`)}</ul>`;
}
