/**
 * funnel on the `basic` fixture (tests/fixtures/metrics/basic/README.md has every opportunity's story).
 * highest reached stage per opportunity, worked out by hand from its stage entries:
 *   O01 won · O02 4 · O03 4 (Proposal skipped) · O04 2 · O05 3 · O06 2 · O07 3 · O08 2 (lost) · O09 won
 *   O10 won · O11 1 · O12 won · O13 3 (lost)
 * amounts: O01 10000 · O02 20000 · O03 15000 · O04 empty · O05 12000 · O06 6000 · O07 9000 · O08 8000
 *   O09 25000 · O10 empty · O11 5000 · O12 30000 · O13 7000
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeFixtureModels, funnel, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

describe('funnel', () => {
  it('puts the whole population on the top row and counts skipped stages as passed', async () => {
    expect(await viewRows('basic', 'funnel')).toEqual(
      funnel(
        // all 13; Σ amounts with the two empty ones as 0 = 147000
        [13, 147000, null, 1],
        // all but O11 (highest 1): 147000 − 5000
        [12, 142000, 12 / 13, 12 / 13],
        // minus O04 (0), O06 (6000), O08 (8000, lost from Qualification); O03 passes Proposal by skipping it
        [9, 128000, 9 / 12, 9 / 13],
        // won O01 O09 O10 O12 (65000) + O02 O03 (35000); O05 O07 O13 stop at 3
        [6, 100000, 6 / 9, 6 / 13],
        // won: O01 10000 + O09 25000 + O10 empty + O12 30000
        [4, 65000, 4 / 6, 4 / 13],
      ),
    );
  });

  it('windows on created_at, both ends inclusive', async () => {
    // created 2026-01-05 … 2026-01-10: O01 (01-05 00:00, won), O03 (01-10 00:00, highest 4), O07 (01-08, highest 3)
    expect(await viewRows('basic', 'funnel', { from: '2026-01-05', to: '2026-01-10' })).toEqual(
      funnel(
        [3, 34000, null, 1],
        [3, 34000, 1, 1],
        [3, 34000, 1, 1],
        // O07 stops at Proposal
        [2, 25000, 2 / 3, 2 / 3],
        [1, 10000, 1 / 2, 1 / 3],
      ),
    );
  });

  it('windows January: deals created last year or in February stay out', async () => {
    // created in January: O01 won, O02 4, O03 4, O05 3, O07 3, O08 2 (lost), O09 won
    expect(await viewRows('basic', 'funnel', { from: '2026-01-01', to: '2026-01-31' })).toEqual(
      funnel(
        [7, 99000, null, 1],
        [7, 99000, 1, 1],
        // minus O08 8000
        [6, 91000, 6 / 7, 6 / 7],
        // O01 10000 + O09 25000 + O02 20000 + O03 15000
        [4, 70000, 4 / 6, 4 / 7],
        [2, 35000, 2 / 4, 2 / 7],
      ),
    );
  });

  it('filters on the resolved region (own, else account, else owner)', async () => {
    // South: O03, O04, O06 (own region beats account A1 North), O07, O08, O10 and O11 (A3 has none → owner R3), O12
    expect(await viewRows('basic', 'funnel', { filters: { region: ['South'] } })).toEqual(
      funnel(
        // 15000 + 0 + 6000 + 9000 + 8000 + 0 + 5000 + 30000
        [8, 73000, null, 1],
        // minus O11
        [7, 68000, 7 / 8, 7 / 8],
        // O03, O07, O10, O12
        [4, 54000, 4 / 7, 4 / 8],
        // O03, O10, O12
        [3, 45000, 3 / 4, 3 / 8],
        [2, 30000, 2 / 3, 2 / 8],
      ),
    );
  });

  it("filters on the owner's team", async () => {
    // Beta = R3: O04 2, O07 3, O10 won, O11 1, O12 won
    expect(await viewRows('basic', 'funnel', { filters: { team: ['Beta'] } })).toEqual(
      funnel(
        [5, 44000, null, 1],
        [4, 39000, 4 / 5, 4 / 5],
        [3, 39000, 3 / 4, 3 / 5],
        [2, 30000, 2 / 3, 2 / 5],
        [2, 30000, 1, 2 / 5],
      ),
    );
  });

  it("filters on the account's tier", async () => {
    // Standard = A3: O10 (won, empty amount), O11 (Prospecting, 5000)
    expect(await viewRows('basic', 'funnel', { filters: { tier: ['Standard'] } })).toEqual(
      funnel([2, 5000, null, 1], [1, 0, 1 / 2, 1 / 2], [1, 0, 1, 1 / 2], [1, 0, 1, 1 / 2], [1, 0, 1, 1 / 2]),
    );
  });

  it("filters on the campaign, taking the lead's when the deal has none", async () => {
    // C2: O06 (own, highest 2), O10 (through L3, the lower of its two leads; L4 is C1), O12 (own, won)
    expect(await viewRows('basic', 'funnel', { filters: { campaign_id: ['C2'] } })).toEqual(
      funnel(
        [3, 36000, null, 1],
        [3, 36000, 1, 1],
        [2, 30000, 2 / 3, 2 / 3],
        [2, 30000, 1, 2 / 3],
        [2, 30000, 1, 2 / 3],
      ),
    );
  });

  it("files an empty product_line under 'Unassigned'", async () => {
    // only O11 (Prospecting, 5000)
    expect(await viewRows('basic', 'funnel', { filters: { product_line: ['Unassigned'] } })).toEqual(
      funnel([1, 5000, null, 1], [0, 0, 0, 0], [0, 0, null, 0], [0, 0, null, 0], [0, 0, null, 0]),
    );
  });

  it('ANDs filter keys and leaves conv_from_prev null after a row of zero', async () => {
    // Alpha (R1, R2) ∩ South: O03 4 (15000), O06 2 (6000), O08 2 lost (8000)
    expect(await viewRows('basic', 'funnel', { filters: { team: ['Alpha'], region: ['South'] } })).toEqual(
      funnel([3, 29000, null, 1], [3, 29000, 1, 1], [1, 15000, 1 / 3, 1 / 3], [1, 15000, 1, 1 / 3], [0, 0, 0, 0]),
    );
    // R2 created in February: O06 only (highest 2) → Proposal 0/1, then 0/0 = null
    expect(
      await viewRows('basic', 'funnel', { filters: { owner_id: ['R2'] }, from: '2026-02-01', to: '2026-02-28' }),
    ).toEqual(funnel([1, 6000, null, 1], [1, 6000, 1, 1], [0, 0, 0, 0], [0, 0, null, 0], [0, 0, null, 0]));
  });
});
