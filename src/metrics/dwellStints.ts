import type { MetricParams } from './params.ts';
import type { QueryParams } from './query.ts';
import { days, filterSql, instantWindowSql, tsParam } from './sql.ts';

/** Which stints `dwellCtes` reads. */
export interface DwellOptions {
  /** false: the unfiltered population (benchmarks). */
  readonly applyFilters: boolean;
  /** Whether each (opportunity, stage) row says if it holds a stalled open stint; default true. */
  readonly withStall?: boolean;
  /**
   * Only the deals still open. A deal has an open stint exactly when it is open: its last stint is its
   * current stage (loaders/model/derive.ts appends it when the history lags), open while that stage's
   * kind is. open_deals then reads a twelfth of the stints at 1M deals.
   */
  readonly openDealsOnly?: boolean;
}

/**
 * CTEs shared by stage_dwell, rep_dwell and open_deals: `dwell` = one row per (opportunity, open stage
 * entered) of the population with its summed days and the deal's creation instant (re-entries add up; the open stint runs to as_of) and,
 * with the stall flag, whether it holds a stalled open stint (the query then needs STALL_P75_CTE).
 * rep_dwell needs no stall flag, and leaving out the percentile over every completed stint saves a scan of
 * the largest table in the browser. Stints join their deal on the owner too (the same value: derive.ts
 * copies it): stage_entries is stored by owner, so a rep's deals bound the blocks read to that rep's. At
 * 1M deals a rep's page read all 3.8M stints, ~250 MB of the database in DuckDB-WASM, for ~10,000.
 */
export function dwellCtes(q: QueryParams, p: MetricParams, name: string, options: DwellOptions): string {
  const { applyFilters, withStall = true, openDealsOnly = false } = options;
  const filters = applyFilters ? filterSql(q, p.filters, 'o') : 'TRUE';
  return `
${name}_stints AS (
  SELECT e.opp_id, o.owner_id, o.team, o.created_at, e.stage, e.stage_order, e.is_open, e.entered_at,
         ${stintDaysSql(q, p, 'e')} AS days${
           withStall
             ? `,
         ${stallLimitSql(q, p)} AS stall_limit`
             : ''
         }
  FROM stage_entries e
  JOIN opportunities o ON o.opp_id = e.opp_id AND o.owner_id = e.owner_id${
    withStall
      ? `
  LEFT JOIN stall_p75 t ON t.stage = e.stage`
      : ''
  }
  WHERE e.stage_kind = 'open'${openDealsOnly ? " AND o.stage_kind = 'open'" : ''} AND ${filters} AND ${instantWindowSql(q, 'o.created_at', p)}
),
${name} AS (
  SELECT opp_id, any_value(owner_id) AS owner_id, any_value(team) AS team, any_value(created_at) AS created_at,
         stage, stage_order,
         count(*) AS entries, sum(days) AS days, bool_or(is_open) AS is_open${
           withStall
             ? `,
         coalesce(bool_or(is_open AND days > stall_limit), false) AS stalled`
             : ''
         }
  FROM ${name}_stints
  GROUP BY opp_id, stage, stage_order
)`;
}

/** A stint's stall limit: the stage's configured days, else the company's 75th percentile (`t.p75`). */
function stallLimitSql(q: QueryParams, p: MetricParams): string {
  const limits = Object.entries(p.stallLimitDays ?? {});
  return limits.length === 0
    ? 't.p75'
    : `CASE e.stage ${limits.map(([stage, d]) => `WHEN ${q.bind(stage)} THEN ${q.bind(d)}`).join(' ')} ELSE t.p75 END`;
}

/** Days of one stage_entries stint: an open stint runs to as_of, a closed one has its days from the build. */
export function stintDaysSql(q: QueryParams, p: Pick<MetricParams, 'asOf'>, alias: string): string {
  return `CASE WHEN ${alias}.is_open THEN ${days(`${alias}.entered_at`, tsParam(q, p.asOf))} ELSE ${alias}.days END`;
}

/** Company-wide 75th percentile of completed stints per open stage: the default stall limit. */
export const STALL_P75_SQL = `SELECT stage, quantile_cont(days, 0.75) AS p75 FROM stage_entries
  WHERE stage_kind = 'open' AND NOT is_open AND days IS NOT NULL
  GROUP BY stage`;

/**
 * The percentiles as the build stored them: completed stints do not change with the view (filters, window
 * or as_of), and computing them read every stint on every query (the largest table, 3.8M rows at 1M deals).
 */
export const STALL_ROLLUP = 'stall_p75_rollup';

export const stallP75Cte = (p: Pick<MetricParams, 'rollups'>): string =>
  `stall_p75 AS (${p.rollups === false ? STALL_P75_SQL : `SELECT stage, p75 FROM ${STALL_ROLLUP}`})`;
