import type { FilterKey, MetricParams } from './params.ts';
import { FILTER_KEYS } from './params.ts';
import { days } from './sql.ts';

/**
 * Deal rollups: the opportunities summed per stage kind, close month and a set of dimensions, built once
 * with the model (written into the browser database, materialised when a model is opened natively). A
 * filter change on the overview then sums a few thousand rows instead of scanning every deal, and the
 * browser reads kilobytes instead of the deal table's blocks.
 *
 * The figures are written once, over the measures below, and read either a rollup or `DEAL_MEASURES`
 * over the deal rows (the detail path): a rollup row is these measures summed, so both paths are the
 * same arithmetic on the same deals (tests/integration/rollupParity.test.ts proves it for every view).
 */

/** A rollup: its table, the dimensions it keeps (besides kind), and its close_date grain. Smallest first. */
export interface DealRollup {
  readonly table: string;
  readonly dimensions: readonly FilterKey[];
  /** `month`: close_date is the first of its month; `day`: the close date itself. */
  readonly grain: 'month' | 'day';
}

const COMPANY: readonly FilterKey[] = ['region', 'product_line', 'team', 'tier', 'pipeline'];

/**
 * Company-level dimensions by close month (5,224 rows for the 1M-deal demo), by close day (117,111 rows)
 * and by month with the owner (179,160 rows): a rep or leaderboard view still sums 5× fewer rows than the
 * deals. The day grain answers windows that are not whole months, which the period comparison makes
 * common: the period before a quarter, a month or a leap year, compared at equal length, starts mid-month.
 * campaign_id stays out: with it the rollup is barely smaller than the deals (424,358 rows at day grain,
 * 532,353 at month grain), and so does an owner by day.
 */
export const DEAL_ROLLUPS: readonly DealRollup[] = [
  { table: 'deal_rollup', dimensions: COMPANY, grain: 'month' },
  { table: 'deal_rollup_day', dimensions: COMPANY, grain: 'day' },
  { table: 'deal_rollup_owner', dimensions: ['owner_id', ...COMPANY], grain: 'month' },
];

/**
 * One deal's measures, named as the rollups name their sums: `deals` counts it, `amount_n` and `cycle_n`
 * count the values an average divides by (an average skips NULLs), `cycle_sum` is its sales cycle when won.
 */
const MEASURES = `1 AS deals,
         o.amount AS amount_sum, CAST(o.amount IS NOT NULL AS INTEGER) AS amount_n,
         o.amount * o.probability AS weighted_sum,
         ${days('o.created_at', 'o.won_at')} AS cycle_sum, CAST(o.won_at IS NOT NULL AND o.created_at IS NOT NULL AS INTEGER) AS cycle_n`;

/** The deal rows as a rollup's columns, one row per deal: the detail path. */
function detailSource(dimensions: readonly FilterKey[]): string {
  return `(
  SELECT o.stage_kind AS kind, o.close_date, ${dimensions.map((d) => `o.${d}, `).join('')}${MEASURES}
  FROM opportunities o
)`;
}

/** The SQL that builds a rollup from the deals (run by the loaders into the browser database, and natively). */
export function rollupSql(rollup: DealRollup): string {
  const dims = rollup.dimensions.join(', ');
  const closeDate = rollup.grain === 'month' ? `CAST(date_trunc('month', close_date) AS DATE)` : 'close_date';
  return `SELECT kind, ${closeDate} AS close_date, ${dims},
       CAST(sum(deals) AS BIGINT) AS deals, sum(amount_sum) AS amount_sum, CAST(sum(amount_n) AS BIGINT) AS amount_n,
       sum(weighted_sum) AS weighted_sum, sum(cycle_sum) AS cycle_sum, CAST(sum(cycle_n) AS BIGINT) AS cycle_n
FROM ${detailSource(rollup.dimensions)} d
GROUP BY ALL
ORDER BY kind, close_date, ${dims}`;
}

const isFirstOfMonth = (date: string): boolean => date.endsWith('-01');
const isLastOfMonth = (date: string): boolean => {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
};

/** A window a month rollup answers exactly: whole calendar months (or open ends). */
export function wholeMonths(window: { readonly from?: string | undefined; readonly to?: string | undefined }): boolean {
  return (
    (window.from === undefined || isFirstOfMonth(window.from)) && (window.to === undefined || isLastOfMonth(window.to))
  );
}

/**
 * Where a figure reads its deals from: the smallest rollup that keeps every filtered and grouped dimension
 * and whose grain answers every window it uses (a month rollup: whole months only), else the deal rows.
 * `p.rollups === false` forces the deal rows (parity tests).
 */
export function dealSource(
  p: MetricParams,
  groups: readonly FilterKey[],
  windows: readonly { readonly from?: string | undefined; readonly to?: string | undefined }[],
): string {
  const needed = FILTER_KEYS.filter((k) => (p.filters[k]?.length ?? 0) > 0 || groups.includes(k));
  const months = windows.every(wholeMonths);
  const rollup =
    p.rollups === false
      ? undefined
      : DEAL_ROLLUPS.find((r) => (months || r.grain === 'day') && needed.every((k) => r.dimensions.includes(k)));
  return rollup ? rollup.table : detailSource(needed);
}

export const ROLLUP_TABLES: readonly string[] = DEAL_ROLLUPS.map((r) => r.table);
