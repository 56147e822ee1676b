/**
 * open_deals on the `basic` fixture: the open deals' current stints at as_of 2026-03-01 and the stall
 * limits of README.md (p75 of completed stints: Prospecting 9.25, Qualification 17.75, Proposal 16,
 * Negotiation 19.5).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { approx, closeFixtureModels, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

describe('open_deals', () => {
  it('lists every open deal, stalled first, then the longest current stint', async () => {
    const rows = await viewRows('basic', 'open_deals');
    expect(rows.map((r) => [r.opp_id, r.stage, r.stalled])).toEqual([
      ['O07', 'Proposal', true], // 48 > 16
      ['O05', 'Proposal', true], // 40 > 16
      ['O06', 'Qualification', true], // 28 > 17.75
      ['O03', 'Negotiation', false], // 19 < 19.5
      ['O04', 'Qualification', false], // 13.75
      ['O02', 'Proposal', false], // the re-entry's open stint is 9, although 24 days in all
      ['O11', 'Prospecting', false], // 8.5 < 9.25
    ]);
    const o02 = rows.find((r) => r.opp_id === 'O02');
    expect(o02).toEqual({
      opp_id: 'O02', opp_name: 'Acme re-entry', owner_id: 'R1', rep_name: 'Alice', account_id: 'A1', account_name: 'Acme',
      amount: 20000, stage: 'Proposal', entered_at: '2026-02-20T00:00:00.000Z',
      open_stint_days: approx(9), days_in_stage: approx(24), stall_limit_days: approx(16), stalled: false, close_date: '2026-03-15',
    });
    expect(rows.find((r) => r.opp_id === 'O04')).toMatchObject({ amount: null, open_stint_days: approx(13.75), entered_at: '2026-02-15T06:00:00.000Z', close_date: null });
  });

  it('is a snapshot (the window does not apply) that filters apply to; limit keeps the first rows', async () => {
    const rows = await viewRows('basic', 'open_deals', { from: '2026-02-01', to: '2026-02-28', filters: { owner_id: ['R3'] } });
    expect(rows.map((r) => r.opp_id)).toEqual(['O07', 'O04', 'O11']);
    expect((await viewRows('basic', 'open_deals', { params: { limit: 2 } })).map((r) => r.opp_id)).toEqual(['O07', 'O05']);
  });

  it('a configured stage limit replaces the percentile', async () => {
    const rows = await viewRows('basic', 'open_deals', { params: { stallLimitDays: { Qualification: 30 } } });
    expect(rows.map((r) => [r.opp_id, r.stalled])).toEqual([
      ['O07', true], ['O05', true], ['O06', false], ['O03', false], ['O04', false], ['O02', false], ['O11', false],
    ]);
    expect(rows.find((r) => r.opp_id === 'O06')?.stall_limit_days).toBe(30);
  });
});
