import type { Metric } from './metric.ts';
import { FILTER_KEYS, type MetricParams } from './params.ts';
import { comparisonPeriod } from './period.ts';
import { QueryParams } from './query.ts';
import { dateWindowSql, days, filterSql } from './sql.ts';

const FIGURES = ['won_amount', 'won_deals', 'lost_deals', 'win_rate', 'avg_deal_size', 'avg_sales_cycle_days', 'open_pipeline', 'weighted_pipeline'] as const;

export type KpiFigures = Record<(typeof FIGURES)[number], number | null>;
export type KpiRow = KpiFigures & { [K in keyof KpiFigures as `prev_${K}`]: number | null } & {
  period_from: string | null;
  period_to: string | null;
  prev_from: string | null;
  prev_to: string | null;
};

/** Closed-deal figures for deals closed (by close_date) within [from, to]; no window = every closed deal. */
function closedFigures(q: QueryParams, p: MetricParams, from: string | undefined, to: string | undefined): string {
  return `(
  SELECT coalesce(sum(amount) FILTER (WHERE won), 0) AS won_amount,
         count(*) FILTER (WHERE won) AS won_deals,
         count(*) FILTER (WHERE NOT won) AS lost_deals,
         CAST(count(*) FILTER (WHERE won) AS DOUBLE) / nullif(count(*), 0) AS win_rate,
         avg(amount) FILTER (WHERE won) AS avg_deal_size,
         avg(cycle_days) FILTER (WHERE won) AS avg_sales_cycle_days
  FROM closed
  WHERE ${filterSql(q, p.filters, 'closed')} AND ${dateWindowSql(q, 'closed.close_date', from, to)}
)`;
}

/**
 * Headline KPIs (spec "kpis"): closed-deal figures over the close_date window, the open and weighted
 * pipeline as the as_of snapshot (filters apply, the window does not), and the same figures for the
 * comparison period. The pipeline is a snapshot, so its comparison value is the same snapshot.
 */
export const kpis: Metric = {
  view: 'kpis',
  requires: ['opportunities'],
  build(p) {
    const q = new QueryParams();
    const prev = comparisonPeriod(p);
    const current = closedFigures(q, p, p.from, p.to);
    const previous = prev ? closedFigures(q, p, prev.from, prev.to) : null;
    const pipeline = `(
  SELECT coalesce(sum(amount), 0) AS open_pipeline, coalesce(sum(amount * probability), 0) AS weighted_pipeline
  FROM opportunities o WHERE o.stage_kind = 'open' AND ${filterSql(q, p.filters, 'o')}
)`;
    const figure = (alias: string, name: string): string => {
      const integer = name === 'won_deals' || name === 'lost_deals';
      return `CAST(${alias}.${name} AS ${integer ? 'INTEGER' : 'DOUBLE'})`;
    };
    const columns = FIGURES.map((f) => {
      const source = f === 'open_pipeline' || f === 'weighted_pipeline' ? 'pipe' : 'cur';
      const prevSource = f === 'open_pipeline' || f === 'weighted_pipeline' ? 'pipe' : 'prev';
      return `${figure(source, f)} AS ${f}, ${previous ? figure(prevSource, f) : 'CAST(NULL AS DOUBLE)'} AS prev_${f}`;
    });
    const text = (value: string | undefined): string => `CAST(${q.bind(value ?? null)} AS VARCHAR)`;
    const sql = `
WITH closed AS (
  -- Only the columns used (filter columns only when filtered on): DuckDB materialises a CTE read twice,
  -- and in the browser every column read is downloaded (o.* fetched the whole table at 1M deals).
  SELECT o.amount, o.close_date, ${FILTER_KEYS.filter((k) => p.filters[k]?.length).map((k) => `o.${k}, `).join('')}
         o.stage_kind = 'won' AS won, ${days('o.created_at', 'o.won_at')} AS cycle_days
  FROM opportunities o
  WHERE o.stage_kind IN ('won', 'lost')
)
SELECT ${columns.join(',\n       ')},
       ${text(p.from)} AS period_from, ${text(p.to)} AS period_to,
       ${text(prev?.from)} AS prev_from, ${text(prev?.to)} AS prev_to
FROM ${current} cur CROSS JOIN ${pipeline} pipe${previous ? ` CROSS JOIN ${previous} prev` : ''}`;
    return q.query(sql);
  },
};
