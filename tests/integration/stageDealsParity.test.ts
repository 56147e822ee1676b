import { describe, expect, it } from 'vitest';
import type { BoundQuery } from '../../src/db/engine.ts';
import { DEAL_LIST_ROLLUP } from '../../src/metrics/dealListRollup.ts';
import type { MetricParams } from '../../src/metrics/params.ts';
import {
  stageDeals,
  stageDealsCount,
  type DealSort,
  type SortDir,
  type StageDealsParams,
} from '../../src/metrics/stageDeals.ts';
import { expectSameRows, parityModels } from '../support/parityModels.ts';

/**
 * The funnel drill-down list runs on DuckDB-WASM when a visitor opens, sorts or pages it; it must give
 * the same rows, column types and order as native DuckDB, where its hand-computed tests run, and its
 * rollup the same as the deal rows
 * (engineParity.test.ts does the same for the core views of docs/metrics.md, over the same demo model).
 */
const models = parityModels('deals-parity');

/** The list as the site reads it (deal_list_rollup), natively and on DuckDB-WASM, equals the deal rows' list. */
async function expectParity<R extends object>(
  build: (p: StageDealsParams) => BoundQuery<R>,
  params: StageDealsParams,
): Promise<R[]> {
  const query = build(params);
  expect(query.sql).toContain(DEAL_LIST_ROLLUP);
  const expected = await models().native.engine.all(build({ ...params, rollups: false }));
  expectSameRows(await models().native.engine.all(query), expected);
  expectSameRows(await models().wasm.engine.all(query), expected);
  return expected;
}

const SCENARIOS: Record<string, Omit<MetricParams, 'asOf' | 'tz'>> = {
  'no filter': { filters: {} },
  'region and half a year': { filters: { region: ['EMEA', 'APAC'] }, from: '2026-05-01', to: '2026-10-31' },
};
const STAGES = ['Qualification', 'Negotiation', 'Closed Won'];
const PAGE = { limit: 25, offset: 10 };
const SORTS: [DealSort, SortDir][] = [
  // By amount, the rollup orders ties by its own numbering: both directions must still order them by id.
  ['amount', 'desc'],
  ['amount', 'asc'],
  ['owner', 'asc'],
  ['days_in_stage', 'desc'],
  ['close_date', 'asc'],
  ['opp_id', 'desc'],
];

describe.each(Object.entries(SCENARIOS))('%s', (_name, scenario) => {
  describe.each(STAGES)('%s', (stage) => {
    it.each(['reached', 'current'] as const)(
      '%s: same count, full list and sorted pages on DuckDB-WASM as on native',
      async (list) => {
        const params: StageDealsParams = {
          ...scenario,
          asOf: models().native.manifest.as_of,
          tz: models().native.manifest.tz,
          stage,
          list,
          sort: 'opp_id',
          dir: 'asc',
        };
        const [count] = await expectParity(stageDealsCount, params);
        const all = await expectParity(stageDeals, params);
        expect(all.length).toBe(count?.deals);
        // Longer than the offset, so every page below compares rows rather than two empty results.
        expect(all.length, 'deals in the list').toBeGreaterThan(PAGE.offset);
        for (const [sort, dir] of SORTS) {
          await expectParity(stageDeals, { ...params, sort, dir, ...PAGE });
        }
      },
    );
  });
});
