/**
 * campaign_performance, campaign_channels and campaign_tiers on the `basic` fixture (campaignRoi.test.ts
 * has the attribution). Converted leads: L1 (O01 names it), L4 (names O10), L5 (O02 names it) → C1 3 of 3;
 * L2 (names O02), L3 (names O10) → C2 2 of 3 (L6 has no deal). Tiers: A1 VIP, A2 Key, A3 Standard.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { approx, closeFixtureModels, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

describe('campaign_performance', () => {
  it('adds conversion, the cost of a won deal and whether the campaign is in the period to campaign_roi', async () => {
    const rows = await viewRows('basic', 'campaign_performance');
    expect(rows.map((r) => [r.campaign_id, r.start_date, r.end_date, r.in_period, r.converted_leads, r.lead_conversion, r.cost_per_won_deal, r.roi])).toEqual([
      ['C1', '2025-12-01', '2026-01-31', true, 3, 1, 2000, 4],
      // A free campaign: its won deals cost 0 each; ROI stays empty rather than infinite.
      ['C2', '2025-11-01', '2026-02-28', true, 2, approx(2 / 3), 0, null],
      // No cost, no leads, nothing won: nothing to divide.
      ['C3', '2026-01-01', '2026-03-31', true, 0, null, null, null],
    ]);
    // The spec's columns are campaign_roi's, number for number.
    const roi = await viewRows('basic', 'campaign_roi');
    expect(rows.map(({ campaign_id, campaign_name, channel, cost, leads, opportunities, won_deals, won_amount, pipeline_amount, roi: r }) =>
      ({ campaign_id, campaign_name, channel, cost, leads, opportunities, won_deals, won_amount, pipeline_amount, roi: r }))).toEqual(roi);
  });

  it('is in the period when its dates overlap the window or it has leads or deals in it', async () => {
    // March 2026: only C3 still runs; nothing was created in March.
    const march = await viewRows('basic', 'campaign_performance', { from: '2026-03-01', to: '2026-03-31' });
    expect(march.map((r) => [r.campaign_id, r.in_period, r.leads, r.opportunities])).toEqual([['C1', false, 0, 0], ['C2', false, 0, 0], ['C3', true, 0, 0]]);
    // Before every campaign's dates, C2's lead L2 (2025-12-28) and C1's L1 and L5 still put them in the period.
    const december = await viewRows('basic', 'campaign_performance', { from: '2025-12-20', to: '2025-12-31' });
    expect(december.map((r) => [r.campaign_id, r.in_period, r.leads])).toEqual([['C1', true, 2], ['C2', true, 1], ['C3', false, 0]]);
  });
});

describe('campaign_channels', () => {
  it('adds up the campaigns of the period per channel and takes the ROI of the sums', async () => {
    expect(await viewRows('basic', 'campaign_channels')).toEqual([
      {
        channel: 'Events', campaigns: 2, cost: 2000, leads: 6, converted_leads: 5, opportunities: 6, won_deals: 3,
        // (40000 − 2000) / 2000
        won_amount: 40000, pipeline_amount: 15000, roi: approx(19), lead_conversion: approx(5 / 6), cost_per_won_deal: approx(2000 / 3),
      },
      {
        channel: 'Email', campaigns: 1, cost: null, leads: 0, converted_leads: 0, opportunities: 2, won_deals: 0,
        won_amount: 0, pipeline_amount: 20000, roi: null, lead_conversion: null, cost_per_won_deal: null,
      },
    ]);
  });

  it('leaves out campaigns outside the period, so their cost is not set against its wins', async () => {
    const march = await viewRows('basic', 'campaign_channels', { from: '2026-03-01', to: '2026-03-31' });
    expect(march.map((r) => [r.channel, r.campaigns, r.cost])).toEqual([['Email', 1, null]]);
  });
});

describe('campaign_tiers', () => {
  it('splits each campaign’s deals by account tier', async () => {
    const row = (campaign_id: string, tier: string, opportunities: number, won_deals: number, won_amount: number, pipeline_amount: number) =>
      ({ campaign_id, tier, opportunities, won_deals, won_amount, pipeline_amount });
    expect(await viewRows('basic', 'campaign_tiers')).toEqual([
      row('C1', 'Key', 2, 0, 0, 9000), // O04 (no amount), O07
      row('C1', 'VIP', 1, 1, 10000, 0), // O01
      row('C2', 'Key', 1, 1, 30000, 0), // O12
      row('C2', 'Standard', 1, 1, 0, 0), // O10, won without an amount
      row('C2', 'VIP', 1, 0, 0, 6000), // O06
      row('C3', 'Key', 1, 0, 0, 0), // O08 lost
      row('C3', 'VIP', 1, 0, 0, 20000), // O02
    ]);
  });
});
