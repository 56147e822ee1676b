/**
 * receivables on the `basic` fixture; the invoice table in tests/fixtures/metrics/basic/README.md gives
 * each invoice's outstanding amount and days overdue at the default as_of 2026-03-01.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { approx, closeFixtureModels, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

/** The five buckets in order, each [invoices, outstanding_amount]. */
function buckets(...counts: [number, number][]) {
  return ['current', '1-30', '31-60', '61-90', '90+'].map((bucket, i) => ({
    bucket,
    invoices: counts[i]![0],
    outstanding_amount: approx(counts[i]![1]),
  }));
}

describe('receivables', () => {
  it('ages what is still owed at as_of, dropping settled invoices', async () => {
    expect(await viewRows('basic', 'receivables')).toEqual(
      buckets(
        // I01 10000 − 4000, due on as_of (0 d); I10 700 − 200 paid exactly at as_of
        [2, 6500],
        // I02 25000 − 5000 (the 20000 of 03-05 is after as_of), 9 d; I09 2000, 30 d
        [2, 22000],
        // I04 3000, 2025-12-31 → 60 d
        [1, 3000],
        // I05 1500, 2025-12-01 → 90 d
        [1, 1500],
        // I06 800 − 300, 151 d. Out: I03 paid, I07 0.004 left, I08 issued after as_of
        [1, 500],
      ),
    );
  });

  it('re-ages at a later as_of: later payments count and later invoices appear', async () => {
    expect(await viewRows('basic', 'receivables', { asOf: '2026-03-10T00:00:00Z' })).toEqual(
      buckets(
        // I08 5000 (issued 03-02, due 04-01); I10 500
        [2, 5500],
        // I01 6000, 9 d. I02 is now paid in full
        [1, 6000],
        // I09 2000, 39 d
        [1, 2000],
        // I04 3000, 69 d
        [1, 3000],
        // I05 1500, 99 d; I06 500, 160 d
        [2, 2000],
      ),
    );
  });

  it('lists empty buckets with zeros', async () => {
    expect(await viewRows('basic', 'receivables', { asOf: '2026-01-01T00:00:00Z' })).toEqual(
      buckets(
        // I03 30000 not yet paid (01-10), due 01-15
        [1, 30000],
        // I04 3000, 1 d
        [1, 3000],
        // I05 1500, 31 d
        [1, 1500],
        [0, 0],
        // I06 800 − 300 (paid 2025-10-15), 92 d
        [1, 500],
      ),
    );
  });

  it('ignores the window', async () => {
    expect(await viewRows('basic', 'receivables', { from: '2026-02-01', to: '2026-02-28' })).toEqual(
      await viewRows('basic', 'receivables'),
    );
  });
});
