import { wholeMonths } from './dealCube.ts';
import { localMonthOf, monthStartsCte, type CreationSpan } from './months.ts';
import { rollupsInZone, type MetricParams } from './params.ts';
import type { QueryParams } from './query.ts';
import { dateWindowSql, filterSql, instantWindowSql } from './sql.ts';

/**
 * The campaign views' rollups, stored with the model: leads and the campaigns' opportunities counted per
 * campaign and local month of creation (the deals also per region, product line, team, tier and
 * pipeline). The campaigns page otherwise reads every lead (two million at 1M deals) and tests each one
 * against the deals' lead ids on every filter change; these hold 190 and 14,135 rows there.
 *
 * As with the deal rollups, a rollup row is the per-row measures below summed, and the views sum either
 * the rollup's rows or those measures over the detail rows.
 */
export const CAMPAIGN_LEAD_ROLLUP = 'campaign_lead_rollup';
export const CAMPAIGN_DEAL_ROLLUP = 'campaign_deal_rollup';
export const CAMPAIGN_ROLLUP_TABLES: readonly string[] = [CAMPAIGN_LEAD_ROLLUP, CAMPAIGN_DEAL_ROLLUP];

/** What the deal rollup keeps besides the campaign and month: every filter key but the owner. */
const DEAL_DIMENSIONS = ['region', 'product_line', 'team', 'tier', 'pipeline'] as const;

/** One lead: counted, and converted when an opportunity came of it (it names one, or one names it). */
const LEAD_MEASURES = `1 AS leads,
         CAST(l.opp_id IS NOT NULL OR l.lead_id IN (SELECT lead_id FROM opportunities WHERE lead_id IS NOT NULL) AS INTEGER)
           AS converted_leads`;

/** One opportunity: counted, won or not, its amount as won or as open pipeline (NULL otherwise). */
const DEAL_MEASURES = `1 AS opportunities, CAST(o.stage_kind = 'won' AS INTEGER) AS won_deals,
         CASE WHEN o.stage_kind = 'won' THEN o.amount END AS won_amount,
         CASE WHEN o.stage_kind = 'open' THEN o.amount END AS pipeline_amount`;

/** The deal measures summed per the query's GROUP BY: how the rollup is built, and what the views read of either path. */
export const CAMPAIGN_DEAL_SUMS = `CAST(sum(opportunities) AS BIGINT) AS opportunities, CAST(sum(won_deals) AS BIGINT) AS won_deals,
       sum(won_amount) AS won_amount, sum(pipeline_amount) AS pipeline_amount`;

/** The SQL that builds the lead rollup natively; `span`: the local days the first and last lead were created. */
export function campaignLeadRollupSql(tz: string, span: CreationSpan | null): string {
  const local = localMonthOf('l.created_at');
  return `WITH ${monthStartsCte(tz, span)}
SELECT l.campaign_id, ${local.month} AS created_month, CAST(sum(leads) AS BIGINT) AS leads, CAST(sum(converted_leads) AS BIGINT) AS converted_leads
FROM (SELECT l.campaign_id, l.created_at, ${LEAD_MEASURES} FROM leads l WHERE l.campaign_id IS NOT NULL) l
${local.join}
GROUP BY ALL
ORDER BY ALL`;
}

/** The SQL that builds the deal rollup natively; `span`: the local days the first and last deal were created. */
export function campaignDealRollupSql(tz: string, span: CreationSpan | null): string {
  const dims = DEAL_DIMENSIONS.map((d) => `o.${d}`).join(', ');
  const local = localMonthOf('o.created_at');
  return `WITH ${monthStartsCte(tz, span)}
SELECT o.campaign_id, ${local.month} AS created_month, ${dims}, ${CAMPAIGN_DEAL_SUMS}
FROM (SELECT o.campaign_id, o.created_at, ${dims}, ${DEAL_MEASURES} FROM opportunities o WHERE o.campaign_id IS NOT NULL) o
${local.join}
GROUP BY ALL
ORDER BY ALL`;
}

/** The rollups answer a window of whole local months (or none) in the time zone they were built in. */
const monthsAnswer = (p: MetricParams): boolean => !!rollupsInZone(p) && wholeMonths(p);

/** Leads of a campaign created in the window, one row each (`campaign_id`, `leads`, `converted_leads`) or summed per month. */
export function campaignLeads(q: QueryParams, p: MetricParams): string {
  return monthsAnswer(p)
    ? `SELECT l.campaign_id, l.leads, l.converted_leads FROM ${CAMPAIGN_LEAD_ROLLUP} l
    WHERE ${dateWindowSql(q, 'l.created_month', p.from, p.to)}`
    : `SELECT l.campaign_id, ${LEAD_MEASURES} FROM leads l
    WHERE l.campaign_id IS NOT NULL AND ${instantWindowSql(q, 'l.created_at', p)}`;
}

/**
 * Opportunities of a campaign created in the window that pass the filters (`campaign_id`, `tier` and the
 * deal measures): from the rollup unless a rep is filtered, which it does not keep.
 */
export function campaignDeals(q: QueryParams, p: MetricParams): string {
  const rollup = monthsAnswer(p) && (p.filters.owner_id?.length ?? 0) === 0;
  return rollup
    ? `SELECT o.campaign_id, o.tier, o.opportunities, o.won_deals, o.won_amount, o.pipeline_amount
    FROM ${CAMPAIGN_DEAL_ROLLUP} o
    WHERE ${filterSql(q, p.filters, 'o')} AND ${dateWindowSql(q, 'o.created_month', p.from, p.to)}`
    : `SELECT o.campaign_id, o.tier, ${DEAL_MEASURES} FROM opportunities o
    WHERE o.campaign_id IS NOT NULL AND ${filterSql(q, p.filters, 'o')} AND ${instantWindowSql(q, 'o.created_at', p)}`;
}
