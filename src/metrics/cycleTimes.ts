import type { Metric } from './metric.ts';
import type { MetricParams } from './params.ts';
import { QueryParams } from './query.ts';
import { days, filterSql, instantWindowSql, isoTimestamp, idOrder } from './sql.ts';

export interface CycleTimeRow {
  opp_id: string;
  owner_id: string;
  lead_id: string | null;
  created_at: string;
  won_at: string | null;
  lead_to_opp_days: number | null;
  opp_to_win_days: number | null;
  lead_to_win_days: number | null;
}

/**
 * Cycle times per opportunity (docs/metrics.md, "cycle_times"). The opportunity's lead was resolved at build (the
 * lead it names, else the lowest lead id naming it), and so was won_at (loaders/model/derive.ts).
 */
export const cycleTimes: Metric<CycleTimeRow> = {
  view: 'cycle_times',
  requires: ['opportunities'],
  build(p) {
    const q = new QueryParams();
    const sql = `
SELECT o.opp_id, o.owner_id, o.lead_id,
       ${isoTimestamp('o.created_at')} AS created_at,
       ${isoTimestamp('o.won_at')} AS won_at,
       CAST(lead_to_opp_days AS DOUBLE) AS lead_to_opp_days,
       CAST(opp_to_win_days AS DOUBLE) AS opp_to_win_days,
       CAST(lead_to_win_days AS DOUBLE) AS lead_to_win_days
FROM ${cycleTimesSql(q, p)} o
ORDER BY ${idOrder('o.opp_id')}`;
    return q.query(sql);
  },
};

/**
 * Every opportunity with its three cycle times in days and the filter keys: the one definition the
 * population below and the cycle rollup (src/metrics/cycleRollup.ts) are read from.
 */
export function cycleRows(where: string): string {
  return `SELECT o.opp_id, o.owner_id, o.lead_id, o.created_at, o.won_at, l.created_at AS lead_created_at,
         o.region, o.product_line, o.team, o.campaign_id, o.tier, o.pipeline,
         ${days('l.created_at', 'o.created_at')} AS lead_to_opp_days,
         ${days('o.created_at', 'o.won_at')} AS opp_to_win_days,
         ${days('l.created_at', 'o.won_at')} AS lead_to_win_days
  FROM opportunities o
  LEFT JOIN leads l ON l.lead_id = o.lead_id
  WHERE ${where}`;
}

/** The population's opportunities with their three cycle times in days (cycle_summary aggregates these). */
export function cycleTimesSql(q: QueryParams, p: MetricParams): string {
  return `(
  ${cycleRows(`${filterSql(q, p.filters, 'o')} AND ${instantWindowSql(q, 'o.created_at', p)}`)}
)`;
}
