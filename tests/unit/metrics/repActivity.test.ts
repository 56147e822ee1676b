/** rep_activity on the `basic` fixture's activities (README.md, "Activities"); as_of 2026-03-01. */
import { afterAll, describe, expect, it } from 'vitest';
import { approx, closeFixtureModels, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

const row = (owner_id: string, activities: number, perWeek: number, open: number, idle: number) => ({
  owner_id,
  activities,
  activities_per_week: approx(perWeek),
  open_deals: open,
  idle_open_deals: idle,
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
    // 2026-01-01 … 2026-12-31, but activities can only be logged until as_of, 2026-03-01 00:00: 59 days.
    const rows = await viewRows('basic', 'rep_activity', { from: '2026-01-01', to: '2026-12-31' });
    expect(rows.map((r) => r.activities_per_week)).toEqual([
      approx(3 / (59 / 7)),
      approx(1 / (59 / 7)),
      approx(2 / (59 / 7)),
    ]);
  });

  it('without a window the weeks start at the first activity shown', async () => {
    // A6 2025-12-15 00:00 → as_of 2026-03-01 00:00: 76 days.
    const weeks = 76 / 7;
    expect(await viewRows('basic', 'rep_activity')).toEqual([
      row('R1', 3, 3 / weeks, 2, 1),
      row('R2', 1, 1 / weeks, 2, 1),
      row('R3', 3, 3 / weeks, 3, 2),
    ]);
  });

  it('a rep with open deals and no activity in the window still has a row, with zeros', async () => {
    // 2026-02-17 … 02-27 is 11 days: only A1 (02-20, R1). A8 (02-16) is before, A4 (02-28 23:00) after.
    // Idle deals do not depend on the window: they look back 14 days from as_of.
    expect(await viewRows('basic', 'rep_activity', { from: '2026-02-17', to: '2026-02-27' })).toEqual([
      row('R1', 1, 1 / (11 / 7), 2, 1),
      row('R2', 0, 0, 2, 1),
      row('R3', 0, 0, 3, 2),
    ]);
  });

  it('rep filters apply to the activity’s owner, and an open window starts at the first activity shown', async () => {
    // Team Beta = R3: A7 and A8 in January–February; open O04, O07, O11, idle O04 and O07.
    expect(
      await viewRows('basic', 'rep_activity', { from: '2026-01-01', to: '2026-02-28', filters: { team: ['Beta'] } }),
    ).toEqual([row('R3', 2, 2 / (59 / 7), 3, 2)]);
    // R2 alone, no window: A5 is after as_of, so the first activity shown is A4, an hour before as_of: the
    // window counts as its minimum, one day.
    expect(await viewRows('basic', 'rep_activity', { filters: { owner_id: ['R2'] } })).toEqual([row('R2', 1, 7, 2, 1)]);
    // R3 alone: A6 2025-12-15 00:00 → as_of, 76 days, whatever the build's time zone (elapsed time, not dates).
    expect(await viewRows('basic', 'rep_activity', { filters: { owner_id: ['R3'] } })).toEqual([
      row('R3', 3, 3 / (76 / 7), 3, 2),
    ]);
    expect(await viewRows('basic', 'rep_activity', { tz: 'Asia/Shanghai', filters: { owner_id: ['R3'] } })).toEqual([
      row('R3', 3, 3 / (76 / 7), 3, 2),
    ]);
  });

  it('a window is its local days: in Shanghai, January–February runs from 12-31 16:00 to 02-28 16:00 UTC', async () => {
    // Still 59 days. A4 (02-28 23:00 UTC) is 1 March there: out of the window.
    expect(
      await viewRows('basic', 'rep_activity', { tz: 'Asia/Shanghai', from: '2026-01-01', to: '2026-02-28' }),
    ).toEqual([row('R1', 3, 3 / (59 / 7), 2, 1), row('R2', 0, 0, 2, 1), row('R3', 2, 2 / (59 / 7), 3, 2)]);
  });

  it('a deal filter keeps only activities on matching deals; the idle limit sets how far back activity counts', async () => {
    // North deals: O01, O02, O05, O09, O13 → A1 (O02) and A2 (O05); A3 has no deal.
    expect(
      await viewRows('basic', 'rep_activity', { from: '2026-01-01', to: '2026-02-28', filters: { region: ['North'] } }),
    ).toEqual([row('R1', 2, 2 / (59 / 7), 2, 1)]);
    // 60 days back reaches A2 (01-10, O05) and A7 (02-15, O07): only O04 and O06 stay idle.
    const wide = await viewRows('basic', 'rep_activity', { params: { idleDays: 60 } });
    expect(wide.map((r) => [r.owner_id, r.idle_open_deals])).toEqual([
      ['R1', 0],
      ['R2', 1],
      ['R3', 1],
    ]);
    // 1 day back (after 02-28 00:00) reaches only A4 (02-28 23:00, O03): every other open deal is idle.
    const narrow = await viewRows('basic', 'rep_activity', { params: { idleDays: 1 } });
    expect(narrow.map((r) => [r.owner_id, r.open_deals, r.idle_open_deals])).toEqual([
      ['R1', 2, 2],
      ['R2', 2, 1],
      ['R3', 3, 3],
    ]);
  });
});
