import type { Metric } from './metric.ts';
import { QueryParams } from './query.ts';
import { filterSql, instantWindowSql, idOrder } from './sql.ts';

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

/**
 * Campaign ROI (spec "campaign_roi"): an opportunity belongs to its own campaign, else its lead's
 * (resolved at build into opportunities.campaign_id). Leads count by their own campaign_id; only the
 * campaign filter and the window (lead created_at) apply to them, since leads have no region or owner team.
 */
export const campaignRoi: Metric = {
  view: 'campaign_roi',
  requires: ['campaigns'],
  build(p) {
    const q = new QueryParams();
    const campaignFilter = filterSql(q, { campaign_id: p.filters.campaign_id ?? [] }, 'c');
    const sql = `
WITH lead_counts AS (
  SELECT l.campaign_id, count(*) AS leads FROM leads l
  WHERE l.campaign_id IS NOT NULL AND ${instantWindowSql(q, 'l.created_at', p)}
  GROUP BY l.campaign_id
),
deals AS (
  SELECT o.campaign_id,
         count(*) AS opportunities,
         count(*) FILTER (WHERE o.stage_kind = 'won') AS won_deals,
         coalesce(sum(o.amount) FILTER (WHERE o.stage_kind = 'won'), 0) AS won_amount,
         coalesce(sum(o.amount) FILTER (WHERE o.stage_kind = 'open'), 0) AS pipeline_amount
  FROM opportunities o
  WHERE o.campaign_id IS NOT NULL AND ${filterSql(q, p.filters, 'o')} AND ${instantWindowSql(q, 'o.created_at', p)}
  GROUP BY o.campaign_id
)
SELECT c.campaign_id, c.campaign_name, c.channel, CAST(c.cost AS DOUBLE) AS cost,
       CAST(coalesce(l.leads, 0) AS INTEGER) AS leads,
       CAST(coalesce(d.opportunities, 0) AS INTEGER) AS opportunities,
       CAST(coalesce(d.won_deals, 0) AS INTEGER) AS won_deals,
       CAST(coalesce(d.won_amount, 0) AS DOUBLE) AS won_amount,
       CAST(coalesce(d.pipeline_amount, 0) AS DOUBLE) AS pipeline_amount,
       CAST((coalesce(d.won_amount, 0) - c.cost) / nullif(c.cost, 0) AS DOUBLE) AS roi
FROM campaigns c
LEFT JOIN lead_counts l ON l.campaign_id = c.campaign_id
LEFT JOIN deals d ON d.campaign_id = c.campaign_id
WHERE ${campaignFilter}
ORDER BY ${idOrder('c.campaign_id')}`;
    return q.query(sql);
  },
};
