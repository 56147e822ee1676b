import type { BoundQuery } from '../db/engine.ts';
import type { MetricParams } from './params.ts';
import { QueryParams } from './query.ts';
import { DEAL_LIST_ROLLUP, listedDaysCte } from './dealListRollup.ts';
import { stintDaysSql } from './dwellStints.ts';
import { highestOpenStep, samePipeline } from './reached.ts';
import { filterSql, idOrder, instantWindowSql, isoTimestamp } from './sql.ts';

/**
 * The funnel's drill-down: the deals behind one funnel step, sortable and paged, and the same list in
 * full for the CSV download. Not a view of docs/metrics.md (no CLI name); it lists the opportunities the funnel counts.
 */

export const DEAL_LISTS = ['reached', 'current'] as const;
export type DealList = (typeof DEAL_LISTS)[number];

export const DEAL_SORTS = [
  'opp_id',
  'owner',
  'account',
  'amount',
  'days_in_stage',
  'created_at',
  'close_date',
] as const;
export type DealSort = (typeof DEAL_SORTS)[number];

export const SORT_DIRS = ['asc', 'desc'] as const;
export type SortDir = (typeof SORT_DIRS)[number];

export interface StageDealsParams extends MetricParams {
  /** A stage name as the funnel lists it: an open stage or the (lowest-order) won stage. */
  readonly stage: string;
  /**
   * `reached`: exactly the deals the funnel counts in `reached` for that step (skipped stages count as
   * passed; the won step = the won deals). `current`: deals whose current stage is that stage.
   * Both over the same population as the funnel: filters, and created_at in the window.
   */
  readonly list: DealList;
  readonly sort: DealSort;
  readonly dir: SortDir;
  /** Absent = every row (the CSV download). */
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

export interface StageDealRow {
  opp_id: string;
  opp_name: string | null;
  owner_id: string;
  owner_name: string | null;
  team: string | null;
  account_id: string | null;
  account_name: string | null;
  region: string;
  amount: number | null;
  current_stage: string;
  stage_kind: 'open' | 'won' | 'lost';
  /** Days spent in the selected stage (re-entries summed, an open stint up to as_of); null if never in it. */
  days_in_stage: number | null;
  /** ISO UTC instant. */
  created_at: string;
  /** `YYYY-MM-DD`. */
  close_date: string | null;
}

/**
 * What each sort means, as an expression over a listed deal `o` and the join it needs (`stage_days` over
 * every listed deal for days): the user's choice only picks an entry here, so no text of theirs reaches the SQL.
 */
const SORT_VALUES: Record<Exclude<DealSort, 'opp_id'>, { value: string; join?: string }> = {
  owner: { value: 'r.rep_name', join: 'LEFT JOIN reps r ON r.rep_id = o.owner_id' },
  account: { value: 'a.account_name', join: 'LEFT JOIN accounts a ON a.account_id = o.account_id' },
  amount: { value: 'o.amount' },
  days_in_stage: { value: 'sd.days', join: 'LEFT JOIN stage_days sd ON sd.opp_id = o.opp_id' },
  created_at: { value: 'o.created_at' },
  close_date: { value: 'o.close_date' },
};

/**
 * The list's order over rows carrying `opp_id` and `sort_value`: the chosen value, ties by the repo-wide
 * id order (idOrder) so pages never overlap; opp_id descending is the exact reverse of that order.
 * By amount from the rollup, ties go by `list_pos` instead, which among equal amounts is that id order
 * (the rollup is numbered by amount, then id): the list then needs no deal's id until its page is chosen.
 * Largest amount first, the default, is `list_pos` itself. Ordered on that one stored column, DuckDB
 * narrows its scan to the blocks that can still hold a better row (a dynamic filter on the top-N): the
 * first page reads the rollup's first row group instead of every deal.
 */
function orderSql(p: StageDealsParams, alias: string, byPos: boolean): string {
  if (p.sort === 'opp_id') return `ORDER BY ${idOrder(`${alias}.opp_id`, p.dir)}`;
  if (byPos && p.dir === 'desc') return `ORDER BY ${alias}.list_pos`;
  const ties = byPos ? `${alias}.list_pos` : idOrder(`${alias}.opp_id`);
  return `ORDER BY ${alias}.sort_value ${p.dir === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, ${ties}`;
}

/**
 * One page of the list, in the chosen order. The page's deals are chosen on their keys and sort value
 * alone (a top-N over a few columns), and only those deals are read in full, named and given their days.
 * With the model's rollups the deals and their days come from deal_list_rollup and deal_stage_days_rollup
 * (src/metrics/dealListRollup.ts), both stored in the default order, so the default page reads their
 * first blocks. On the deal rows (`rollups: false`) the page is joined back to opportunities on owner and region
 * too, and its stints found in stage_entries, both stored by those keys.
 * days_in_stage is stage_dwell's `days` for (deal, selected stage): completed stints as derived, the open
 * one up to as_of. Only open stages have dwell, so a skipped stage and the won step give null: a won
 * deal does not dwell in won, and days since winning would be another measure under the same heading.
 */
export function stageDeals(p: StageDealsParams): BoundQuery<StageDealRow> {
  checkParams(p);
  const q = new QueryParams();
  const deals = dealsTable(p);
  const rollup = deals === DEAL_LIST_ROLLUP;
  // The keys a chosen deal is read back by: its place in the rollup, or the deal's id, owner and region
  // (never null: owner_id is required and the region resolved), which bound the blocks the lookups read.
  const keys = rollup ? ['list_pos'] : ['opp_id', 'owner_id', 'region'];
  const byPos = rollup && p.sort === 'amount';
  // What the top-N carries: the keys, and the id its ties are ordered by.
  const keyed = byPos || !rollup ? keys : [...keys, 'opp_id'];
  const stageDays = (within: string): string =>
    rollup
      ? listedDaysCte(q, p, within)
      : `stage_days AS (
  SELECT e.opp_id, sum(${stintDaysSql(q, p, 'e')}) AS days
  FROM stage_entries e
  JOIN selected s ON s.stage = e.stage
  JOIN ${within} k ON k.opp_id = e.opp_id AND k.owner_id = e.owner_id
  WHERE e.stage_kind = 'open'
  GROUP BY e.opp_id
)`;
  const sort = p.sort === 'opp_id' ? null : SORT_VALUES[p.sort];
  // Days need every listed deal's stints only when the list is sorted by them.
  const daysFirst = p.sort === 'days_in_stage';
  const sql = `
WITH ${listCtes(q, p)},${
    daysFirst
      ? `
${stageDays('listed')},`
      : ''
  }
keyed AS (
  SELECT ${keyed.map((k) => `o.${k}`).join(', ')}${sort ? `, ${sort.value} AS sort_value` : ''}
  FROM listed o${sort?.join ? `\n  ${sort.join}` : ''}
),
chosen AS (SELECT * FROM keyed k ${orderSql(p, 'k', byPos)} ${pageSql(q, p)}),
page AS (
  SELECT o.*${sort ? ', c.sort_value' : ''}
  FROM ${deals} o
  JOIN chosen c ON ${keys.map((k) => `c.${k} = o.${k}`).join(' AND ')}
)${
    daysFirst
      ? ''
      : `,
${stageDays('chosen')}`
  }
SELECT CAST(d.opp_id AS VARCHAR) AS opp_id, CAST(d.opp_name AS VARCHAR) AS opp_name,
       CAST(d.owner_id AS VARCHAR) AS owner_id, CAST(r.rep_name AS VARCHAR) AS owner_name,
       CAST(d.team AS VARCHAR) AS team,
       CAST(d.account_id AS VARCHAR) AS account_id, CAST(a.account_name AS VARCHAR) AS account_name,
       CAST(d.region AS VARCHAR) AS region, CAST(d.amount AS DOUBLE) AS amount,
       CAST(d.stage AS VARCHAR) AS current_stage, CAST(d.stage_kind AS VARCHAR) AS stage_kind,
       CAST(sd.days AS DOUBLE) AS days_in_stage,
       ${isoTimestamp('d.created_at')} AS created_at, CAST(d.close_date AS VARCHAR) AS close_date
FROM page d
LEFT JOIN reps r ON r.rep_id = d.owner_id
LEFT JOIN accounts a ON a.account_id = d.account_id
LEFT JOIN stage_days sd ON sd.opp_id = d.opp_id
${orderSql(p, 'd', byPos)}`;
  return q.query(sql);
}

/** One row for the whole list: `deals` and `amount` = Σ amount with unknown ones as 0, like the funnel's reached_amount. */
export function stageDealsCount(p: StageDealsParams): BoundQuery<{ deals: number; amount: number }> {
  checkParams(p);
  const q = new QueryParams();
  const sql = `
WITH ${listCtes(q, p)}
SELECT CAST(count(*) AS INTEGER) AS deals, CAST(coalesce(sum(coalesce(amount, 0)), 0) AS DOUBLE) AS amount
FROM listed`;
  return q.query(sql);
}

/** Where the list's deals are read: the rollup stored for it, or the deal rows (`rollups: false`, parity tests). */
const dealsTable = (p: StageDealsParams): string => (p.rollups === false ? 'opportunities' : DEAL_LIST_ROLLUP);

/**
 * `selected` = the stage row (none for an unknown name), `listed` = the population's opportunities on
 * the list. Reached mirrors the funnel: highest = the largest open stage_order ever entered, at least
 * the first open stage; an open step counts won deals and every highest ≥ its order; the won step
 * (only the lowest-order won stage is one) counts won deals — all within the stage's pipeline.
 */
function listCtes(q: QueryParams, p: StageDealsParams): string {
  const common = `selected AS (SELECT stage, stage_order, kind, pipeline FROM stages WHERE stage = ${q.bind(p.stage)}),
population AS (
  SELECT o.* FROM ${dealsTable(p)} o
  WHERE ${filterSql(q, p.filters, 'o')} AND ${instantWindowSql(q, 'o.created_at', p)}
)`;
  if (p.list === 'current') {
    return `${common},
listed AS (SELECT o.* FROM population o JOIN selected s ON s.stage = o.stage)`;
  }
  return `${common},
step AS (
  SELECT * FROM selected
  WHERE kind = 'open' OR stage_order = (SELECT min(w.stage_order) FROM stages w WHERE w.kind = 'won' AND ${samePipeline('w', 'selected')})
),
listed AS (
  SELECT o.* FROM population o
  CROSS JOIN step s
  WHERE ${samePipeline('o', 's')} AND (o.stage_kind = 'won' OR (s.kind = 'open' AND ${highestOpenStep('o')} >= s.stage_order))
)`;
}

/** LIMIT/OFFSET as bound BIGINTs (DuckDB-WASM binds every number as DOUBLE). */
function pageSql(q: QueryParams, p: StageDealsParams): string {
  const parts = [];
  if (p.limit !== undefined) parts.push(`LIMIT CAST(${q.bind(p.limit)} AS BIGINT)`);
  if (p.offset !== undefined) parts.push(`OFFSET CAST(${q.bind(p.offset)} AS BIGINT)`);
  return parts.join(' ');
}

/** The URL layer has validated these already; a bad value here is a programming error, not user input. */
function checkParams(p: StageDealsParams): void {
  if (typeof p.stage !== 'string') throw new Error(`stage deals: stage must be a string, got ${typeof p.stage}`);
  if (!(DEAL_LISTS as readonly string[]).includes(p.list))
    throw new Error(`stage deals: unknown list ${JSON.stringify(p.list)}`);
  if (!(DEAL_SORTS as readonly string[]).includes(p.sort))
    throw new Error(`stage deals: unknown sort ${JSON.stringify(p.sort)}`);
  if (!(SORT_DIRS as readonly string[]).includes(p.dir))
    throw new Error(`stage deals: unknown direction ${JSON.stringify(p.dir)}`);
  for (const key of ['limit', 'offset'] as const) {
    const value = p[key];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new Error(`stage deals: ${key} must be a non-negative integer, got ${String(value)}`);
    }
  }
}
