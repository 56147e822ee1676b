import { dwellCtes } from './dwellStints.ts';
import { DWELL_ROLLUP, dwellRollupAnswers } from './dwellRollup.ts';
import type { Metric } from './metric.ts';
import type { MetricParams } from './params.ts';
import { QueryParams } from './query.ts';
import { idOrder, tsParam, windowInstants } from './sql.ts';
import type { DateWindow } from '../state/periods.ts';

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
benchmarks AS (${stored ? storedBenchmarksSql(q, p) : benchmarksSql(q, p, [p])}),
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

/**
 * The team and company medians and means per stage over every deal created in each window, unfiltered,
 * with the window (`window_from`/`window_to`: its dates, '' when open). The view asks for its one window;
 * the build asks for every window it stores in one pass over the stints (src/metrics/dwellRollup.ts).
 */
function benchmarksSql(q: QueryParams, p: MetricParams, windows: readonly DateWindow[]): string {
  // One window: its deals are chosen before their stints are summed (the windows join then keeps them all).
  const population = windows.length === 1 ? { ...p, ...windows[0] } : { ...p, from: undefined, to: undefined };
  const text = (value: string | undefined): string => windowText(q, value);
  const windowRows = windows.map((w) => {
    const { start, end } = windowInstants({ ...w, tz: p.tz });
    return `SELECT ${text(w.from)} AS window_from, ${text(w.to)} AS window_to, ${tsParam(q, start)} AS start_at, ${tsParam(q, end)} AS end_at`;
  });
  return `
  WITH ${dwellCtes(q, population, 'everyone', { applyFilters: false, withStall: false })},
  windows AS (${windowRows.join(' UNION ALL ')}),
  in_window AS (
    SELECT w.window_from, w.window_to, e.team, e.stage, e.days
    FROM everyone e
    JOIN windows w ON (w.start_at IS NULL OR e.created_at >= w.start_at) AND (w.end_at IS NULL OR e.created_at < w.end_at)
  )
  SELECT window_from, window_to, 'team' AS scope, team, stage, median(days) AS median_days, avg(days) AS mean_days
  FROM in_window WHERE team IS NOT NULL GROUP BY window_from, window_to, team, stage
  UNION ALL
  SELECT window_from, window_to, 'company' AS scope, NULL AS team, stage, median(days) AS median_days, avg(days) AS mean_days
  FROM in_window GROUP BY window_from, window_to, stage
`;
}

/** A window's date as the rollup keys it: the date's text, '' when the window is open on that side. */
const windowText = (q: QueryParams, value: string | undefined): string => `CAST(${q.bind(value ?? '')} AS VARCHAR)`;

/** The benchmarks the build stored for this window. */
function storedBenchmarksSql(q: QueryParams, p: MetricParams): string {
  return `
  SELECT scope, team, stage, median_days, mean_days FROM ${DWELL_ROLLUP}
  WHERE window_from = ${windowText(q, p.from)} AND window_to = ${windowText(q, p.to)}
`;
}

/** The benchmarks for every window the build stores, with their windows: what the loaders write. */
export function dwellRollupSql(q: QueryParams, p: MetricParams, windows: readonly DateWindow[]): string {
  return benchmarksSql(q, p, windows);
}
