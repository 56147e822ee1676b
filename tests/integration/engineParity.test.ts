import { describe, expect, it } from 'vitest';
import { runView, VIEW_NAMES, type ViewName } from '../../src/metrics/index.ts';
import type { MetricParams } from '../../src/metrics/params.ts';
import { expectSameRows, parityModels } from '../support/parityModels.ts';

/**
 * The promise behind "the static page and the drill-down never disagree": every view, run through the
 * same metric module on native DuckDB over the Parquet output and on DuckDB-WASM over the browser
 * database file, gives the same rows.
 */
const models = parityModels('parity');

const SCENARIOS: Record<string, Omit<MetricParams, 'asOf' | 'tz'>> = {
  'no filter': { filters: {} },
  'a quarter': { filters: {}, from: '2026-04-01', to: '2026-06-30' },
  'region and tier': { filters: { region: ['EMEA', 'APAC'], tier: ['Key'] }, from: '2025-01-01', to: '2025-12-31' },
  'team, same period last year': {
    filters: { team: ['Enterprise'] },
    from: '2026-01-01',
    to: '2026-03-31',
    compare: 'year',
  },
  'stall limit': { filters: {}, stallLimitDays: { Proposal: 20 } },
};

describe.each(Object.entries(SCENARIOS))('%s', (_name, scenario) => {
  it.each(VIEW_NAMES)(
    '%s: DuckDB-WASM on the browser database equals native DuckDB on Parquet',
    async (view: ViewName) => {
      const params: MetricParams = {
        ...scenario,
        asOf: models().native.manifest.as_of,
        tz: models().native.manifest.tz,
      };
      const expected = await runView(models().native.engine, view, params);
      const actual = await runView(models().wasm.engine, view, params);
      expectSameRows(actual, expected);
      if (view !== 'receivables' && _name === 'no filter') expect(expected.length).toBeGreaterThan(0);
    },
  );
});
