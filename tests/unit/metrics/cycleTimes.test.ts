/**
 * cycle_times on the `basic` fixture (tests/fixtures/metrics/basic/README.md). Leads:
 *   L1 2025-12-20 00:00 (O01 by lead_id) · L5 2025-12-31 12:00 (O02 by lead_id; L2 names O02 but loses)
 *   L3 2026-02-01 09:00 and L4 2026-01-20 both name O10 → L3, the lowest lead_id
 */
import { afterAll, describe, expect, it } from 'vitest';
import { approx, closeFixtureModels, sortedBy, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

function cycle(
  opp_id: string,
  owner_id: string,
  lead_id: string | null,
  created_at: string,
  won_at: string | null,
  [leadToOpp, oppToWin, leadToWin]: [number | null, number | null, number | null] = [null, null, null],
) {
  const days = (d: number | null) => (d === null ? null : approx(d));
  return {
    opp_id,
    owner_id,
    lead_id,
    created_at,
    won_at,
    lead_to_opp_days: days(leadToOpp),
    opp_to_win_days: days(oppToWin),
    lead_to_win_days: days(leadToWin),
  };
}

const ALL = [
  // won row logged 01-20 12:00: 15.5 d; lead L1 16 d before creation → 31.5 d lead to win
  cycle('O01', 'R1', 'L1', '2026-01-05T00:00:00.000Z', '2026-01-20T12:00:00.000Z', [16, 15.5, 31.5]),
  // L5 by lead_id (L2 only names O02 from the leads side): 2025-12-31 12:00 → 2026-01-02 = 1.5 d
  cycle('O02', 'R1', 'L5', '2026-01-02T00:00:00.000Z', null, [1.5, null, null]),
  cycle('O03', 'R2', null, '2026-01-10T00:00:00.000Z', null),
  cycle('O04', 'R3', null, '2026-02-15T06:00:00.000Z', null),
  cycle('O05', 'R1', null, '2026-01-15T00:00:00.000Z', null),
  cycle('O06', 'R2', null, '2026-02-01T00:00:00.000Z', null),
  cycle('O07', 'R3', null, '2026-01-08T00:00:00.000Z', null),
  // lost: no won_at
  cycle('O08', 'R2', null, '2026-01-03T00:00:00.000Z', null),
  // no won history row → close_date 02-03 at 00:00 UTC (not the appended entry's 01-14): 30 d
  cycle('O09', 'R1', null, '2026-01-04T00:00:00.000Z', '2026-02-03T00:00:00.000Z', [null, 30, null]),
  // close_date 02-05 is before created_at 02-10 09:00 → won_at = created_at; L3 created 02-01 09:00 → 9 d
  cycle('O10', 'R3', 'L3', '2026-02-10T09:00:00.000Z', '2026-02-10T09:00:00.000Z', [9, 0, 9]),
  cycle('O11', 'R3', null, '2026-02-20T00:00:00.000Z', null),
  // won row 2025-12-20: 11-10 → 12-20 = 40 d
  cycle('O12', 'R3', null, '2025-11-10T00:00:00.000Z', '2025-12-20T00:00:00.000Z', [null, 40, null]),
  cycle('O13', 'R2', null, '2025-11-15T00:00:00.000Z', null),
];

const only = (...ids: string[]) => ALL.filter((r) => ids.includes(r.opp_id));

describe('cycle_times', () => {
  it('gives every opportunity its lead and, when won, its won_at', async () => {
    expect(sortedBy(await viewRows('basic', 'cycle_times'), 'opp_id')).toEqual(ALL);
  });

  it('windows on created_at', async () => {
    const rows = await viewRows('basic', 'cycle_times', { from: '2026-02-01', to: '2026-02-28' });
    expect(sortedBy(rows, 'opp_id')).toEqual(only('O04', 'O06', 'O10', 'O11'));
  });

  it("filters on the campaign, taking the lead's when the deal has none", async () => {
    // C2: O06 and O12 by their own campaign_id, O10 through L3
    const rows = await viewRows('basic', 'cycle_times', { filters: { campaign_id: ['C2'] } });
    expect(sortedBy(rows, 'opp_id')).toEqual(only('O06', 'O10', 'O12'));
  });
});
