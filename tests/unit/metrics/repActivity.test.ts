/** rep_activity on the `basic` fixture's activities (README.md, "Activities"); as_of 2026-03-01. */
import { afterAll, describe, expect, it } from 'vitest';
import { approx, closeFixtureModels, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

const row = (owner_id: string, activities: number, perWeek: number, open: number, idle: number) => ({
  owner_id, activities, activities_per_week: approx(perWeek), open_deals: open, idle_open_deals: idle,
});

describe('rep_activity', () => {
  it('counts activities in the window per week of it (ending at as_of) and open deals idle for 14 days', async () => {
    // 2026-01-01 … 2026-02-28 is 59 days. R1: A1, A2, A3; R2: A4 (A5 is after as_of); R3: A7, A8 (A6 is December).
    expect(await viewRows('basic', 'rep_activity', { from: '2026-01-01', to: '2026-02-28' })).toEqual([
      row('R1', 3, 3 / (59 / 7), 2, 1),
      row('R2', 1, 1 / (59 / 7), 2, 1),
      row('R3', 2, 2 / (59 / 7), 3, 2),
    ]);
  });

  it('a window reaching past as_of counts its weeks only up to as_of', async () => {
    // 2026-01-01 … 2026-12-31, but activities can only be logged until 2026-03-01: 60 days.
    const rows = await viewRows('basic', 'rep_activity', { from: '2026-01-01', to: '2026-12-31' });
    expect(rows.map((r) => r.activities_per_week)).toEqual([approx(3 / (60 / 7)), approx(1 / (60 / 7)), approx(2 / (60 / 7))]);
  });

  it('without a window the weeks start at the first activity shown', async () => {
    // A6 2025-12-15 → as_of date 2026-03-01: 77 days = 11 weeks.
    expect(await viewRows('basic', 'rep_activity')).toEqual([row('R1', 3, 3 / 11, 2, 1), row('R2', 1, 1 / 11, 2, 1), row('R3', 3, 3 / 11, 3, 2)]);
  });

  it('a deal filter keeps only activities on matching deals; a shorter idle limit makes fewer deals idle', async () => {
    // North deals: O01, O02, O05, O09, O13 → A1 (O02) and A2 (O05); A3 has no deal.
    expect(await viewRows('basic', 'rep_activity', { from: '2026-01-01', to: '2026-02-28', filters: { region: ['North'] } })).toEqual([
      row('R1', 2, 2 / (59 / 7), 2, 1),
    ]);
    // 60 days back reaches A2 (01-10, O05) and A7 (02-15, O07): only O04 and O06 stay idle.
    const wide = await viewRows('basic', 'rep_activity', { params: { idleDays: 60 } });
    expect(wide.map((r) => [r.owner_id, r.idle_open_deals])).toEqual([['R1', 0], ['R2', 1], ['R3', 1]]);
  });
});
