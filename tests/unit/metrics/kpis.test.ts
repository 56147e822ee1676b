/**
 * kpis on the `basic` fixture. Closed deals (close_date, amount, opp_to_win_days from cycleTimes.test.ts):
 *   won  O01 2026-01-20 10000 15.5 · O09 2026-02-03 25000 30 · O10 2026-02-05 empty 0 · O12 2025-12-20 30000 40
 *   lost O08 2026-01-26 · O13 2025-12-10
 * Open deals at as_of (amount × probability): O02 20000×0.5 · O03 15000×0.75 · O04 empty×0.25
 *   O05 12000×0.5 · O06 6000×0.25 · O07 9000×0.5 · O11 5000×0.1
 */
import { afterAll, describe, expect, it } from 'vitest';
import { approx, closeFixtureModels, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

interface Figures {
  won_amount: number;
  won_deals: number;
  lost_deals: number;
  win_rate: number | null;
  avg_deal_size: number | null;
  avg_sales_cycle_days: number | null;
  open_pipeline: number;
  weighted_pipeline: number;
}

const maybe = (n: number | null) => (n === null ? null : approx(n));

function figures(f: Figures, prefix = '') {
  return {
    [`${prefix}won_amount`]: f.won_amount,
    [`${prefix}won_deals`]: f.won_deals,
    [`${prefix}lost_deals`]: f.lost_deals,
    [`${prefix}win_rate`]: maybe(f.win_rate),
    [`${prefix}avg_deal_size`]: maybe(f.avg_deal_size),
    [`${prefix}avg_sales_cycle_days`]: maybe(f.avg_sales_cycle_days),
    [`${prefix}open_pipeline`]: f.open_pipeline,
    [`${prefix}weighted_pipeline`]: f.weighted_pipeline,
  };
}

const NO_PREVIOUS = {
  prev_won_amount: null,
  prev_won_deals: null,
  prev_lost_deals: null,
  prev_win_rate: null,
  prev_avg_deal_size: null,
  prev_avg_sales_cycle_days: null,
  prev_open_pipeline: null,
  prev_weighted_pipeline: null,
};

/** The as_of snapshot of every open deal, the same in every window. */
// 20000 + 15000 + 0 + 12000 + 6000 + 9000 + 5000; 10000 + 11250 + 0 + 6000 + 1500 + 4500 + 500
const PIPELINE = { open_pipeline: 67000, weighted_pipeline: 33750 };

describe('kpis', () => {
  it('covers every closed deal when there is no window, and has no previous period', async () => {
    expect(await viewRows('basic', 'kpis')).toEqual([
      {
        // won O01 O09 O10 O12, lost O08 O13; O10's empty amount counts as a deal but not in the size mean
        ...figures({
          won_amount: 65000,
          won_deals: 4,
          lost_deals: 2,
          win_rate: 4 / 6,
          avg_deal_size: 65000 / 3,
          avg_sales_cycle_days: (15.5 + 30 + 0 + 40) / 4,
          ...PIPELINE,
        }),
        ...NO_PREVIOUS,
        period_from: null,
        period_to: null,
        prev_from: null,
        prev_to: null,
      },
    ]);
  });

  it('compares January with the 31 days before it', async () => {
    expect(await viewRows('basic', 'kpis', { from: '2026-01-01', to: '2026-01-31' })).toEqual([
      {
        // closed in January: O01 won, O08 lost
        ...figures({
          won_amount: 10000,
          won_deals: 1,
          lost_deals: 1,
          win_rate: 0.5,
          avg_deal_size: 10000,
          avg_sales_cycle_days: 15.5,
          ...PIPELINE,
        }),
        // December 2025: O12 won, O13 lost; the pipeline is the as_of snapshot in both
        ...figures(
          {
            won_amount: 30000,
            won_deals: 1,
            lost_deals: 1,
            win_rate: 0.5,
            avg_deal_size: 30000,
            avg_sales_cycle_days: 40,
            ...PIPELINE,
          },
          'prev_',
        ),
        period_from: '2026-01-01',
        period_to: '2026-01-31',
        prev_from: '2025-12-01',
        prev_to: '2025-12-31',
      },
    ]);
  });

  it('compares February with the 28 days before it, leaving unknown amounts out of the mean deal size', async () => {
    expect(await viewRows('basic', 'kpis', { from: '2026-02-01', to: '2026-02-28' })).toEqual([
      {
        // closed in February: O09 won 25000 (30 d) and O10 won with an empty amount (0 d)
        ...figures({
          won_amount: 25000,
          won_deals: 2,
          lost_deals: 0,
          win_rate: 1,
          avg_deal_size: 25000,
          avg_sales_cycle_days: 15,
          ...PIPELINE,
        }),
        // 2026-01-04 … 2026-01-31: O01 won, O08 lost
        ...figures(
          {
            won_amount: 10000,
            won_deals: 1,
            lost_deals: 1,
            win_rate: 0.5,
            avg_deal_size: 10000,
            avg_sales_cycle_days: 15.5,
            ...PIPELINE,
          },
          'prev_',
        ),
        period_from: '2026-02-01',
        period_to: '2026-02-28',
        prev_from: '2026-01-04',
        prev_to: '2026-01-31',
      },
    ]);
  });

  it('leaves rates and means null when nothing closed, and filters the pipeline too', async () => {
    // R3's deals: O04, O07, O10 (closes 02-05), O11, O12 (closed 2025-12-20)
    expect(
      await viewRows('basic', 'kpis', { from: '2026-01-01', to: '2026-01-31', filters: { owner_id: ['R3'] } }),
    ).toEqual([
      {
        // open: O04 empty, O07 9000 × 0.5, O11 5000 × 0.1
        ...figures({
          won_amount: 0,
          won_deals: 0,
          lost_deals: 0,
          win_rate: null,
          avg_deal_size: null,
          avg_sales_cycle_days: null,
          open_pipeline: 14000,
          weighted_pipeline: 5000,
        }),
        ...figures(
          {
            won_amount: 30000,
            won_deals: 1,
            lost_deals: 0,
            win_rate: 1,
            avg_deal_size: 30000,
            avg_sales_cycle_days: 40,
            open_pipeline: 14000,
            weighted_pipeline: 5000,
          },
          'prev_',
        ),
        period_from: '2026-01-01',
        period_to: '2026-01-31',
        prev_from: '2025-12-01',
        prev_to: '2025-12-31',
      },
    ]);
  });

  it('filters on the resolved region', async () => {
    // North: O01 won, O02 open (account A1's region), O05 open, O09 won, O13 lost
    const [row] = await viewRows('basic', 'kpis', { filters: { region: ['North'] } });
    expect(row).toMatchObject(
      figures({
        won_amount: 35000,
        won_deals: 2,
        lost_deals: 1,
        win_rate: 2 / 3,
        avg_deal_size: 17500,
        avg_sales_cycle_days: (15.5 + 30) / 2,
        // 20000 + 12000; 10000 + 6000
        open_pipeline: 32000,
        weighted_pipeline: 16000,
      }),
    );
  });

  it("filters on the account's tier", async () => {
    // Key = A2: O03 open, O04 open (empty amount), O07 open, O08 lost, O12 won
    const [row] = await viewRows('basic', 'kpis', { filters: { tier: ['Key'] } });
    expect(row).toMatchObject(
      figures({
        won_amount: 30000,
        won_deals: 1,
        lost_deals: 1,
        win_rate: 0.5,
        avg_deal_size: 30000,
        avg_sales_cycle_days: 40,
        // 15000 + 0 + 9000; 11250 + 0 + 4500
        open_pipeline: 24000,
        weighted_pipeline: 15750,
      }),
    );
  });
});
