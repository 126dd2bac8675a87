import type { CohortRanking } from '../../store/cohorts/load-cohort-scores.ts';
import type { AdminTranslate } from '../layout.ts';
import type { ExportTable } from './export-table.ts';

/**
 * scores.csv and scores.xlsx: the cohort's ranking as the scores module computes it (each score from 0 to 1),
 * with the reasons behind it in the viewer's language.
 */
export function scoresTable(ranking: CohortRanking, { t }: { t: AdminTranslate }): ExportTable {
  const header = [
    'rank',
    'person_id',
    'name',
    'status',
    'total',
    'motivation',
    'reactivity',
    'teamwork',
    'rubric',
    'reasons',
  ].map((column) => t(`dashboard-broadcasts:csv_${column}`));
  const rows = ranking.participants.map((participant) => [
    participant.rank,
    participant.personId,
    participant.name,
    t(`dashboard-broadcasts:status_${participant.status}`),
    round(participant.scores.total),
    round(participant.scores.motivation),
    round(participant.scores.reactivity),
    round(participant.scores.teamwork),
    round(participant.scores.rubric),
    participant.reasons
      .map((reason) => t(reason.key.includes(':') ? reason.key : `scores:${reason.key}`, reason.values))
      .join('; '),
  ]);
  return { header, rows };
}

/** Three decimals: enough to tell participants apart, short enough to read; a missing score stays empty. */
function round(score: number | null): number | null {
  return score === null ? null : Math.round(score * 1000) / 1000;
}
