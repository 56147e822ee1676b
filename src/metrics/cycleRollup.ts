import { cycleRows } from './cycleTimes.ts';
import { localMonthOf, monthStartsCte, type CreationSpan } from './months.ts';
import type { MetricParams } from './params.ts';
import type { QueryParams } from './query.ts';
import { filterSql, instantWindowSql } from './sql.ts';

/**
 * cycle_summary's medians and quantiles cannot be summed from parts, so its rollup keeps the deals: those
 * with at least one cycle time (a lead, or won), each with its three times, the filter keys and the local
 * months its creation and its win fall in. A filter change then reads these columns instead of joining
 * every deal to two million leads and finding two months for each with a join on every query. Its months
 * are local to the time zone it was built in, so it answers in that zone (`rollupsInZone`). Its rows are
 * stored by creation instant: every view of it has a window on created_at (the page's period), which then
 * bounds the blocks read; stored by region first, the default view (this year, every region) read the
 * whole table, 63 MB of ranges in DuckDB-WASM at 1M deals.
 */
export const CYCLE_ROLLUP = 'deal_cycle_rollup';

/** The SQL that builds the rollup natively; `span`: the local days from the first deal's creation to the last creation or win. */
export function cycleRollupSql(tz: string, span: CreationSpan | null): string {
  const created = localMonthOf('c.created_at', 'm');
  const won = localMonthOf('c.won_at', 'w');
  return `WITH ${monthStartsCte(tz, span)}
SELECT c.opp_id, c.owner_id, c.created_at, c.won_at, c.region, c.product_line, c.team, c.campaign_id, c.tier, c.pipeline,
       c.lead_to_opp_days, c.opp_to_win_days, c.lead_to_win_days,
       strftime(${created.month}, '%Y-%m') AS created_at_month, strftime(${won.month}, '%Y-%m') AS won_at_month
FROM (${cycleRows('TRUE')}) c
${created.join}
${won.join}
WHERE c.lead_to_opp_days IS NOT NULL OR c.opp_to_win_days IS NOT NULL OR c.lead_to_win_days IS NOT NULL
ORDER BY c.created_at, c.region, c.owner_id`;
}

/** The population's deals with a cycle time, from the rollup (cycleTimesSql's rows, less those with none). */
export function cycleRollupRows(q: QueryParams, p: MetricParams): string {
  return `(
  SELECT * FROM ${CYCLE_ROLLUP} o WHERE ${filterSql(q, p.filters, 'o')} AND ${instantWindowSql(q, 'o.created_at', p)}
)`;
}
