import type { BoundQuery } from '../db/engine.ts';
import type { Metric } from './metric.ts';
import type { MetricParams } from './params.ts';
import { QueryParams } from './query.ts';
import { campaignDeals, campaignLeads, CAMPAIGN_DEAL_SUMS } from './campaignRollup.ts';
import { dateParam, filterSql, idOrder } from './sql.ts';

export interface CampaignRoiRow {
  campaign_id: string;
  campaign_name: string | null;
  channel: string | null;
  cost: number | null;
  leads: number;
  opportunities: number;
  won_deals: number;
  won_amount: number;
  pipeline_amount: number;
  roi: number | null;
}

/** campaign_performance adds the lead conversion and the cost of a won deal to campaign_roi's columns. */
export interface CampaignPerformanceRow extends CampaignRoiRow {
  start_date: string | null;
  end_date: string | null;
  /** It ran during the window (its dates overlap it), or has leads or opportunities in it; always without a window. */
  in_period: boolean;
  converted_leads: number;
  lead_conversion: number | null;
  cost_per_won_deal: number | null;
}

const SPEC_COLUMNS = [
  'campaign_id',
  'campaign_name',
  'channel',
  'cost',
  'leads',
  'opportunities',
  'won_deals',
  'won_amount',
  'pipeline_amount',
  'roi',
];

/**
 * Per campaign (docs/metrics.md, "campaign_roi"): an opportunity belongs to its own campaign, else its lead's
 * (resolved at build into opportunities.campaign_id). Leads count by their own campaign_id; only the
 * campaign filter and the window (lead created_at) apply to them, since leads have no region or owner
 * team. A lead is converted when an opportunity came of it: it names one, or one names it.
 */
export function campaignFiguresSql(q: QueryParams, p: MetricParams): string {
  const campaignFilter = filterSql(q, { campaign_id: p.filters.campaign_id ?? [] }, 'c');
  return `(
  WITH lead_counts AS (
    SELECT l.campaign_id, sum(l.leads) AS leads, sum(l.converted_leads) AS converted_leads
    FROM (${campaignLeads(q, p)}) l
    GROUP BY l.campaign_id
  ),
  deals AS (
    SELECT d.campaign_id, ${CAMPAIGN_DEAL_SUMS}
    FROM (${campaignDeals(q, p)}) d
    GROUP BY d.campaign_id
  )
  SELECT c.campaign_id, c.campaign_name, c.channel, CAST(c.cost AS DOUBLE) AS cost,
         CAST(c.start_date AS VARCHAR) AS start_date, CAST(c.end_date AS VARCHAR) AS end_date,
         (coalesce(l.leads, 0) > 0 OR coalesce(d.opportunities, 0) > 0
          OR (${p.to ? `coalesce(c.start_date, DATE '0001-01-01') <= ${dateParam(q, p.to)}` : 'TRUE'}
              AND ${p.from ? `coalesce(c.end_date, c.start_date, DATE '9999-12-31') >= ${dateParam(q, p.from)}` : 'TRUE'})) AS in_period,
         CAST(coalesce(l.leads, 0) AS INTEGER) AS leads,
         CAST(coalesce(l.converted_leads, 0) AS INTEGER) AS converted_leads,
         CAST(coalesce(d.opportunities, 0) AS INTEGER) AS opportunities,
         CAST(coalesce(d.won_deals, 0) AS INTEGER) AS won_deals,
         CAST(coalesce(d.won_amount, 0) AS DOUBLE) AS won_amount,
         CAST(coalesce(d.pipeline_amount, 0) AS DOUBLE) AS pipeline_amount
  FROM campaigns c
  LEFT JOIN lead_counts l ON l.campaign_id = c.campaign_id
  LEFT JOIN deals d ON d.campaign_id = c.campaign_id
  WHERE ${campaignFilter}
)`;
}

/** ROI = (won − cost) / cost, none without a cost; the cost of a won deal, none without a won deal. */
const RATIOS = (
  alias: string,
): string => `CAST((${alias}.won_amount - ${alias}.cost) / nullif(${alias}.cost, 0) AS DOUBLE) AS roi,
       CAST(${alias}.converted_leads / nullif(${alias}.leads, 0) AS DOUBLE) AS lead_conversion,
       CAST(${alias}.cost / nullif(${alias}.won_deals, 0) AS DOUBLE) AS cost_per_won_deal`;

function campaignQuery<R extends CampaignRoiRow>(p: MetricParams, columns: readonly string[] | null): BoundQuery<R> {
  const q = new QueryParams();
  const sql = `
SELECT ${columns ? columns.map((c) => `f.${c}`).join(', ') : 'f.*'}
FROM (SELECT c.*, ${RATIOS('c')} FROM ${campaignFiguresSql(q, p)} c) f
ORDER BY ${idOrder('f.campaign_id')}`;
  return q.query(sql);
}

export const campaignRoi: Metric<CampaignRoiRow> = {
  view: 'campaign_roi',
  requires: ['campaigns'],
  build: (p) => campaignQuery(p, SPEC_COLUMNS),
};

export const campaignPerformance: Metric<CampaignPerformanceRow> = {
  view: 'campaign_performance',
  requires: ['campaigns'],
  build: (p) =>
    campaignQuery(p, [
      ...SPEC_COLUMNS,
      'start_date',
      'end_date',
      'in_period',
      'converted_leads',
      'lead_conversion',
      'cost_per_won_deal',
    ]),
};

export interface CampaignChannelRow {
  channel: string | null;
  campaigns: number;
  cost: number | null;
  leads: number;
  converted_leads: number;
  opportunities: number;
  won_deals: number;
  won_amount: number;
  pipeline_amount: number;
  roi: number | null;
  lead_conversion: number | null;
  cost_per_won_deal: number | null;
}

/**
 * The campaigns of the period added up per channel (in_period: they ran in the window or brought leads or
 * deals in it, so an old campaign's cost is not set against this year's wins); ROI from the sums.
 */
export const campaignChannels: Metric<CampaignChannelRow> = {
  view: 'campaign_channels',
  requires: ['campaigns'],
  build(p) {
    const q = new QueryParams();
    const sql = `
WITH ch AS (
  SELECT c.channel, count(*) AS campaigns, sum(c.cost) AS cost, sum(c.leads) AS leads, sum(c.converted_leads) AS converted_leads,
         sum(c.opportunities) AS opportunities, sum(c.won_deals) AS won_deals, sum(c.won_amount) AS won_amount,
         sum(c.pipeline_amount) AS pipeline_amount
  FROM ${campaignFiguresSql(q, p)} c
  WHERE c.in_period
  GROUP BY c.channel
)
SELECT CAST(ch.channel AS VARCHAR) AS channel, CAST(ch.campaigns AS INTEGER) AS campaigns, CAST(ch.cost AS DOUBLE) AS cost,
       CAST(ch.leads AS INTEGER) AS leads, CAST(ch.converted_leads AS INTEGER) AS converted_leads,
       CAST(ch.opportunities AS INTEGER) AS opportunities, CAST(ch.won_deals AS INTEGER) AS won_deals,
       CAST(ch.won_amount AS DOUBLE) AS won_amount, CAST(ch.pipeline_amount AS DOUBLE) AS pipeline_amount,
       ${RATIOS('ch')}
FROM ch
ORDER BY ch.won_amount DESC, ch.channel NULLS LAST`;
    return q.query(sql);
  },
};

export interface CampaignTierRow {
  campaign_id: string;
  tier: string | null;
  opportunities: number;
  won_deals: number;
  won_amount: number;
  pipeline_amount: number;
}

/**
 * The campaign's opportunities split by account tier (VIP / Key / Standard): which campaigns bring the
 * big accounts. Cost is not split: a campaign's cost belongs to no tier, so there is no ROI per tier.
 */
export const campaignTiers: Metric<CampaignTierRow> = {
  view: 'campaign_tiers',
  requires: ['campaigns'],
  build(p) {
    const q = new QueryParams();
    const sql = `
WITH tiers AS (
  SELECT d.campaign_id, d.tier, ${CAMPAIGN_DEAL_SUMS}
  FROM (${campaignDeals(q, p)}) d
  WHERE d.campaign_id IN (SELECT campaign_id FROM campaigns)
  GROUP BY d.campaign_id, d.tier
)
SELECT CAST(t.campaign_id AS VARCHAR) AS campaign_id, CAST(t.tier AS VARCHAR) AS tier,
       CAST(t.opportunities AS INTEGER) AS opportunities, CAST(t.won_deals AS INTEGER) AS won_deals,
       CAST(coalesce(t.won_amount, 0) AS DOUBLE) AS won_amount, CAST(coalesce(t.pipeline_amount, 0) AS DOUBLE) AS pipeline_amount
FROM tiers t
ORDER BY ${idOrder('t.campaign_id')}, t.tier NULLS LAST`;
    return q.query(sql);
  },
};
