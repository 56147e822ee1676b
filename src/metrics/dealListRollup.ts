import type { MetricParams } from './params.ts';
import type { QueryParams } from './query.ts';
import { days, idOrder, tsParam } from './sql.ts';

/**
 * The funnel's deal list reads its deals from here: every opportunity, stored in the list's default order
 * (largest amount first), and each deal's days per open stage in the same order. At 1M deals the first
 * drill-down fetched 176 MB of the database in DuckDB-WASM: the page's 25 deals sat in most blocks of
 * opportunities (stored by region and owner), and their stints in 25 owners' blocks of stage_entries, the
 * largest table. Here the default page and its days are in the first blocks of two tables, found by
 * `list_pos`, the deal's place in that order.
 *
 * Each (deal, open stage) row keeps the completed stints' days summed and when its open stint began: the
 * open stint runs to the view's as_of, so the rollup holds no as_of and answers every view.
 */
export const DEAL_LIST_ROLLUP = 'deal_list_rollup';
export const DEAL_STAGE_DAYS_ROLLUP = 'deal_stage_days_rollup';

/**
 * The columns the list filters, sorts and shows, and nothing else: DuckDB-WASM's read-ahead also fetches
 * the blocks next to those it reads, so every column stored here costs bytes. Those every drill-down scans
 * (the population's window, filters and step) come first, those only a page's 25 deals need last: stored
 * together, the scan's read-ahead brought in the deals' names too.
 */
const COLUMNS = [
  'created_at',
  'amount',
  'stage_kind',
  'pipeline',
  'highest_open_order',
  'stage',
  'region',
  'team',
  'owner_id',
  'product_line',
  'campaign_id',
  'tier',
  'close_date',
  'account_id',
  'opp_id',
  'opp_name',
] as const;

/**
 * The SQL that builds the deal rollup natively from the model's opportunities, `list_pos` being each deal's
 * place in the list's default order (amount, largest first; ties by id). The window numbers the deals on
 * two columns; the rows are then read whole once, in that order.
 */
export function dealListRollupSql(): string {
  return `SELECT p.list_pos, ${COLUMNS.map((c) => `o.${c}`).join(', ')}
FROM opportunities o
JOIN (
  SELECT opp_id, row_number() OVER (ORDER BY amount DESC NULLS LAST, ${idOrder('opp_id')}) AS list_pos
  FROM opportunities
) p ON p.opp_id = o.opp_id
ORDER BY p.list_pos`;
}

/**
 * The SQL that builds the days rollup natively from the model's stage_entries, numbered by `dealList`, the
 * deal rollup already written (its numbering is not computed a second time).
 */
export function dealStageDaysRollupSql(dealList: string): string {
  return `SELECT p.list_pos, e.opp_id, e.stage, sum(CASE WHEN NOT e.is_open THEN e.days END) AS closed_days,
       max(CASE WHEN e.is_open THEN e.entered_at END) AS open_since
FROM stage_entries e
JOIN ${dealList} p ON p.opp_id = e.opp_id
WHERE e.stage_kind = 'open'
GROUP BY ALL
ORDER BY p.list_pos, e.stage`;
}

/**
 * stintDaysSql summed over each deal of `within` (rows carrying list_pos) in the `selected` stage: the
 * completed days plus the open stint up to as_of; no row when the deal never was in that stage.
 */
export function listedDaysCte(q: QueryParams, p: Pick<MetricParams, 'asOf'>, within: string): string {
  return `stage_days AS (
  SELECT x.opp_id, CASE WHEN x.closed_days IS NULL AND x.open_since IS NULL THEN NULL
         ELSE coalesce(x.closed_days, 0) + coalesce(${days('x.open_since', tsParam(q, p.asOf))}, 0) END AS days
  FROM ${within} w
  JOIN ${DEAL_STAGE_DAYS_ROLLUP} x ON x.list_pos = w.list_pos
  JOIN selected s ON s.stage = x.stage
)`;
}
