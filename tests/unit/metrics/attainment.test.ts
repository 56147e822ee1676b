/**
 * attainment on the `basic` fixture. Won deals (close_date, resolved region, owner, amount):
 *   O01 2026-01-20 North R1 10000 · O09 2026-02-03 North R1 25000 · O10 2026-02-05 South R3 empty
 *   O12 2025-12-20 South R3 30000
 */
import { afterAll, describe, expect, it } from 'vitest';
import { approx, closeFixtureModels, sortedBy, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

function target(
  period: string,
  scope: string,
  scope_id: string | null,
  [period_start, period_end]: [string, string],
  targetAmount: number,
  won_amount: number,
) {
  return {
    period,
    scope,
    scope_id,
    period_start,
    period_end,
    target: targetAmount,
    won_amount,
    attainment: approx(won_amount / targetAmount),
  };
}

const ROWS = {
  // O12
  q4South: target('2025-Q4', 'region', 'South', ['2025-10-01', '2025-12-31'], 25000, 30000),
  // O01
  janR1: target('2026-01', 'rep', 'R1', ['2026-01-01', '2026-01-31'], 15000, 10000),
  // O01 + O09
  q1North: target('2026-Q1', 'region', 'North', ['2026-01-01', '2026-03-31'], 50000, 35000),
  // O10 only, whose amount is empty
  q1South: target('2026-Q1', 'region', 'South', ['2026-01-01', '2026-03-31'], 40000, 0),
  // O01 + O09 + O10; O12 closed in 2025
  year: target('2026', 'company', null, ['2026-01-01', '2026-12-31'], 200000, 35000),
  // O10
  febR3: target('2026-02', 'rep', 'R3', ['2026-02-01', '2026-02-28'], 10000, 0),
};

const bySpan = (rows: Awaited<ReturnType<typeof viewRows>>) =>
  sortedBy(rows, 'period_start', 'period_end', 'scope', 'scope_id');

describe('attainment', () => {
  it('sums won deals closed in each target period and scope', async () => {
    expect(bySpan(await viewRows('basic', 'attainment'))).toEqual([
      ROWS.q4South,
      ROWS.janR1,
      ROWS.q1North,
      ROWS.q1South,
      ROWS.year,
      ROWS.febR3,
    ]);
  });

  it('keeps the targets whose period overlaps the window, measured over their whole period', async () => {
    expect(bySpan(await viewRows('basic', 'attainment', { from: '2026-02-01', to: '2026-02-28' }))).toEqual([
      ROWS.q1North,
      ROWS.q1South,
      ROWS.year,
      ROWS.febR3,
    ]);
  });

  it('gives only the scopes a page asks for', async () => {
    const regions = await viewRows('basic', 'attainment', { params: { targetScopes: ['region'] } });
    expect(bySpan(regions)).toEqual([ROWS.q4South, ROWS.q1North, ROWS.q1South]);
    const companyAndReps = await viewRows('basic', 'attainment', { params: { targetScopes: ['rep', 'company'] } });
    expect(bySpan(companyAndReps)).toEqual([ROWS.janR1, ROWS.year, ROWS.febR3]);
  });
});
