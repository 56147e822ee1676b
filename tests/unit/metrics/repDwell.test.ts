/**
 * rep_dwell on the `basic` fixture: median (quantile_cont 0.5) and mean of stage_dwell `days`, open rows
 * included, per rep, per team (Alpha = R1 + R2, Beta = R3) and company-wide. The stage_dwell rows
 * (see stageDwell.test.ts) per stage:
 *   Prospecting   R1 3,3,5,10 · R2 2,3,7,10 · R3 4,8.5,10
 *   Qualification R1 2,5 · R2 20,28,29 · R3 0,11,13.75
 *   Proposal      R1 10.5,24,40 · R2 15 · R3 19,48
 *   Negotiation   R1 0,26 · R2 19 · R3 none (no row)
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  approx,
  closeFixtureModels,
  type OpenStage,
  sortedBy,
  STAGE_ORDER,
  viewRows,
} from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

/** [deals, median, mean] for the rep, then [median, mean] for the team and the company. */
function dwell(
  owner_id: string,
  stage: OpenStage,
  [deals, median, mean]: [number, number, number],
  [teamMedian, teamMean]: [number, number],
  [companyMedian, companyMean]: [number, number],
) {
  return {
    owner_id,
    stage,
    stage_order: STAGE_ORDER[stage],
    deals,
    median_days: approx(median),
    mean_days: approx(mean),
    team_median_days: approx(teamMedian),
    team_mean_days: approx(teamMean),
    company_median_days: approx(companyMedian),
    company_mean_days: approx(companyMean),
  };
}

// company: Prospecting 2,3,3,3,4,5,7,8.5,10,10,10 → median 5, mean 65.5/11
const COMPANY_P: [number, number] = [5, 65.5 / 11];
// Qualification 0,2,5,11,13.75,20,28,29 → median (11 + 13.75)/2, mean 108.75/8
const COMPANY_Q: [number, number] = [12.375, 13.59375];
// Proposal 10.5,15,19,24,40,48 → median (19 + 24)/2, mean 156.5/6
const COMPANY_PR: [number, number] = [21.5, 156.5 / 6];
// Negotiation 0,19,26
const COMPANY_N: [number, number] = [19, 15];
// Alpha: Prospecting 2,3,3,3,5,7,10,10 → (3 + 5)/2, 43/8 · Qualification 2,5,20,28,29 → 20, 84/5
// Proposal 10.5,15,24,40 → (15 + 24)/2, 89.5/4 · Negotiation 0,19,26 → 19, 15
const ALPHA_P: [number, number] = [4, 5.375];
const ALPHA_Q: [number, number] = [20, 16.8];
const ALPHA_PR: [number, number] = [19.5, 22.375];
const ALPHA_N: [number, number] = [19, 15];

describe('rep_dwell', () => {
  it('sets each rep beside their team and the company, counting open stints too', async () => {
    expect(sortedBy(await viewRows('basic', 'rep_dwell'), 'owner_id', 'stage_order')).toEqual([
      // (3 + 5)/2, 21/4
      dwell('R1', 'Prospecting', [4, 4, 5.25], ALPHA_P, COMPANY_P),
      dwell('R1', 'Qualification', [2, 3.5, 3.5], ALPHA_Q, COMPANY_Q),
      // O02's 24 d is both its Proposal stints; O05's 40 d is still open
      dwell('R1', 'Proposal', [3, 24, 74.5 / 3], ALPHA_PR, COMPANY_PR),
      dwell('R1', 'Negotiation', [2, 13, 13], ALPHA_N, COMPANY_N),
      // (3 + 7)/2, 22/4
      dwell('R2', 'Prospecting', [4, 5, 5.5], ALPHA_P, COMPANY_P),
      dwell('R2', 'Qualification', [3, 28, 77 / 3], ALPHA_Q, COMPANY_Q),
      dwell('R2', 'Proposal', [1, 15, 15], ALPHA_PR, COMPANY_PR),
      dwell('R2', 'Negotiation', [1, 19, 19], ALPHA_N, COMPANY_N),
      // R3 is all of team Beta; R3 never entered Negotiation, so no row
      dwell('R3', 'Prospecting', [3, 8.5, 7.5], [8.5, 7.5], COMPANY_P),
      dwell('R3', 'Qualification', [3, 11, 8.25], [11, 8.25], COMPANY_Q),
      dwell('R3', 'Proposal', [2, 33.5, 33.5], [33.5, 33.5], COMPANY_PR),
    ]);
  });
});
