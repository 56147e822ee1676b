import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPeriodWarning } from '../../cli/site.ts';
import { latestEvent, staleDataWarning } from '../../loaders/model/dataDate.ts';
import { canonicalFolder, runData, tempRoot } from '../support/canonicalFolder.ts';
import { closeFixtureModels, fixtureModel } from '../support/fixtureModel.ts';

/**
 * An export read long after it was taken: `pipescope data` says the latest event is far older than the
 * data date and which --as-of reads it as of its export; `pipescope build` says its pages open on an
 * earlier year.
 */
afterAll(closeFixtureModels);

describe('the latest event in the data', () => {
  it('is the latest of every dated event up to as_of: here a payment logged at as_of itself', async () => {
    // basic fixture: P07 is paid 2026-03-01 00:00, as_of; I08 (03-02), A5 (03-02) and P03 (03-05) come after it.
    const { engine } = await fixtureModel('basic');
    expect(await latestEvent(engine, '2026-03-01T00:00:00Z')).toBe('2026-03-01T00:00:00.000Z');
    // As of 02-26: L6 (a lead) and I10 (an invoice), both 02-25 00:00.
    expect(await latestEvent(engine, '2026-02-26T00:00:00Z')).toBe('2026-02-25T00:00:00.000Z');
  });
});

describe('the stale-data warning', () => {
  it('says nothing for data up to 90 days older than its data date', () => {
    expect(staleDataWarning('2026-02-25T00:00:00.000Z', '2026-03-01T00:00:00.000Z', false)).toBeNull();
    expect(staleDataWarning('2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', false)).toBeNull();
    expect(staleDataWarning(null, '2026-04-01T00:00:00.000Z', false)).toBeNull();
  });

  it('names the latest event, the gap, and the --as-of that reads the export as of its last day', () => {
    const w = staleDataWarning('2017-12-31T15:20:00.000Z', '2026-12-07T00:15:07.133Z', false)!;
    expect(w.column).toBe('--as-of');
    expect(w.message).toBe(
      'the latest event in the data is on 2017-12-31, 3,262 days before the data date 2026-12-07T00:15:07.133Z (now: --as-of was not given); open deals are aged to the data date, and pages whose period has no deals open on the latest year with deals',
    );
    expect(w.hint).toBe(
      'if the export was taken then, rebuild with --as-of 2018-01-01T00:00:00Z so the data is read as of its export',
    );
    expect(staleDataWarning('2026-01-01T00:00:00.000Z', '2026-04-02T00:00:00.000Z', true)!.message).toContain(
      'before the data date --as-of 2026-04-02T00:00:00.000Z;',
    );
  });
});

describe('pipescope data and build on an export dated long before its data date', () => {
  let temp: Awaited<ReturnType<typeof tempRoot>>;
  beforeAll(async () => {
    temp = await tempRoot('data-date');
  });
  afterAll(() => temp.remove());

  it('data warns with the --as-of to use, last, and still builds; build says the pages open on the data’s year', async () => {
    // The canonical fixture's latest event is payment P2, 2026-04-01 12:00: 454 days before 2027-06-30.
    const old = runData(await canonicalFolder(temp.path('in')), temp.path('model'), [
      '--as-of',
      '2027-06-30T00:00:00Z',
    ]);
    expect(old.status, old.stderr).toBe(0);
    const lines = old.stderr.trim().split('\n');
    expect(lines.at(-2)).toBe(
      'warning: pipescope data: --as-of: the latest event in the data is on 2026-04-01, 454 days before the data date --as-of 2027-06-30T00:00:00.000Z; open deals are aged to the data date, and pages whose period has no deals open on the latest year with deals — if the export was taken then, rebuild with --as-of 2026-04-02T00:00:00Z so the data is read as of its export',
    );
    expect(await defaultPeriodWarning(temp.path('model'))).toBe(
      'no deal was created or closed in the year of the data date 2027-06-30T00:00:00.000Z (2027-01-01 … 2027-12-31); the pages open on 2026-01-01 … 2026-12-31, the latest year with deals, and say so — if the export is that old, rebuild the model with "pipescope data --as-of" set to when it was taken (docs/metrics.md#the-default-period)',
    );
  });

  it('says nothing when the export is as recent as its data date', async () => {
    const fresh = runData(await canonicalFolder(temp.path('in-fresh')), temp.path('model-fresh'));
    expect(fresh.status, fresh.stderr).toBe(0);
    expect(fresh.stderr).not.toContain('latest event');
    expect(await defaultPeriodWarning(temp.path('model-fresh'))).toBeNull();
  });
});
