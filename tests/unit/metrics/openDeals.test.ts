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
    // Each deal's current stint (README stories): its start, days to as_of, all days in the stage, the p75 limit.
    expect(rows.map((r) => [r.opp_id, r.entered_at, r.open_stint_days, r.days_in_stage, r.stall_limit_days])).toEqual([
      ['O07', '2026-01-12T00:00:00.000Z', approx(48), approx(48), approx(16)], // tie: Q 0 days, then Proposal
      ['O05', '2026-01-20T00:00:00.000Z', approx(40), approx(40), approx(16)], // appended at the last row (01-20)
      ['O06', '2026-02-01T00:00:00.000Z', approx(28), approx(28), approx(17.75)], // appended at created_at
      ['O03', '2026-02-10T00:00:00.000Z', approx(19), approx(19), approx(19.5)],
      ['O04', '2026-02-15T06:00:00.000Z', approx(13.75), approx(13.75), approx(17.75)], // implicit entry
      ['O02', '2026-02-20T00:00:00.000Z', approx(9), approx(24), approx(16)], // Proposal 15 + 9
      ['O11', '2026-02-20T12:00:00.000Z', approx(8.5), approx(8.5), approx(9.25)],
    ]);
    const o02 = rows.find((r) => r.opp_id === 'O02');
    expect(o02).toEqual({
      opp_id: 'O02',
      opp_name: 'Acme re-entry',
      owner_id: 'R1',
      rep_name: 'Alice',
      account_id: 'A1',
      account_name: 'Acme',
      amount: 20000,
      stage: 'Proposal',
      entered_at: '2026-02-20T00:00:00.000Z',
      open_stint_days: approx(9),
      days_in_stage: approx(24),
      stall_limit_days: approx(16),
      stalled: false,
      close_date: '2026-03-15',
    });
    expect(rows.find((r) => r.opp_id === 'O04')).toMatchObject({
      amount: null,
      open_stint_days: approx(13.75),
      entered_at: '2026-02-15T06:00:00.000Z',
      close_date: null,
    });
  });

  it('is a snapshot (the window does not apply) that filters apply to; limit keeps the first rows', async () => {
    const rows = await viewRows('basic', 'open_deals', {
      from: '2026-02-01',
      to: '2026-02-28',
      filters: { owner_id: ['R3'] },
    });
    // O07 was created in January and still shows. The limits stay company-wide: R3's own completed
    // Qualification stints (O07 0, O12 11) would give a p75 of 8.25 and stall O04.
    expect(rows.map((r) => [r.opp_id, r.stall_limit_days, r.stalled])).toEqual([
      ['O07', approx(16), true],
      ['O04', approx(17.75), false],
      ['O11', approx(9.25), false],
    ]);
    expect((await viewRows('basic', 'open_deals', { params: { limit: 2 } })).map((r) => r.opp_id)).toEqual([
      'O07',
      'O05',
    ]);
  });

  it('a configured stage limit replaces the percentile', async () => {
    const rows = await viewRows('basic', 'open_deals', { params: { stallLimitDays: { Qualification: 30 } } });
    expect(rows.map((r) => [r.opp_id, r.stalled])).toEqual([
      ['O07', true],
      ['O05', true],
      ['O06', false],
      ['O03', false],
      ['O04', false],
      ['O02', false],
      ['O11', false],
    ]);
    expect(rows.find((r) => r.opp_id === 'O06')?.stall_limit_days).toBe(30);
  });

  it('a configured limit below the stint stalls the deal, which moves up among the stalled ones', async () => {
    // Prospecting 8 < O11's 8.5 days: stalled, after the longer stalled stints (48, 40, 28); the others keep the p75.
    const rows = await viewRows('basic', 'open_deals', { params: { stallLimitDays: { Prospecting: 8 } } });
    expect(rows.map((r) => [r.opp_id, r.stall_limit_days, r.stalled])).toEqual([
      ['O07', approx(16), true],
      ['O05', approx(16), true],
      ['O06', approx(17.75), true],
      ['O11', 8, true],
      ['O03', approx(19.5), false],
      ['O04', approx(17.75), false],
      ['O02', approx(16), false],
    ]);
  });
});
