/**
 * stage_dwell on the `basic` fixture, as_of 2026-03-01 (tests/fixtures/metrics/basic/README.md).
 * Company-wide 75th percentiles of completed stints (quantile_cont):
 *   Prospecting 2,3,3,3,4,5,7,10,10,10 → 9.25 · Qualification 0,2,5,11,20,29 → 17.75
 *   Proposal 10.5,15,15,19 → 16 · Negotiation 0,26 → 19.5
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Row } from '../../../src/db/engine.ts';
import { approx, closeFixtureModels, type OpenStage, STAGE_ORDER, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

function stint(
  opp_id: string,
  owner_id: string,
  stage: OpenStage,
  entries: number,
  days: number,
  is_open = false,
  stalled = false,
) {
  return { opp_id, owner_id, stage, stage_order: STAGE_ORDER[stage], entries, days: approx(days), is_open, stalled };
}

const AS_OF_ROWS = [
  // O01: Prospecting 01-05 → Proposal 01-10 (Qualification skipped, no row) → Won 01-20 12:00
  stint('O01', 'R1', 'Prospecting', 1, 5),
  stint('O01', 'R1', 'Proposal', 1, 10.5),
  // O02: P 01-02 → Q 01-05 → Pr 01-10 → N 01-25 → Pr 02-20 → as_of
  stint('O02', 'R1', 'Prospecting', 1, 3),
  stint('O02', 'R1', 'Qualification', 1, 5),
  // Proposal 01-10 → 01-25 = 15 d, again 02-20 → as_of = 9 d → 24 d; the open stint (9) ≤ 16 → not stalled
  stint('O02', 'R1', 'Proposal', 2, 24, true, false),
  stint('O02', 'R1', 'Negotiation', 1, 26),
  // O03: Qualification rows 01-12, 01-15, 01-20 are one entry from 01-12 → 02-10 = 29 d
  stint('O03', 'R2', 'Prospecting', 1, 2),
  stint('O03', 'R2', 'Qualification', 1, 29),
  // Negotiation 02-10 → as_of = 19 d ≤ 19.5
  stint('O03', 'R2', 'Negotiation', 1, 19, true, false),
  // O04: no history → Qualification at created_at 02-15 06:00 → as_of = 13.75 d ≤ 17.75
  stint('O04', 'R3', 'Qualification', 1, 13.75, true, false),
  // O05: P 01-15 → Q 01-18 (edit row 01-20) → Proposal appended at the last row, 01-20 → as_of = 40 d > 16
  stint('O05', 'R1', 'Prospecting', 1, 3),
  stint('O05', 'R1', 'Qualification', 1, 2),
  stint('O05', 'R1', 'Proposal', 1, 40, true, true),
  // O06: P 01-25; created 02-01 is later than that row → Qualification appended at 02-01 → 28 d > 17.75
  stint('O06', 'R2', 'Prospecting', 1, 7),
  stint('O06', 'R2', 'Qualification', 1, 28, true, true),
  // O07: tie at 01-12 → Qualification (order 2) before Proposal (order 3): a 0-day stint, then 48 d > 16
  stint('O07', 'R3', 'Prospecting', 1, 4),
  stint('O07', 'R3', 'Qualification', 1, 0),
  stint('O07', 'R3', 'Proposal', 1, 48, true, true),
  // O08: P 01-03 → Q 01-06 → Lost 01-26 (the lost stint has no dwell)
  stint('O08', 'R2', 'Prospecting', 1, 3),
  stint('O08', 'R2', 'Qualification', 1, 20),
  // O09: P 01-04 → N 01-14, Won appended at that row's 01-14 → Negotiation 0 d
  stint('O09', 'R1', 'Prospecting', 1, 10),
  stint('O09', 'R1', 'Negotiation', 1, 0),
  // O10: only an implicit Won entry → no rows. O11: P 02-20 12:00 → as_of = 8.5 d ≤ 9.25
  stint('O11', 'R3', 'Prospecting', 1, 8.5, true, false),
  // O12: P 11-10 → Q 11-20 → Pr 12-01 → Won 12-20 (rows reversed in the file)
  stint('O12', 'R3', 'Prospecting', 1, 10),
  stint('O12', 'R3', 'Qualification', 1, 11),
  stint('O12', 'R3', 'Proposal', 1, 19),
  // O13: P 11-15 → Pr 11-25 → Lost 12-10
  stint('O13', 'R2', 'Prospecting', 1, 10),
  stint('O13', 'R2', 'Proposal', 1, 15),
];

const openRows = (rows: Row[]) => rows.filter((r) => r.is_open === true);

describe('stage_dwell', () => {
  it('lists every open stage entered, by opp_id then stage_order, with re-entries summed', async () => {
    expect(await viewRows('basic', 'stage_dwell')).toEqual(AS_OF_ROWS);
  });

  it('measures open stints up to a later as_of; a stint exactly at the 75th percentile is not stalled', async () => {
    // as_of 2026-03-05: open stints grow by 4 d, completed stints (and so the percentiles) stay
    expect(openRows(await viewRows('basic', 'stage_dwell', { asOf: '2026-03-05T00:00:00Z' }))).toEqual([
      // 15 + (02-20 → 03-05 = 13); 13 ≤ 16
      stint('O02', 'R1', 'Proposal', 2, 28, true, false),
      stint('O03', 'R2', 'Negotiation', 1, 23, true, true),
      // 02-15 06:00 → 03-05 = 17.75 = p75, not longer
      stint('O04', 'R3', 'Qualification', 1, 17.75, true, false),
      stint('O05', 'R1', 'Proposal', 1, 44, true, true),
      stint('O06', 'R2', 'Qualification', 1, 32, true, true),
      stint('O07', 'R3', 'Proposal', 1, 52, true, true),
      stint('O11', 'R3', 'Prospecting', 1, 12.5, true, true),
    ]);
  });

  it('keeps the stalled threshold company-wide when filtering by owner', async () => {
    // R3 alone would have Qualification stints 0, 11 → p75 8.25 and O04's 13.75 would stall; company-wide it is 17.75
    expect(await viewRows('basic', 'stage_dwell', { filters: { owner_id: ['R3'] } })).toEqual(
      AS_OF_ROWS.filter((r) => r.owner_id === 'R3'),
    );
  });

  it('windows on created_at and keeps the company-wide threshold', async () => {
    // created from 2026-02-01: O04, O06, O10 (no rows), O11; no completed Qualification stint among them
    expect(await viewRows('basic', 'stage_dwell', { from: '2026-02-01' })).toEqual(
      AS_OF_ROWS.filter((r) => ['O04', 'O06', 'O11'].includes(r.opp_id)),
    );
  });

  it("filters on the account's tier", async () => {
    // VIP = A1: O01, O02, O05, O06, O09, O13
    expect(await viewRows('basic', 'stage_dwell', { filters: { tier: ['VIP'] } })).toEqual(
      AS_OF_ROWS.filter((r) => ['O01', 'O02', 'O05', 'O06', 'O09', 'O13'].includes(r.opp_id)),
    );
  });
});
