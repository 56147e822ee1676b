import { join } from 'node:path';
import { readManifest, type Manifest } from '../../loaders/manifest.ts';
import { NativeEngine, sqlString } from './native.ts';

export interface NativeModel {
  readonly engine: NativeEngine;
  readonly manifest: Manifest;
  readonly dataDir: string;
  close(): void;
}

/**
 * Opens a built model for querying with native DuckDB: each table is a view over its Parquet file, so
 * the CLI and the build-time prerender read the same interchange output the loaders wrote.
 */
export async function openModel(dataDir: string): Promise<NativeModel> {
  const manifest = await readManifest(dataDir);
  const engine = await NativeEngine.open();
  for (const table of Object.keys(manifest.tables)) {
    await engine.exec(`CREATE VIEW ${table} AS SELECT * FROM read_parquet(${sqlString(join(dataDir, `${table}.parquet`))})`);
  }
  return { engine, manifest, dataDir, close: () => engine.close() };
}
