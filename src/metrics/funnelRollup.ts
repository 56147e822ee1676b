import type { FilterKey, MetricParams } from './params.ts';
import { FILTER_KEYS, rollupsInZone } from './params.ts';
import { highestOpenStep } from './reached.ts';
import type { QueryParams } from './query.ts';
import { dateWindowSql, filterSql, instantWindowSql } from './sql.ts';
import { localMonthOf, monthStartsCte, type CreationSpan } from './months.ts';
import { wholeMonths } from './dealCube.ts';

/**
 * The funnel's rollup: deals counted per pipeline, highest open stage reached, won or not, month of
 * creation in the build's time zone and the company-level dimensions (built with the model, stored in
 * the browser database). The funnel counts each deal into every step at or below its highest stage, so
 * these counts are all it needs; a filter change sums a few thousand rows instead of every deal.
 *
 * The month is the local calendar month the deal was created in: a window of whole local months holds a
 * deal exactly when its month lies within it, the same deals `instantWindowSql` keeps on the deal rows.
 */
export const FUNNEL_ROLLUP = 'funnel_rollup';

const DIMENSIONS: readonly FilterKey[] = ['region', 'product_line', 'team', 'tier', 'pipeline'];

/** The rollup's model: the time zone its months are local to. */
export interface FunnelRollupModel {
  readonly tz: string;
}

/**
 * Deals counted per highest stage and won, the one definition the rollup is built from and the deal rows
 * are read with (`highest`, `won`, `n`, `amount`; grouped by the query around it).
 */
const BY_HIGHEST = `${highestOpenStep('o')} AS highest, o.stage_kind = 'won' AS won, count(*) AS n, sum(coalesce(o.amount, 0)) AS amount`;

/** The SQL that builds the rollup natively: `span` the local dates of the first and last deal's creation. */
export function funnelRollupSql(model: FunnelRollupModel, span: CreationSpan | null): string {
  const local = localMonthOf('o.created_at');
  return `WITH ${monthStartsCte(model.tz, span)}
SELECT ${local.month} AS created_month, ${DIMENSIONS.map((d) => `o.${d}`).join(', ')}, ${BY_HIGHEST}
FROM opportunities o
${local.join}
GROUP BY ALL
ORDER BY ALL`;
}

/**
 * Whether the rollup answers the funnel for `p`: built in the same time zone, a window of whole months
 * (or none), and no filter on a dimension it does not keep (a rep, a campaign).
 */
export function funnelRollupAnswers(p: MetricParams): boolean {
  if (!rollupsInZone(p) || !wholeMonths(p)) return false;
  return FILTER_KEYS.every((k) => (p.filters[k]?.length ?? 0) === 0 || DIMENSIONS.includes(k));
}

/**
 * The funnel's deals of the population (filters, created in the window) counted per pipeline, highest
 * stage and won: from the rollup when it answers, else from the deal rows.
 */
export function funnelCounts(q: QueryParams, p: MetricParams): string {
  return funnelRollupAnswers(p)
    ? `SELECT o.pipeline, o.highest, o.won, sum(o.n) AS n, sum(o.amount) AS amount
  FROM ${FUNNEL_ROLLUP} o
  WHERE ${filterSql(q, p.filters, 'o')} AND ${dateWindowSql(q, 'o.created_month', p.from, p.to)}
  GROUP BY ALL`
    : `SELECT o.pipeline, ${BY_HIGHEST}
  FROM opportunities o
  WHERE ${filterSql(q, p.filters, 'o')} AND ${instantWindowSql(q, 'o.created_at', p)}
  GROUP BY ALL`;
}
