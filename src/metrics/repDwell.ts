import { dwellCtes } from './dwellStints.ts';
import type { Metric } from './metric.ts';
import { QueryParams } from './query.ts';
import { idOrder } from './sql.ts';

export interface RepDwellRow {
  owner_id: string;
  stage: string;
  stage_order: number;
  deals: number;
  median_days: number;
  mean_days: number;
  team_median_days: number | null;
  team_mean_days: number | null;
  company_median_days: number;
  company_mean_days: number;
}

/**
 * Rep dwell: stage_dwell rows aggregated per rep and stage, beside the same figures for the rep's team
 * and the whole company. Filters choose the reps; the team and company benchmarks ignore them (a rep
 * page filtered to one rep still compares with everyone), but share the window.
 */
export const repDwell: Metric<RepDwellRow> = {
  view: 'rep_dwell',
  requires: ['opportunities'],
  build(p) {
    const q = new QueryParams();
    const sql = `
WITH ${dwellCtes(q, p, 'dwell', true, false)},
${dwellCtes(q, p, 'everyone', false, false)},
rep_team AS (SELECT DISTINCT owner_id, team FROM dwell),
team_figures AS (
  SELECT team, stage, median(days) AS median_days, avg(days) AS mean_days FROM everyone WHERE team IS NOT NULL GROUP BY team, stage
),
company_figures AS (
  SELECT stage, median(days) AS median_days, avg(days) AS mean_days FROM everyone GROUP BY stage
),
rep_figures AS (
  SELECT owner_id, stage, stage_order, count(*) AS deals, median(days) AS median_days, avg(days) AS mean_days
  FROM dwell GROUP BY owner_id, stage, stage_order
)
SELECT r.owner_id, r.stage, CAST(r.stage_order AS INTEGER) AS stage_order, CAST(r.deals AS INTEGER) AS deals,
       CAST(r.median_days AS DOUBLE) AS median_days, CAST(r.mean_days AS DOUBLE) AS mean_days,
       CAST(t.median_days AS DOUBLE) AS team_median_days, CAST(t.mean_days AS DOUBLE) AS team_mean_days,
       CAST(c.median_days AS DOUBLE) AS company_median_days, CAST(c.mean_days AS DOUBLE) AS company_mean_days
FROM rep_figures r
JOIN rep_team rt ON rt.owner_id = r.owner_id
LEFT JOIN team_figures t ON t.team = rt.team AND t.stage = r.stage
LEFT JOIN company_figures c ON c.stage = r.stage
ORDER BY ${idOrder('r.owner_id')}, r.stage_order, r.stage`;
    return q.query(sql);
  },
};
