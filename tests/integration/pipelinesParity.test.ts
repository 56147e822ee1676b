/** The pipeline-aware funnel and deal list give the same rows in DuckDB-WASM as in native DuckDB. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../loaders/build.ts';
import { BROWSER_DATABASE } from '../../src/model/manifest.ts';
import { openModel, type NativeModel } from '../../src/db/nativeModel.ts';
import { funnel } from '../../src/metrics/funnel.ts';
import type { MetricParams } from '../../src/metrics/params.ts';
import { stageDeals } from '../../src/metrics/stageDeals.ts';
import { FIXTURE_AS_OF, fixtureDir } from '../support/fixtureModel.ts';
import { expectSameRows } from '../support/parityModels.ts';
import { openWasmModel, type WasmNodeModel } from '../support/wasmNode.ts';

let dir: string;
let native: NativeModel;
let wasm: WasmNodeModel;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pipescope-pipelines-parity-'));
  const built = await buildModel({
    source: 'canonical',
    inDir: fixtureDir('pipelines'),
    outDir: dir,
    asOf: FIXTURE_AS_OF,
  });
  if (!built.ok) throw new Error(JSON.stringify(built.problems));
  native = await openModel(dir);
  wasm = await openWasmModel(join(dir, BROWSER_DATABASE));
}, 60_000);
afterAll(async () => {
  native?.close();
  await wasm?.close();
  await rm(dir, { recursive: true, force: true });
});

const params = (filters: MetricParams['filters']): MetricParams => ({ asOf: FIXTURE_AS_OF, tz: 'UTC', filters });

describe('pipelines in both engines', () => {
  it.each([[{}], [{ pipeline: ['Renewals'] }], [{ region: ['North'] }]])('funnel with %j', async (filters) => {
    const query = funnel.build(params(filters));
    const rows = await native.engine.all(query);
    expect(rows.length).toBeGreaterThan(0);
    expectSameRows(await wasm.engine.all(query), rows);
  });

  it.each([['Quote'], ['Demo'], ['Won NB']])('reached deals of %s', async (stage) => {
    const query = stageDeals({ ...params({}), stage, list: 'reached', sort: 'amount', dir: 'desc' });
    const rows = await native.engine.all(query);
    expect(rows.length).toBeGreaterThan(0);
    expectSameRows(await wasm.engine.all(query), rows);
  });
});
