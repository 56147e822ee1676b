/**
 * campaign_roi on the `basic` fixture. An opportunity's campaign: its own campaign_id, else its lead's.
 *   C1 (cost 2000): O01 (through L1, won 10000), O04 (open, empty amount), O07 (open 9000); leads L1, L4, L5
 *   C2 (cost 0):    O06 (open 6000), O10 (through L3, won, empty amount), O12 (won 30000); leads L2, L3, L6
 *   C3 (cost empty): O02 (own C3 beats lead L5's C1, open 20000), O08 (lost); no leads
 */
import { afterAll, describe, expect, it } from 'vitest';
import { approx, closeFixtureModels, sortedBy, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

const NAMES = {
  C1: { campaign_name: 'Spring webinar', channel: 'Events' },
  C2: { campaign_name: 'Trade fair, "Shanghai"', channel: 'Events' },
  C3: { campaign_name: 'Newsletter', channel: 'Email' },
};

function campaign(
  id: keyof typeof NAMES,
  cost: number | null,
  [leads, opportunities, won_deals, won_amount, pipeline_amount]: [number, number, number, number, number],
  roi: number | null,
) {
  return {
    campaign_id: id,
    ...NAMES[id],
    cost,
    leads,
    opportunities,
    won_deals,
    won_amount,
    pipeline_amount,
    roi: roi === null ? null : approx(roi),
  };
}

describe('campaign_roi', () => {
  it("credits deals to their own campaign, else their lead's, and has no ROI without a cost", async () => {
    expect(sortedBy(await viewRows('basic', 'campaign_roi'), 'campaign_id')).toEqual([
      // (10000 − 2000) / 2000
      campaign('C1', 2000, [3, 3, 1, 10000, 9000], 4),
      // cost 0 → roi null
      campaign('C2', 0, [3, 3, 2, 30000, 6000], null),
      // empty cost → cost and roi null; a campaign without leads is still listed
      campaign('C3', null, [0, 2, 0, 0, 20000], null),
    ]);
  });

  it('windows opportunities and leads on their own created_at', async () => {
    // January: leads L4 (01-20, C1) only; opportunities O01, O07 (C1), O02, O08 (C3)
    expect(
      sortedBy(await viewRows('basic', 'campaign_roi', { from: '2026-01-01', to: '2026-01-31' }), 'campaign_id'),
    ).toEqual([
      campaign('C1', 2000, [1, 2, 1, 10000, 9000], 4),
      campaign('C2', 0, [0, 0, 0, 0, 0], null),
      campaign('C3', null, [0, 2, 0, 0, 20000], null),
    ]);
  });
});
