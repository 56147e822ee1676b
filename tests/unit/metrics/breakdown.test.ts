/**
 * The breakdown views on the `basic` fixture (README.md), window Jan–Feb 2026 (59 days), so the comparison
 * period is 2025-11-03 … 2025-12-31. Closed deals: O01 North won 10000 (01-20, cycle 15.5), O08 South lost
 * (01-26), O09 North won 25000 (02-03, cycle 30), O10 South won with no amount (02-05, cycle 0); before:
 * O12 South won 30000 (2025-12-20, cycle 40), O13 North lost (2025-12-10). Open now: O02 North 20000
 * Proposal (0.5), O05 North 12000 Proposal, O03 South 15000 Negotiation (0.75), O04 South no amount,
 * O06 South 6000 Qualification (0.25), O07 South 9000 Proposal, O11 South 5000 Prospecting (0.1).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { approx, closeFixtureModels, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

const JAN_FEB = { from: '2026-01-01', to: '2026-02-28' };

type Closed = [
  won: number,
  wonDeals: number,
  lost: number,
  rate: number | null,
  avg: number | null,
  cycle: number | null,
];
const figures = (cur: Closed, open: [number, number, number], prev: Closed) => {
  const named = (p: string, [won, wonDeals, lost, rate, avg, cycle]: Closed) => ({
    [`${p}won_amount`]: won,
    [`${p}won_deals`]: wonDeals,
    [`${p}lost_deals`]: lost,
    [`${p}win_rate`]: rate === null ? null : approx(rate),
    [`${p}avg_deal_size`]: avg === null ? null : approx(avg),
    [`${p}avg_sales_cycle_days`]: cycle === null ? null : approx(cycle),
  });
  return {
    ...named('', cur),
    open_deals: open[0],
    open_pipeline: open[1],
    weighted_pipeline: approx(open[2]),
    ...named('prev_', prev),
  };
};

describe('breakdowns: the kpis figures per group', () => {
  it('by_region: closed in the window, the comparison period and the open pipeline now, most won first', async () => {
    expect(await viewRows('basic', 'by_region', JAN_FEB)).toEqual([
      // O01 + O09: 35000, both won; cycle (15.5 + 30) / 2. Open O02 + O05: 32000, weighted 10000 + 6000.
      { region: 'North', ...figures([35000, 2, 0, 1, 17500, 22.75], [2, 32000, 16000], [0, 0, 1, 0, null, null]) },
      // O10 won without an amount (adds 0, no deal size) and O08 lost. Open: 15000·0.75 + 6000·0.25 + 9000·0.5 + 5000·0.1.
      { region: 'South', ...figures([0, 1, 1, 0.5, null, 0], [5, 35000, 17750], [30000, 1, 0, 1, 30000, 40]) },
    ]);
  });

  it('by_rep with a team filter: names the rep, and a rep with nothing in a period gets zero counts', async () => {
    expect(await viewRows('basic', 'by_rep', { ...JAN_FEB, filters: { team: ['Alpha'] } })).toEqual([
      {
        owner_id: 'R1',
        rep_name: 'Alice',
        ...figures([35000, 2, 0, 1, 17500, 22.75], [2, 32000, 16000], [0, 0, 0, null, null, null]),
      },
      // Bob: O08 lost now, O13 lost before; open O03 15000·0.75 + O06 6000·0.25.
      {
        owner_id: 'R2',
        rep_name: 'Bob',
        ...figures([0, 0, 1, 0, null, null], [2, 21000, 12750], [0, 0, 1, 0, null, null]),
      },
    ]);
  });

  it('by_team: Alpha is R1 + R2, Beta is R3', async () => {
    const rows = await viewRows('basic', 'by_team', JAN_FEB);
    expect(
      rows.map((r) => [
        r.team,
        r.won_amount,
        r.won_deals,
        r.lost_deals,
        r.open_deals,
        r.open_pipeline,
        r.prev_won_amount,
      ]),
    ).toEqual([
      ['Alpha', 35000, 2, 1, 4, 53000, 0],
      // R3: O10 won (no amount) now, O12 won 30000 before; open O04, O07, O11.
      ['Beta', 0, 1, 0, 3, 14000, 30000],
    ]);
  });

  it('product_region: one row per product line × region, ties on won amount in name order', async () => {
    const rows = await viewRows('basic', 'product_region', { ...JAN_FEB, filters: { region: ['South'] } });
    expect(
      rows.map((r) => [
        r.product_line,
        r.region,
        r.won_deals,
        r.lost_deals,
        r.open_deals,
        r.open_pipeline,
        r.weighted_pipeline,
        r.prev_won_amount,
      ]),
    ).toEqual([
      // O08 lost; O06 open 6000·0.25; O12 won 30000 in the comparison period.
      ['Hardware', 'South', 0, 1, 1, 6000, 1500, 30000],
      // O04 open without an amount.
      ['Services', 'South', 0, 0, 1, 0, 0, 0],
      // O10 won (no amount); O03 15000·0.75 + O07 9000·0.5.
      ['Software', 'South', 1, 0, 2, 24000, 15750, 0],
      // O11 has no product line.
      ['Unassigned', 'South', 0, 0, 1, 5000, 500, 0],
    ]);
  });

  it('by_product_line in February: the comparison period is the 28 days before it; a group only through open deals', async () => {
    // 2026-02-01 … 02-28 is 28 days → comparison 2026-01-04 … 01-31. Closed in February: O09 Services won 25000
    // (02-03, cycle 30), O10 Software won without an amount (02-05, cycle 0). Before: O01 Software won 10000
    // (01-20, cycle 15.5), O08 Hardware lost (01-26).
    expect(await viewRows('basic', 'by_product_line', { from: '2026-02-01', to: '2026-02-28' })).toEqual([
      // O04 is open without an amount: one open deal adding 0.
      { product_line: 'Services', ...figures([25000, 1, 0, 1, 25000, 30], [1, 0, 0], [0, 0, 0, null, null, null]) },
      // Ties on won amount 0 in name order. Open O02 20000·0.5 + O06 6000·0.25.
      {
        product_line: 'Hardware',
        ...figures([0, 0, 0, null, null, null], [2, 26000, 11500], [0, 0, 1, 0, null, null]),
      },
      // Open O03 15000·0.75 + O05 12000·0.5 + O07 9000·0.5 = 11250 + 6000 + 4500.
      { product_line: 'Software', ...figures([0, 1, 0, 1, null, 0], [3, 36000, 21750], [10000, 1, 0, 1, 10000, 15.5]) },
      // O11 (no product line) is only an open deal: 5000·0.1; nothing closed in either period.
      {
        product_line: 'Unassigned',
        ...figures([0, 0, 0, null, null, null], [1, 5000, 500], [0, 0, 0, null, null, null]),
      },
    ]);
  });

  it('the comparison period ends the day before the window: a deal closed on that day counts there', async () => {
    // 2026-01-21 … 02-28 is 11 + 28 = 39 days → comparison 2025-12-13 … 2026-01-20: O01 (01-20) and O12 (12-20)
    // are in it, O13 (12-10) is not. In the window: O08 (01-26), O09 (02-03), O10 (02-05).
    expect(await viewRows('basic', 'by_region', { from: '2026-01-21', to: '2026-02-28' })).toEqual([
      { region: 'North', ...figures([25000, 1, 0, 1, 25000, 30], [2, 32000, 16000], [10000, 1, 0, 1, 10000, 15.5]) },
      { region: 'South', ...figures([0, 1, 1, 0.5, null, 0], [5, 35000, 17750], [30000, 1, 0, 1, 30000, 40]) },
    ]);
  });

  it('compare: year takes the same dates a year earlier', async () => {
    // 2025-01-01 … 2025-02-28: nothing closed then (the oldest close is O13 on 2025-12-10).
    const rows = await viewRows('basic', 'by_region', { ...JAN_FEB, params: { compare: 'year' } });
    expect(
      rows.map((r) => [
        r.region,
        r.won_amount,
        r.prev_won_amount,
        r.prev_won_deals,
        r.prev_lost_deals,
        r.prev_win_rate,
      ]),
    ).toEqual([
      ['North', 35000, 0, 0, 0, null],
      ['South', 0, 0, 0, 0, null],
    ]);
  });

  it('without a closed window there is no comparison period', async () => {
    const [north] = await viewRows('basic', 'by_region', { from: '2026-01-01' });
    expect(north).toMatchObject({ region: 'North', won_amount: 35000, prev_won_amount: null, prev_win_rate: null });
  });
});
