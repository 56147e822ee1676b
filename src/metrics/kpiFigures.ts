import type { MetricParams } from './params.ts';
import { FILTER_KEYS } from './params.ts';
import type { QueryParams } from './query.ts';
import { dateWindowSql, days, filterSql } from './sql.ts';

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
 * The closed deals (won or lost) with only the columns used: DuckDB materialises a CTE read twice, and in
 * the browser every column read is downloaded (o.* fetched the whole table at 1M deals).
 */
export function closedCte(p: MetricParams, groups: readonly string[]): string {
  const filterColumns = FILTER_KEYS.filter((k) => p.filters[k]?.length || groups.includes(k));
  return `closed AS (
  SELECT o.amount, o.close_date, ${filterColumns.map((k) => `o.${k}, `).join('')}
         o.stage_kind = 'won' AS won, ${days('o.created_at', 'o.won_at')} AS cycle_days
  FROM opportunities o
  WHERE o.stage_kind IN ('won', 'lost')
)`;
}

/** Closed-deal figures for deals closed (by close_date) within [from, to], per group; no window = every closed deal. */
export function closedFiguresSql(
  q: QueryParams,
  p: MetricParams,
  from: string | undefined,
  to: string | undefined,
  groups: readonly string[],
): string {
  const keys = groups.map((g) => `closed.${g}, `).join('');
  return `(
  SELECT ${keys}coalesce(sum(amount) FILTER (WHERE won), 0) AS won_amount,
         count(*) FILTER (WHERE won) AS won_deals,
         count(*) FILTER (WHERE NOT won) AS lost_deals,
         CAST(count(*) FILTER (WHERE won) AS DOUBLE) / nullif(count(*), 0) AS win_rate,
         avg(amount) FILTER (WHERE won) AS avg_deal_size,
         avg(cycle_days) FILTER (WHERE won) AS avg_sales_cycle_days
  FROM closed
  WHERE ${filterSql(q, p.filters, 'closed')} AND ${dateWindowSql(q, 'closed.close_date', from, to)}${
    groups.length
      ? `
  GROUP BY ${groups.map((g) => `closed.${g}`).join(', ')}`
      : ''
  }
)`;
}

/** The open pipeline at as_of (filters apply, the window does not), per group. */
export function pipelineFiguresSql(q: QueryParams, p: MetricParams, groups: readonly string[]): string {
  const keys = groups.map((g) => `o.${g}, `).join('');
  return `(
  SELECT ${keys}count(*) AS open_deals, coalesce(sum(amount), 0) AS open_pipeline, coalesce(sum(amount * probability), 0) AS weighted_pipeline
  FROM opportunities o WHERE o.stage_kind = 'open' AND ${filterSql(q, p.filters, 'o')}${
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
