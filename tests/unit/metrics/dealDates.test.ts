/** The latest deal dates on the `basic` fixture (README.md); as_of 2026-03-01 unless a test moves it. */
import { afterAll, describe, expect, it } from 'vitest';
import { loadLatestDealDates } from '../../../src/metrics/dealDates.ts';
import { closeFixtureModels, fixtureModel } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

describe('latest deal dates', () => {
  it('takes each owner’s latest creation or close of a won or lost deal, never an open deal’s expected close', async () => {
    const { engine, asOf, tz } = await fixtureModel('basic');
    const dates = await loadLatestDealDates(engine, { asOf, tz });
    // R1: O05 created 01-15, O09 won 02-03. R2: O06 created 02-01 (O03 is open, its 02-20 close only expected).
    // R3: O11 created 02-20, O10 won 02-05.
    expect(Object.fromEntries(dates.byOwner)).toEqual({ R1: '2026-02-03', R2: '2026-02-01', R3: '2026-02-20' });
    expect(dates.all).toBe('2026-02-20');
  });

  it('ignores what happened after as_of', async () => {
    const { engine, tz } = await fixtureModel('basic');
    // As of 2026-01-02 00:00: R1's O02 was created at that instant; R2 and R3 only have 2025 deals yet.
    const dates = await loadLatestDealDates(engine, { asOf: '2026-01-02T00:00:00Z', tz });
    expect(Object.fromEntries(dates.byOwner)).toEqual({ R1: '2026-01-02', R2: '2025-12-10', R3: '2025-12-20' });
    expect(dates.all).toBe('2026-01-02');
  });

  it('reads a creation instant as its date in the build’s time zone', async () => {
    const { engine } = await fixtureModel('basic');
    // O11 was created 2026-02-20 00:00 UTC: still 02-19 in New York.
    const dates = await loadLatestDealDates(engine, { asOf: '2026-03-01T00:00:00Z', tz: 'America/New_York' });
    expect(dates.byOwner.get('R3')).toBe('2026-02-19');
  });
});
