/**
 * forecast on the `basic` fixture. Open deals at as_of (close_date, amount × probability):
 *   O02 2026-03-15 20000×0.5 · O03 2026-02-20 15000×0.75 (overdue) · O04 none, empty×0.25
 *   O05 2026-03-20 12000×0.5 · O06 2026-04-05 6000×0.25 · O07 2026-03-31 9000×0.5 · O11 2026-04-10 5000×0.1
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeFixtureModels, sortedBy, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

function month(close_month: string | null, open_deals: number, pipeline_amount: number, weighted_amount: number) {
  return { close_month, open_deals, pipeline_amount, weighted_amount };
}

describe('forecast', () => {
  it('groups open deals by close month, keeping overdue ones in their past month', async () => {
    expect(sortedBy(await viewRows('basic', 'forecast'), 'close_month')).toEqual([
      // O03, overdue since 02-20
      month('2026-02', 1, 15000, 11250),
      // O02 + O05 + O07: 20000 + 12000 + 9000; 10000 + 6000 + 4500
      month('2026-03', 3, 41000, 20500),
      // O06 + O11: 6000 + 5000; 1500 + 500
      month('2026-04', 2, 11000, 2000),
      // O04: no close date and no amount, still one deal
      month(null, 1, 0, 0),
    ]);
  });

  it('windows on close_date', async () => {
    expect(await viewRows('basic', 'forecast', { from: '2026-03-01', to: '2026-03-31' })).toEqual([
      month('2026-03', 3, 41000, 20500),
    ]);
  });

  it("filters on the owner's team", async () => {
    // Alpha (R1, R2): O02, O03, O05, O06
    const rows = await viewRows('basic', 'forecast', { filters: { team: ['Alpha'] } });
    expect(sortedBy(rows, 'close_month')).toEqual([
      month('2026-02', 1, 15000, 11250),
      month('2026-03', 2, 32000, 16000),
      month('2026-04', 1, 6000, 1500),
    ]);
  });
});
