import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildModel } from '../../loaders/build.ts';
import { DEMO_AS_OF, writeDemo } from '../../loaders/demo/index.ts';
import { BROWSER_DATABASE } from '../../src/model/manifest.ts';
import type { Row } from '../../src/db/engine.ts';
import { openModel, type NativeModel } from '../../src/db/nativeModel.ts';
import { openWasmModel, type WasmNodeModel } from './wasmNode.ts';

export interface ParityModels {
  /** Native DuckDB over the Parquet output, as the build and the CLI read it. */
  readonly native: NativeModel;
  /** DuckDB-WASM over the browser database file, as the site reads it. */
  readonly wasm: WasmNodeModel;
}

/**
 * One 3,000-deal demo model (built in `options.tz`, default UTC) opened in both engines for the test file that calls this (registers its own
 * beforeAll/afterAll); the returned function gives the models once they are open.
 */
export function parityModels(prefix: string, options: { tz?: string } = {}): () => ParityModels {
  let dir: string;
  let models: ParityModels | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `pipescope-${prefix}-`));
    await writeDemo({ out: join(dir, 'in'), opportunities: 3000, seed: 7 });
    const built = await buildModel({
      source: 'canonical',
      inDir: join(dir, 'in'),
      outDir: join(dir, 'model'),
      asOf: DEMO_AS_OF,
      tz: options.tz,
    });
    if (!built.ok) throw new Error(`demo did not build: ${JSON.stringify(built.problems.slice(0, 3))}`);
    models = {
      native: await openModel(join(dir, 'model')),
      wasm: await openWasmModel(join(dir, 'model', BROWSER_DATABASE)),
    };
  }, 120_000);
  afterAll(async () => {
    models?.native.close();
    await models?.wasm.close();
    await rm(dir, { recursive: true, force: true });
  });
  return () => {
    if (!models) throw new Error('the parity models are not open yet (use them inside a test)');
    return models;
  };
}

/** Sums may be added in another order by the two engines: numbers equal to 1e-9 relative, everything else exact. */
export function expectSameRows(actual: readonly object[], expected: readonly object[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    const want = Object.fromEntries(Object.entries(expected[i]!)) as Row;
    expect(Object.keys(row)).toEqual(Object.keys(want));
    for (const [key, value] of Object.entries(row) as [string, Row[string]][]) {
      const other = want[key];
      if (typeof value === 'number' && typeof other === 'number') {
        expect(Math.abs(value - other), `${key} of row ${i}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(other)));
      } else {
        expect(value, `${key} of row ${i}`).toEqual(other);
      }
    }
  });
}
