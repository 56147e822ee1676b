import { join } from 'node:path';
import { sqlString, type NativeEngine } from '../src/db/native.ts';
import { BROWSER_DATABASE, tableFile } from '../src/model/manifest.ts';
import { MODEL_TABLES } from './model/derive.ts';

/** DuckDB-WASM 1.32 (DuckDB 1.4.3) reads this storage version of the browser database. */
const BROWSER_STORAGE_VERSION = 'v1.4.0';

/**
 * ~100k rows per row group (DuckDB rounds to 100,352): small enough that a filtered browser query fetches
 * a few hundred KB per column by HTTP range, large enough that zstd and min/max statistics stay useful.
 */
const ROW_GROUP_SIZE = 100_000;

/**
 * The one place that writes the model out: one zstd Parquet file per table (the build's interchange
 * output, read by the CLI and prerender) and the same tables, in the same order, in one DuckDB database
 * file for DuckDB-WASM, which cannot read Parquet offline. Rows are sorted by the columns views filter
 * and join on, so min/max statistics let both readers skip row groups.
 */
export async function writeModel(
  engine: NativeEngine,
  outDir: string,
  onTable: (table: string, rows: number) => void,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await engine.exec(
    `ATTACH ${sqlString(join(outDir, BROWSER_DATABASE))} AS browser (STORAGE_VERSION '${BROWSER_STORAGE_VERSION}')`,
  );
  for (const [table, order] of Object.entries(MODEL_TABLES)) {
    const sorted = `SELECT * FROM memory.main.${table} ORDER BY ${order}`;
    await engine.exec(
      `COPY (${sorted}) TO ${sqlString(join(outDir, tableFile(table)))} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_SIZE})`,
    );
    await engine.exec(`CREATE TABLE browser.main.${table} AS ${sorted}`);
    const [row] = await engine.all({ sql: `SELECT count(*) AS n FROM memory.main.${table}`, params: [] });
    counts[table] = Number(row?.n ?? 0);
    onTable(table, counts[table]);
  }
  await engine.exec('DETACH browser');
  return counts;
}
