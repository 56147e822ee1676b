import { join } from 'node:path';
import type { SqlEngine } from '../../src/db/engine.ts';
import { openModel } from '../../src/db/nativeModel.ts';
import { loadDimensions } from '../../src/metrics/dimensions.ts';
import { runView, VIEW_NAMES, missingInputs, type ViewName } from '../../src/metrics/index.ts';
import type { MetricParams } from '../../src/metrics/params.ts';
import { BROWSER_DATABASE } from '../../src/model/manifest.ts';
import { defaultViewState, toMetricParams } from '../../src/state/viewState.ts';
import { dateInZone } from '../../src/time/zone.ts';
import { openWasmModel } from '../../tests/support/wasmNode.ts';

export interface ViewMeasure {
  readonly view: ViewName;
  /** Native DuckDB over the Parquet output, second run (what the build's prerender pays). */
  readonly nativeMs: number;
  /** DuckDB-WASM (Node build, database file in memory): the view's first run, then the median of re-runs. */
  readonly wasmFirstMs: number;
  readonly wasmWarmMs: number;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

async function timed(engine: SqlEngine, view: ViewName, params: MetricParams): Promise<number> {
  const started = performance.now();
  await runView(engine, view, params);
  return performance.now() - started;
}

/**
 * Every view in both engines as a page runs it: the default period at as_of (rollups in force), each run
 * with another region so no engine can answer from a cached result. DuckDB-WASM reads the file from
 * memory here; the browser figures above add its range requests.
 */
export async function measureViews(modelDir: string, reruns = 3): Promise<ViewMeasure[]> {
  const native = await openModel(modelDir);
  const wasm = await openWasmModel(join(modelDir, BROWSER_DATABASE));
  try {
    const m = native.manifest;
    const present = (t: string) => m.tables[t]?.present === true;
    const regions = (await loadDimensions(native.engine, present)).region.map((o) => o.value);
    const base = toMetricParams(defaultViewState(), {
      asOf: m.as_of,
      tz: m.tz,
      asOfDate: dateInZone(Date.parse(m.as_of), m.tz),
      fiscalYearStartMonth: m.fiscal_year_start_month,
    });
    const withRegion = (i: number): MetricParams => {
      const region = regions[i % Math.max(1, regions.length)];
      return region === undefined ? base : { ...base, filters: { region: [region] } };
    };
    const measures: ViewMeasure[] = [];
    for (const view of VIEW_NAMES) {
      if (missingInputs(view, m.tables).length > 0) continue;
      process.stderr.write(`  view ${view}\n`);
      await timed(native.engine, view, withRegion(0));
      const nativeMs = await timed(native.engine, view, withRegion(1));
      const wasmFirstMs = await timed(wasm.engine, view, withRegion(0));
      const warm: number[] = [];
      for (let i = 1; i <= reruns; i++) warm.push(await timed(wasm.engine, view, withRegion(i)));
      measures.push({ view, nativeMs, wasmFirstMs, wasmWarmMs: median(warm) });
    }
    return measures;
  } finally {
    native.close();
    await wasm.close();
  }
}
