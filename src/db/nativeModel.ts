import { join } from 'node:path';
import {
  BROWSER_DATABASE,
  checkModelFiles,
  ManifestError,
  readManifest,
  tableFile,
  type Manifest,
} from '../model/manifest.ts';
import { MODEL_ROLLUP_TABLES } from '../metrics/rollups.ts';
import { NativeEngine, sqlString } from './native.ts';

export interface NativeModel {
  readonly engine: NativeEngine;
  readonly manifest: Manifest;
  readonly dataDir: string;
  close(): void;
}

/**
 * Opens a built model for querying with native DuckDB: each table is a view over its Parquet file, so
 * the CLI and the build-time prerender read the same interchange output the loaders wrote. The rollups
 * are read from the browser database, where the loaders stored them: both engines read the same rollup rows.
 */
export async function openModel(dataDir: string): Promise<NativeModel> {
  const manifest = await readManifest(dataDir);
  checkModelFiles(dataDir, manifest, [BROWSER_DATABASE]);
  const engine = await NativeEngine.open();
  try {
    for (const table of Object.keys(manifest.tables)) await viewOf(engine, table, join(dataDir, tableFile(table)));
    await rollupViews(engine, join(dataDir, BROWSER_DATABASE));
  } catch (error) {
    engine.close();
    throw error;
  }
  return { engine, manifest, dataDir, close: () => engine.close() };
}

/**
 * A view over one table's Parquet file. Creating it reads the file's footer, so a truncated or overwritten
 * file fails here — the model folder is damaged, which the user repairs by building it again.
 */
async function viewOf(engine: NativeEngine, table: string, file: string): Promise<void> {
  try {
    await engine.exec(`CREATE VIEW ${table} AS SELECT * FROM read_parquet(${sqlString(file)})`);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new ManifestError(`${file} cannot be read (${reason}) — run "pipescope data" again to rewrite the model`);
  }
}

/** Views over the rollups in the browser database (src/metrics/rollups.ts lists them), attached read-only. */
async function rollupViews(engine: NativeEngine, file: string): Promise<void> {
  try {
    await engine.exec(`ATTACH ${sqlString(file)} AS rollups (READ_ONLY)`);
    for (const table of MODEL_ROLLUP_TABLES) {
      await engine.exec(`CREATE VIEW ${table} AS SELECT * FROM rollups.main.${table}`);
    }
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new ManifestError(`${file} has no rollups (${reason}) — run "pipescope data" again to rewrite the model`);
  }
}
