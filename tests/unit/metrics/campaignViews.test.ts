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
    expect(
      rows.map((r) => [
        r.campaign_id,
        r.start_date,
        r.end_date,
        r.in_period,
        r.converted_leads,
        r.lead_conversion,
        r.cost_per_won_deal,
        r.roi,
      ]),
    ).toEqual([
      ['C1', '2025-12-01', '2026-01-31', true, 3, 1, 2000, 4],
      // A free campaign: its won deals cost 0 each; ROI stays empty rather than infinite.
      ['C2', '2025-11-01', '2026-02-28', true, 2, approx(2 / 3), 0, null],
      // No cost, no leads, nothing won: nothing to divide.
      ['C3', '2026-01-01', '2026-03-31', true, 0, null, null, null],
    ]);
    // campaign_roi's columns are campaign_performance's first ones, number for number.
    const roi = await viewRows('basic', 'campaign_roi');
    expect(
      rows.map(
        ({
          campaign_id,
          campaign_name,
          channel,
          cost,
          leads,
          opportunities,
          won_deals,
          won_amount,
          pipeline_amount,
          roi: r,
        }) => ({
          campaign_id,
          campaign_name,
          channel,
          cost,
          leads,
          opportunities,
          won_deals,
          won_amount,
          pipeline_amount,
          roi: r,
        }),
      ),
    ).toEqual(roi);
  });

  it('is in the period when its dates overlap the window or it has leads or deals in it', async () => {
    // March 2026: only C3 still runs; nothing was created in March.
    const march = await viewRows('basic', 'campaign_performance', { from: '2026-03-01', to: '2026-03-31' });
    expect(march.map((r) => [r.campaign_id, r.in_period, r.leads, r.opportunities])).toEqual([
      ['C1', false, 0, 0],
      ['C2', false, 0, 0],
      ['C3', true, 0, 0],
    ]);
    // Late December: C1 (from 12-01) and C2 (from 11-01) run then, with leads L1 (12-20) and L5 (12-31 12:00) for C1
    // and L2 (12-28) for C2; C3 starts on 2026-01-01.
    const december = await viewRows('basic', 'campaign_performance', { from: '2025-12-20', to: '2025-12-31' });
    expect(december.map((r) => [r.campaign_id, r.in_period, r.leads])).toEqual([
      ['C1', true, 2],
      ['C2', true, 1],
      ['C3', false, 0],
    ]);
  });

  it('counts leads and deals created in the window; a deal puts a campaign whose dates ended in the period', async () => {
    // February: C1 ended 01-31 but its O04 was created 02-15 (open, no amount): in the period, ROI (0 − 2000) / 2000,
    // no won deal to divide its cost by. C2: leads L3 (02-01, converted: names O10) and L6 (02-25, none) → 1 of 2;
    // deals O06 (open 6000) and O10 (won, no amount); cost 0 → no ROI, 0 per won deal. C3 runs, nothing created.
    const february = await viewRows('basic', 'campaign_performance', { from: '2026-02-01', to: '2026-02-28' });
    expect(
      february.map((r) => [
        r.campaign_id,
        r.in_period,
        r.leads,
        r.converted_leads,
        r.lead_conversion,
        r.opportunities,
        r.won_deals,
        r.won_amount,
        r.pipeline_amount,
        r.roi,
        r.cost_per_won_deal,
      ]),
    ).toEqual([
      ['C1', true, 0, 0, null, 1, 0, 0, 0, approx(-1), null],
      ['C2', true, 2, 1, approx(0.5), 2, 1, 0, 6000, null, 0],
      ['C3', true, 0, 0, null, 0, 0, 0, 0, null, null],
    ]);
    // From 02-16 on, O04 (02-15 06:00) is out: C1 has nothing in the window and its dates are over.
    const late = await viewRows('basic', 'campaign_performance', { from: '2026-02-16', to: '2026-02-28' });
    expect(late.map((r) => [r.campaign_id, r.in_period, r.leads, r.opportunities])).toEqual([
      ['C1', false, 0, 0],
      ['C2', true, 1, 0],
      ['C3', true, 0, 0],
    ]);
  });
});

describe('campaign_channels', () => {
  it('adds up the campaigns of the period per channel and takes the ROI of the sums', async () => {
    expect(await viewRows('basic', 'campaign_channels')).toEqual([
      {
        channel: 'Events',
        campaigns: 2,
        cost: 2000,
        leads: 6,
        converted_leads: 5,
        opportunities: 6,
        won_deals: 3,
        // (40000 − 2000) / 2000
        won_amount: 40000,
        pipeline_amount: 15000,
        roi: approx(19),
        lead_conversion: approx(5 / 6),
        cost_per_won_deal: approx(2000 / 3),
      },
      {
        channel: 'Email',
        campaigns: 1,
        cost: null,
        leads: 0,
        converted_leads: 0,
        opportunities: 2,
        won_deals: 0,
        won_amount: 0,
        pipeline_amount: 20000,
        roi: null,
        lead_conversion: null,
        cost_per_won_deal: null,
      },
    ]);
  });

  it('leaves out campaigns outside the period, so their cost is not set against its wins', async () => {
    const march = await viewRows('basic', 'campaign_channels', { from: '2026-03-01', to: '2026-03-31' });
    expect(march.map((r) => [r.channel, r.campaigns, r.cost])).toEqual([['Email', 1, null]]);
  });

  it('in February: channels tied on won amount come in name order; C1 counts only while O04 is in the window', async () => {
    // Events = C1 + C2 (see campaign_performance in February): cost 2000, leads 2 (1 converted), deals O04, O06, O10.
    expect(await viewRows('basic', 'campaign_channels', { from: '2026-02-01', to: '2026-02-28' })).toEqual([
      {
        channel: 'Email',
        campaigns: 1,
        cost: null,
        leads: 0,
        converted_leads: 0,
        opportunities: 0,
        won_deals: 0,
        won_amount: 0,
        pipeline_amount: 0,
        roi: null,
        lead_conversion: null,
        cost_per_won_deal: null,
      },
      {
        channel: 'Events',
        campaigns: 2,
        cost: 2000,
        leads: 2,
        converted_leads: 1,
        opportunities: 3,
        won_deals: 1,
        // (0 − 2000) / 2000; 2000 / 1 won deal (O10).
        won_amount: 0,
        pipeline_amount: 6000,
        roi: approx(-1),
        lead_conversion: approx(0.5),
        cost_per_won_deal: approx(2000),
      },
    ]);
    // From 02-16: Events is C2 alone (cost 0, lead L6, no deal): no ROI, no cost per won deal.
    const late = await viewRows('basic', 'campaign_channels', { from: '2026-02-16', to: '2026-02-28' });
    expect(
      late.map((r) => [
        r.channel,
        r.campaigns,
        r.cost,
        r.leads,
        r.opportunities,
        r.roi,
        r.lead_conversion,
        r.cost_per_won_deal,
      ]),
    ).toEqual([
      ['Email', 1, null, 0, 0, null, null, null],
      ['Events', 1, 0, 1, 0, null, 0, null],
    ]);
  });
});

describe('campaign_tiers', () => {
  it('splits each campaign’s deals by account tier', async () => {
    const row = (
      campaign_id: string,
      tier: string,
      opportunities: number,
      won_deals: number,
      won_amount: number,
      pipeline_amount: number,
    ) => ({ campaign_id, tier, opportunities, won_deals, won_amount, pipeline_amount });
    expect(await viewRows('basic', 'campaign_tiers')).toEqual([
      row('C1', 'Key', 2, 0, 0, 9000), // O04 (no amount), O07
      row('C1', 'VIP', 1, 1, 10000, 0), // O01
      row('C2', 'Key', 1, 1, 30000, 0), // O12
      row('C2', 'Standard', 1, 1, 0, 0), // O10, won without an amount
      row('C2', 'VIP', 1, 0, 0, 6000), // O06
      row('C3', 'Key', 1, 0, 0, 0), // O08 lost
      row('C3', 'VIP', 1, 0, 0, 20000), // O02
    ]);
    // Created in February: O04 (C1, Key), O06 (C2, VIP, open 6000), O10 (C2, Standard, won without an amount).
    expect(await viewRows('basic', 'campaign_tiers', { from: '2026-02-01', to: '2026-02-28' })).toEqual([
      row('C1', 'Key', 1, 0, 0, 0),
      row('C2', 'Standard', 1, 1, 0, 0),
      row('C2', 'VIP', 1, 0, 0, 6000),
    ]);
    // North: O01 (C1 through lead L1) and O02 (C3); O06 sits at a VIP account but its region is South.
    expect(await viewRows('basic', 'campaign_tiers', { filters: { region: ['North'] } })).toEqual([
      row('C1', 'VIP', 1, 1, 10000, 0),
      row('C3', 'VIP', 1, 0, 0, 20000),
    ]);
  });
});
