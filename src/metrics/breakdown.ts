import { CLOSED_FIGURES, closedFiguresSql, figureSql, PIPELINE_FIGURES, pipelineFiguresSql } from './kpiFigures.ts';
import type { Metric } from './metric.ts';
import type { FilterKey } from './params.ts';
import { comparisonPeriod } from './period.ts';
import { QueryParams } from './query.ts';
import { idOrder } from './sql.ts';

/** The dimensions a breakdown can group by: the opportunity columns the filters use. */
export type BreakdownKey = Extract<FilterKey, 'region' | 'product_line' | 'team' | 'owner_id'>;

export interface BreakdownFigures {
  won_amount: number;
  won_deals: number;
  lost_deals: number;
  win_rate: number | null;
  avg_deal_size: number | null;
  avg_sales_cycle_days: number | null;
  open_deals: number;
  open_pipeline: number;
  weighted_pipeline: number;
  prev_won_amount: number | null;
  prev_won_deals: number | null;
  prev_lost_deals: number | null;
  prev_win_rate: number | null;
  prev_avg_deal_size: number | null;
  prev_avg_sales_cycle_days: number | null;
}

/** A breakdown row: the group's values (named after its keys; rep rows add rep_name) and the figures. */
export type BreakdownRow = BreakdownFigures & Record<string, string | number | null>;

/**
 * The kpis figures per group (docs/metrics.md "kpis", grouped): closed deals by close_date in the window, the same
 * for the comparison period, and the open pipeline at as_of. A group appears when it has a deal in any
 * of the three. Rows come largest won amount first, then by the group values.
 */
export function breakdownMetric(view: string, groups: readonly BreakdownKey[]): Metric<BreakdownRow> {
  return {
    view,
    requires: ['opportunities'],
    build(p) {
      const q = new QueryParams();
      const prev = comparisonPeriod(p);
      const current = closedFiguresSql(q, p, p.from, p.to, groups);
      const previous = prev ? closedFiguresSql(q, p, prev.from, prev.to, groups) : null;
      const pipeline = pipelineFiguresSql(q, p, groups);
      const list = groups.join(', ');
      const on = (alias: string): string =>
        groups.map((g) => `${alias}.${g} IS NOT DISTINCT FROM k.${g}`).join(' AND ');
      const zero = (f: string): boolean => f !== 'win_rate' && f !== 'avg_deal_size' && f !== 'avg_sales_cycle_days';
      const columns = [
        ...CLOSED_FIGURES.map((f) => `${figureSql('cur', f, zero(f))} AS ${f}`),
        ...['open_deals', ...PIPELINE_FIGURES].map((f) => `${figureSql('pipe', f, true)} AS ${f}`),
        ...CLOSED_FIGURES.map((f) =>
          previous ? `${figureSql('prev', f, zero(f))} AS prev_${f}` : `CAST(NULL AS DOUBLE) AS prev_${f}`,
        ),
      ];
      const rep = groups.includes('owner_id');
      const sql = `
WITH cur AS ${current},${
        previous
          ? `
prev AS ${previous},`
          : ''
      }
pipe AS ${pipeline},
k AS (
  SELECT ${list} FROM cur UNION SELECT ${list} FROM pipe${previous ? ` UNION SELECT ${list} FROM prev` : ''}
)
SELECT ${groups.map((g) => `CAST(k.${g} AS VARCHAR) AS ${g}`).join(', ')},${rep ? ' CAST(r.rep_name AS VARCHAR) AS rep_name,' : ''}
       ${columns.join(',\n       ')}
FROM k
LEFT JOIN cur ON ${on('cur')}
LEFT JOIN pipe ON ${on('pipe')}${
        previous
          ? `
LEFT JOIN prev ON ${on('prev')}`
          : ''
      }${
        rep
          ? `
LEFT JOIN reps r ON r.rep_id = k.owner_id`
          : ''
      }
ORDER BY won_amount DESC, ${groups.map((g) => idOrder(`k.${g}`)).join(', ')}`;
      return q.query(sql);
    },
  };
}

export const byRegion = breakdownMetric('by_region', ['region']);
export const byProductLine = breakdownMetric('by_product_line', ['product_line']);
export const byTeam = breakdownMetric('by_team', ['team']);
export const byRep = breakdownMetric('by_rep', ['owner_id']);
export const productRegion = breakdownMetric('product_region', ['product_line', 'region']);
