import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../loaders/build.ts';
import { DEMO_AS_OF, writeDemo } from '../../loaders/demo/index.ts';
import { BROWSER_DATABASE } from '../../loaders/parquet.ts';
import type { BoundQuery, Row } from '../../src/db/engine.ts';
import { openModel, type NativeModel } from '../../src/db/nativeModel.ts';
import type { MetricParams } from '../../src/metrics/params.ts';
import { stageDeals, stageDealsCount, type DealSort, type SortDir, type StageDealsParams } from '../../src/metrics/stageDeals.ts';
import { openWasmModel, type WasmNodeModel } from '../support/wasmNode.ts';

/**
 * The funnel drill-down list runs on native DuckDB when the page is prerendered and on DuckDB-WASM when
 * a visitor sorts or pages it: both must give the same rows, column types and order (engineParity.test.ts
 * does the same for the spec views, over the same demo model).
 */
let dir: string;
let native: NativeModel;
let wasm: WasmNodeModel;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pipescope-deals-parity-'));
  await writeDemo({ out: join(dir, 'in'), opportunities: 3000, seed: 7 });
  const built = await buildModel({ source: 'canonical', inDir: join(dir, 'in'), outDir: join(dir, 'model'), asOf: DEMO_AS_OF });
  if (!built.ok) throw new Error(`demo did not build: ${JSON.stringify(built.problems.slice(0, 3))}`);
  native = await openModel(join(dir, 'model'));
  wasm = await openWasmModel(join(dir, 'model', BROWSER_DATABASE));
}, 120_000);

afterAll(async () => {
  native?.close();
  await wasm?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Days are sums of stints and may be added in another order: equal to 1e-9 relative, everything else exact. */
function expectSameRows(actual: Row[], expected: Row[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    const want = expected[i]!;
    expect(Object.keys(row)).toEqual(Object.keys(want));
    for (const [key, value] of Object.entries(row)) {
      const other = want[key];
      if (typeof value === 'number' && typeof other === 'number') {
        expect(Math.abs(value - other), `${key} of row ${i}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(other)));
      } else {
        expect(value, `${key} of row ${i}`).toEqual(other);
      }
    }
  });
}

async function expectParity(query: BoundQuery): Promise<Row[]> {
  const expected = await native.engine.all(query);
  expectSameRows(await wasm.engine.all(query), expected);
  return expected;
}

const SCENARIOS: Record<string, Omit<MetricParams, 'asOf' | 'tz'>> = {
  'no filter': { filters: {} },
  'region and half a year': { filters: { region: ['EMEA', 'APAC'] }, from: '2026-05-01', to: '2026-10-31' },
};
const STAGES = ['Qualification', 'Negotiation', 'Closed Won'];
const PAGE = { limit: 25, offset: 10 };
const SORTS: [DealSort, SortDir][] = [['amount', 'desc'], ['owner', 'asc'], ['days_in_stage', 'desc'], ['close_date', 'asc'], ['opp_id', 'desc']];

describe.each(Object.entries(SCENARIOS))('%s', (_name, scenario) => {
  describe.each(STAGES)('%s', (stage) => {
    it.each(['reached', 'current'] as const)('%s: same count, full list and sorted pages on DuckDB-WASM as on native', async (list) => {
      const params: StageDealsParams = { ...scenario, asOf: native.manifest.as_of, tz: native.manifest.tz, stage, list, sort: 'opp_id', dir: 'asc' };
      const [count] = await expectParity(stageDealsCount(params));
      const all = await expectParity(stageDeals(params));
      expect(all.length).toBe(count?.deals);
      // Longer than the offset, so every page below compares rows rather than two empty results.
      expect(all.length, 'deals in the list').toBeGreaterThan(PAGE.offset);
      for (const [sort, dir] of SORTS) {
        await expectParity(stageDeals({ ...params, sort, dir, ...PAGE }));
      }
    });
  });
});
