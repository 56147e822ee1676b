import type { BoundQuery, Row } from '../db/engine.ts';
import { dwellCtes } from './dwellStints.ts';
import { DWELL_ROLLUP, dwellRollupAnswers } from './dwellRollup.ts';
import type { Metric } from './metric.ts';
import type { MetricParams } from './params.ts';
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
 * page filtered to one rep still compares with everyone), but share the window. The benchmarks are the
 * costly part (every stint of the window); for a window the build precomputed they are read from its
 * stored rows (src/metrics/dwellRollup.ts), which are this same benchmark SQL's output.
 */
export const repDwell: Metric<RepDwellRow> = {
  view: 'rep_dwell',
  requires: ['opportunities'],
  build(p) {
    const q = new QueryParams();
    const stored = dwellRollupAnswers(p);
    const sql = `
WITH ${dwellCtes(q, p, 'dwell', { applyFilters: true, withStall: false })},
benchmarks AS (${stored ? storedBenchmarksSql(q, p) : benchmarksSql(q, p)}),
rep_team AS (SELECT DISTINCT owner_id, team FROM dwell),
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
LEFT JOIN benchmarks t ON t.scope = 'team' AND t.team = rt.team AND t.stage = r.stage
LEFT JOIN benchmarks c ON c.scope = 'company' AND c.stage = r.stage
ORDER BY ${idOrder('r.owner_id')}, r.stage_order, r.stage`;
    return q.query(sql);
  },
};

/** The team and company medians and means per stage over every deal created in the window, unfiltered. */
function benchmarksSql(q: QueryParams, p: MetricParams): string {
  return `
  WITH ${dwellCtes(q, p, 'everyone', { applyFilters: false, withStall: false })}
  SELECT 'team' AS scope, team, stage, median(days) AS median_days, avg(days) AS mean_days
  FROM everyone WHERE team IS NOT NULL GROUP BY team, stage
  UNION ALL
  SELECT 'company' AS scope, NULL AS team, stage, median(days) AS median_days, avg(days) AS mean_days
  FROM everyone GROUP BY stage
`;
}

/** The benchmarks the build stored for this window. */
function storedBenchmarksSql(q: QueryParams, p: MetricParams): string {
  const text = (value: string | undefined): string => `CAST(${q.bind(value ?? '')} AS VARCHAR)`;
  return `
  SELECT scope, team, stage, median_days, mean_days FROM ${DWELL_ROLLUP}
  WHERE window_from = ${text(p.from)} AND window_to = ${text(p.to)}
`;
}

/** The benchmarks for one window, with the window: what the loaders store for each precomputed window. */
export function dwellRollupRows(p: MetricParams): BoundQuery<Row> {
  const q = new QueryParams();
  const benchmarks = benchmarksSql(q, p);
  const window = `CAST(${q.bind(p.from ?? '')} AS VARCHAR) AS window_from, CAST(${q.bind(p.to ?? '')} AS VARCHAR) AS window_to`;
  return q.query(`SELECT ${window}, * FROM (${benchmarks})`);
}
