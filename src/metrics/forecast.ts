import { dealSource } from './dealCube.ts';
import type { Metric } from './metric.ts';
import { QueryParams } from './query.ts';
import { dateWindowSql, filterSql } from './sql.ts';

export interface ForecastRow {
  close_month: string | null;
  open_deals: number;
  pipeline_amount: number;
  weighted_amount: number;
}

/**
 * Forecast (docs/metrics.md, "forecast"): open deals by the month of their close date; overdue dates stay in their
 * past month and deals without a date form the NULL month. A window keeps the close months inside it.
 * The deals are summed by month already in a rollup when the window is whole months (src/metrics/dealCube.ts).
 */
export const forecast: Metric<ForecastRow> = {
  view: 'forecast',
  requires: ['opportunities'],
  build(p) {
    const q = new QueryParams();
    const sql = `
SELECT strftime(o.close_date, '%Y-%m') AS close_month,
       CAST(sum(o.deals) AS INTEGER) AS open_deals,
       CAST(coalesce(sum(o.amount_sum), 0) AS DOUBLE) AS pipeline_amount,
       CAST(coalesce(sum(o.weighted_sum), 0) AS DOUBLE) AS weighted_amount
FROM ${dealSource(p, [], [p])} o
WHERE o.kind = 'open' AND ${filterSql(q, p.filters, 'o')} AND ${dateWindowSql(q, 'o.close_date', p.from, p.to)}
GROUP BY close_month
ORDER BY close_month NULLS LAST`;
    return q.query(sql);
  },
};
