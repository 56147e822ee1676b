import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../loaders/build.ts';
import { DEMO_AS_OF, writeDemo } from '../../loaders/demo/index.ts';
import { BROWSER_DATABASE } from '../../loaders/parquet.ts';
import type { Row } from '../../src/db/engine.ts';
import { openModel, type NativeModel } from '../../src/db/nativeModel.ts';
import { runView, VIEW_NAMES, type ViewName } from '../../src/metrics/index.ts';
import type { MetricParams } from '../../src/metrics/params.ts';
import { openWasmModel, type WasmNodeModel } from '../support/wasmNode.ts';

/**
 * The promise behind "the static page and the drill-down never disagree": every view, run through the
 * same metric module on native DuckDB over the Parquet output and on DuckDB-WASM over the browser
 * database file, gives the same rows.
 */
let dir: string;
let native: NativeModel;
let wasm: WasmNodeModel;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pipescope-parity-'));
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

/** Sums may be added in another order by the two engines: equal to 1e-9 relative, everything else exact. */
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

const SCENARIOS: Record<string, Omit<MetricParams, 'asOf' | 'tz'>> = {
  'no filter': { filters: {} },
  'a quarter': { filters: {}, from: '2026-04-01', to: '2026-06-30' },
  'region and tier': { filters: { region: ['EMEA', 'APAC'], tier: ['Key'] }, from: '2025-01-01', to: '2025-12-31' },
  'team, same period last year': { filters: { team: ['Enterprise'] }, from: '2026-01-01', to: '2026-03-31', compare: 'year' },
  'stall limit': { filters: {}, stallLimitDays: { Proposal: 20 } },
};

describe.each(Object.entries(SCENARIOS))('%s', (_name, scenario) => {
  it.each(VIEW_NAMES)('%s: DuckDB-WASM on the browser database equals native DuckDB on Parquet', async (view: ViewName) => {
    const params: MetricParams = { ...scenario, asOf: native.manifest.as_of, tz: native.manifest.tz };
    const expected = await runView(native.engine, view, params);
    const actual = await runView(wasm.engine, view, params);
    expectSameRows(actual, expected);
    if (view !== 'receivables' && _name === 'no filter') expect(expected.length).toBeGreaterThan(0);
  });
});
