/**
 * The `shanghai` fixture built with tz Asia/Shanghai (UTC+8): timestamps without offset are Shanghai
 * wall-clock time and windows are Shanghai calendar dates (tests/fixtures/metrics/shanghai/README.md).
 *   S1 created 2026-02-01 06:00 local = 2026-01-31T22:00Z · S2 2026-01-01T07:00+08:00 = 2025-12-31T23:00Z
 *   S3 2026-01-31T20:00Z = 02-01 04:00 local · S4 2026-01-05 06:00 local = 2026-01-04T22:00Z
 */
import { afterAll, describe, expect, it } from 'vitest';
import { approx, closeFixtureModels, funnel, sortedBy, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

const tz = 'Asia/Shanghai';

describe('a build in Asia/Shanghai', () => {
  it('reads offset-less history timestamps in that zone', async () => {
    const rows = await viewRows('shanghai', 'stage_dwell', { tz });
    expect(rows.map(({ opp_id, stage, days, is_open }) => ({ opp_id, stage, days, is_open }))).toEqual([
      // 2026-01-31T22:00Z → 2026-02-03T00:00Z = 2 d 2 h (read as UTC it would be 1.75 d)
      { opp_id: 'S1', stage: 'Prospecting', days: approx(2 + 2 / 24), is_open: false },
      // 02-03 → as_of 03-01
      { opp_id: 'S1', stage: 'Qualification', days: approx(26), is_open: true },
      // 2025-12-31T23:00Z → Won at 2026-01-11 07:00 local = 01-10T23:00Z
      { opp_id: 'S2', stage: 'Prospecting', days: approx(10), is_open: false },
      // 2026-01-31T20:00Z → Lost at 2026-02-01 12:00 local = 02-01T04:00Z: 8 h
      { opp_id: 'S3', stage: 'Prospecting', days: approx(8 / 24), is_open: false },
    ]);
  });

  it('converts created_at and takes won_at from close_date at 00:00 UTC', async () => {
    const rows = await viewRows('shanghai', 'cycle_times', { tz });
    expect(
      sortedBy(rows, 'opp_id').map(({ opp_id, created_at, won_at, opp_to_win_days }) => ({
        opp_id,
        created_at,
        won_at,
        opp_to_win_days,
      })),
    ).toEqual([
      { opp_id: 'S1', created_at: '2026-01-31T22:00:00.000Z', won_at: null, opp_to_win_days: null },
      {
        opp_id: 'S2',
        created_at: '2025-12-31T23:00:00.000Z',
        won_at: '2026-01-10T23:00:00.000Z',
        opp_to_win_days: approx(10),
      },
      { opp_id: 'S3', created_at: '2026-01-31T20:00:00.000Z', won_at: null, opp_to_win_days: null },
      // no history: close_date 2026-01-06 at 00:00 UTC, 26 h after 2026-01-04T22:00Z
      {
        opp_id: 'S4',
        created_at: '2026-01-04T22:00:00.000Z',
        won_at: '2026-01-06T00:00:00.000Z',
        opp_to_win_days: approx(26 / 24),
      },
    ]);
  });

  it('windows created_at on Shanghai calendar dates', async () => {
    // January in Shanghai = [2025-12-31T16:00Z, 2026-01-31T16:00Z): S2 and S4, both won (2000 + 3000)
    expect(await viewRows('shanghai', 'funnel', { tz, from: '2026-01-01', to: '2026-01-31' })).toEqual(
      funnel([2, 5000, null, 1], [2, 5000, 1, 1], [2, 5000, 1, 1], [2, 5000, 1, 1], [2, 5000, 1, 1]),
    );
    // February: S1 (Qualification, 1000) and S3 (lost from Prospecting, 4000), whose UTC dates are Jan 31
    expect(await viewRows('shanghai', 'funnel', { tz, from: '2026-02-01', to: '2026-02-28' })).toEqual(
      funnel([2, 5000, null, 1], [1, 1000, 1 / 2, 1 / 2], [0, 0, 0, 0], [0, 0, null, 0], [0, 0, null, 0]),
    );
  });

  it('compares kpis over Shanghai calendar periods', async () => {
    // closed in January: S2 (01-15, 2000, 10 d), S4 (01-06, 3000, 26 h); December has nothing
    expect(await viewRows('shanghai', 'kpis', { tz, from: '2026-01-01', to: '2026-01-31' })).toEqual([
      {
        won_amount: 5000,
        won_deals: 2,
        lost_deals: 0,
        win_rate: approx(1),
        avg_deal_size: approx(2500),
        avg_sales_cycle_days: approx((10 + 26 / 24) / 2),
        // S1 1000 in Qualification (0.25)
        open_pipeline: 1000,
        weighted_pipeline: 250,
        prev_won_amount: 0,
        prev_won_deals: 0,
        prev_lost_deals: 0,
        prev_win_rate: null,
        prev_avg_deal_size: null,
        prev_avg_sales_cycle_days: null,
        prev_open_pipeline: 1000,
        prev_weighted_pipeline: 250,
        period_from: '2026-01-01',
        period_to: '2026-01-31',
        prev_from: '2025-12-01',
        prev_to: '2025-12-31',
      },
    ]);
  });

  it('ages receivables on the Shanghai date of as_of and reads payment times in the zone', async () => {
    // as_of 2026-02-28T20:00Z is 03-01 04:00 in Shanghai; P1 at 2026-02-28 22:00 local = 14:00Z counts
    // → I1 2000 − 500, due 02-28, 1 day overdue
    expect(await viewRows('shanghai', 'receivables', { tz, asOf: '2026-02-28T20:00:00Z' })).toEqual([
      { bucket: 'current', invoices: 0, outstanding_amount: 0 },
      { bucket: '1-30', invoices: 1, outstanding_amount: approx(1500) },
      { bucket: '31-60', invoices: 0, outstanding_amount: 0 },
      { bucket: '61-90', invoices: 0, outstanding_amount: 0 },
      { bucket: '90+', invoices: 0, outstanding_amount: 0 },
    ]);
  });
});
