import { dealSource } from './dealCube.ts';
import type { FilterKey, MetricParams } from './params.ts';
import type { QueryParams } from './query.ts';
import { dateWindowSql, filterSql } from './sql.ts';

/**
 * The kpis figures of docs/metrics.md as SQL, grouped by nothing (the headline row) or by a dimension (a row per
 * region, product line, team or rep). kpis and every breakdown use these texts, so a region's row and
 * the headline filtered to that region are the same computation.
 */
export const CLOSED_FIGURES = [
  'won_amount',
  'won_deals',
  'lost_deals',
  'win_rate',
  'avg_deal_size',
  'avg_sales_cycle_days',
] as const;
export const PIPELINE_FIGURES = ['open_pipeline', 'weighted_pipeline'] as const;
export const INTEGER_FIGURES: ReadonlySet<string> = new Set(['won_deals', 'lost_deals', 'open_deals']);

/**
 * Closed-deal figures for deals closed (by close_date) within [from, to], per group; no window = every closed
 * deal. The deals are rollup rows (src/metrics/dealCube.ts): a rollup when it answers this window exactly,
 * else the deal rows with only the columns used (in the browser every column read is downloaded).
 */
export function closedFiguresSql(
  q: QueryParams,
  p: MetricParams,
  from: string | undefined,
  to: string | undefined,
  groups: readonly FilterKey[],
): string {
  const keys = groups.map((g) => `closed.${g}, `).join('');
  const won = 'coalesce(sum(deals) FILTER (WHERE won), 0)';
  return `(
  SELECT ${keys}coalesce(sum(amount_sum) FILTER (WHERE won), 0) AS won_amount,
         ${won} AS won_deals,
         coalesce(sum(deals) FILTER (WHERE NOT won), 0) AS lost_deals,
         CAST(${won} AS DOUBLE) / nullif(coalesce(sum(deals), 0), 0) AS win_rate,
         sum(amount_sum) FILTER (WHERE won) / nullif(sum(amount_n) FILTER (WHERE won), 0) AS avg_deal_size,
         sum(cycle_sum) FILTER (WHERE won) / nullif(sum(cycle_n) FILTER (WHERE won), 0) AS avg_sales_cycle_days
  FROM (SELECT *, kind = 'won' AS won FROM ${dealSource(p, groups, [{ from, to }])} d WHERE kind IN ('won', 'lost')) closed
  WHERE ${filterSql(q, p.filters, 'closed')} AND ${dateWindowSql(q, 'closed.close_date', from, to)}${
    groups.length
      ? `
  GROUP BY ${groups.map((g) => `closed.${g}`).join(', ')}`
      : ''
  }
)`;
}

/** The open pipeline at as_of (filters apply, the window does not), per group. */
export function pipelineFiguresSql(q: QueryParams, p: MetricParams, groups: readonly FilterKey[]): string {
  const keys = groups.map((g) => `o.${g}, `).join('');
  return `(
  SELECT ${keys}coalesce(sum(deals), 0) AS open_deals, coalesce(sum(amount_sum), 0) AS open_pipeline, coalesce(sum(weighted_sum), 0) AS weighted_pipeline
  FROM ${dealSource(p, groups, [])} o WHERE o.kind = 'open' AND ${filterSql(q, p.filters, 'o')}${
    groups.length
      ? `
  GROUP BY ${groups.map((g) => `o.${g}`).join(', ')}`
      : ''
  }
)`;
}

/** A figure cast to the type the views promise (counts INTEGER, everything else DOUBLE). */
export function figureSql(alias: string, name: string, zeroWhenMissing = false): string {
  const value = zeroWhenMissing ? `coalesce(${alias}.${name}, 0)` : `${alias}.${name}`;
  return `CAST(${value} AS ${INTEGER_FIGURES.has(name) ? 'INTEGER' : 'DOUBLE'})`;
}
