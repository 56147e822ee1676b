import { wholeMonths } from './dealCube.ts';
import { localMonthOf, monthStartsCte, type CreationSpan } from './months.ts';
import { rollupsAtAsOf, type MetricParams, type RollupModel } from './params.ts';
import type { QueryParams } from './query.ts';
import { dateWindowSql, filterSql, instantWindowSql, tsParam } from './sql.ts';

/** Days without an activity after which an open deal counts as idle, unless set (`--idle-days`). */
export const DEFAULT_IDLE_DAYS = 14;

/**
 * rep_activity's rollups, stored with the model at its as_of. Each filter change otherwise joins every
 * activity (three million at 1M deals) to its deal, and every open deal to the activities of the last 14
 * days:
 * - `activity_rollup`: activities logged by as_of, counted per owner, the owner's team, local month and
 *   the deal's region, product line, tier and pipeline, with the first one's instant (111,776 rows at 1M);
 * - `open_deal_activity_rollup`: open deals and the idle ones (none logged in the 14 days before as_of)
 *   per owner and the deal's dimensions.
 * Neither keeps the campaign: a campaign filter reads the detail rows (with it the activities' rollup is a
 * sixth of the activities, not a thirtieth). A rollup row is the detail rows' measures below, summed.
 */
export const ACTIVITY_ROLLUP = 'activity_rollup';
export const OPEN_DEAL_ACTIVITY_ROLLUP = 'open_deal_activity_rollup';
export const ACTIVITY_ROLLUP_TABLES: readonly string[] = [ACTIVITY_ROLLUP, OPEN_DEAL_ACTIVITY_ROLLUP];

const DIMENSIONS = 'owner_id, team, region, product_line, tier, pipeline';

/**
 * Each activity logged by as_of, one row, with the filter keys it answers to: the owner and the owner's
 * team (rep filters apply to who logged it), the rest its deal's (deal filters keep only activities on a
 * matching deal; one without a deal has none).
 */
function activityRows(q: QueryParams, asOf: string): string {
  return `SELECT a.owner_id, r.team, o.region, o.product_line, o.campaign_id, o.tier, o.pipeline, a."at",
         1 AS activities, a."at" AS first_at
  FROM activities a
  LEFT JOIN reps r ON r.rep_id = a.owner_id
  LEFT JOIN opportunities o ON o.opp_id = a.opp_id
  WHERE a."at" <= ${tsParam(q, asOf)}`;
}

/** Each open deal, one row: counted, and idle when no activity linked to it was logged in the `idleDays` before as_of. */
function openDealRows(q: QueryParams, asOf: string, idleDays: number): string {
  const at = tsParam(q, asOf);
  return `WITH recent AS (
    SELECT DISTINCT a.opp_id FROM activities a
    WHERE a.opp_id IS NOT NULL AND a."at" <= ${at} AND a."at" > ${at} - to_days(CAST(${q.bind(idleDays)} AS INTEGER))
  )
  SELECT o.owner_id, o.team, o.region, o.product_line, o.campaign_id, o.tier, o.pipeline,
         1 AS open_deals, CAST(r.opp_id IS NULL AS INTEGER) AS idle_open_deals
  FROM opportunities o LEFT JOIN recent r ON r.opp_id = o.opp_id
  WHERE o.stage_kind = 'open'`;
}

/** The SQL that builds the activities' rollup natively; `span`: the local days of the first and last activity. */
export function activityRollupSql(q: QueryParams, model: RollupModel, span: CreationSpan | null): string {
  const local = localMonthOf('a."at"');
  return `WITH ${monthStartsCte(model.tz, span)}
SELECT ${local.month} AS month, ${DIMENSIONS}, CAST(sum(a.activities) AS BIGINT) AS activities, min(a.first_at) AS first_at
FROM (${activityRows(q, model.asOf)}) a
${local.join}
GROUP BY ALL
ORDER BY ALL`;
}

/** The SQL that builds the open deals' rollup natively, at the default idle days. */
export function openDealActivityRollupSql(q: QueryParams, model: RollupModel): string {
  return `SELECT ${DIMENSIONS}, CAST(sum(d.open_deals) AS BIGINT) AS open_deals, CAST(sum(d.idle_open_deals) AS BIGINT) AS idle_open_deals
FROM (${openDealRows(q, model.asOf, DEFAULT_IDLE_DAYS)}) d
GROUP BY ALL
ORDER BY ALL`;
}

const noCampaign = (p: MetricParams): boolean => (p.filters.campaign_id?.length ?? 0) === 0;

/**
 * Activities of the window passing the filters (`owner_id`, `activities`, `first_at`): the rollup's months
 * when it was built at this as_of and time zone and the window is whole months, else one row per activity.
 */
export function activitiesInWindow(q: QueryParams, p: MetricParams): string {
  const rollup = rollupsAtAsOf(p) && wholeMonths(p) && noCampaign(p);
  const [source, window] = rollup
    ? [ACTIVITY_ROLLUP, dateWindowSql(q, 'a.month', p.from, p.to)]
    : [`(${activityRows(q, p.asOf)})`, instantWindowSql(q, 'a."at"', p)];
  return `SELECT a.owner_id, a.activities, a.first_at FROM ${source} a
  WHERE ${filterSql(q, p.filters, 'a')} AND ${window}`;
}

/** Open deals passing the filters (`owner_id`, `open_deals`, `idle_open_deals`): the rollup when it was built for them. */
export function openDealsActivity(q: QueryParams, p: MetricParams): string {
  const idleDays = p.idleDays ?? DEFAULT_IDLE_DAYS;
  const rollup = rollupsAtAsOf(p) && idleDays === DEFAULT_IDLE_DAYS && noCampaign(p);
  const source = rollup ? OPEN_DEAL_ACTIVITY_ROLLUP : `(${openDealRows(q, p.asOf, idleDays)})`;
  return `SELECT d.owner_id, d.open_deals, d.idle_open_deals FROM ${source} d
  WHERE ${filterSql(q, p.filters, 'd')}`;
}
