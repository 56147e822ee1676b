import type { NativeEngine } from '../../../src/db/native.ts';

/**
 * Frees the staging tables (`stg_*`) and adapters' raw vendor tables (`raw_*`) once the model is derived
 * from them: at a million deals they are gigabytes.
 */
export async function dropStaging(engine: NativeEngine): Promise<void> {
  const rows = await engine.all({
    sql: `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary
            AND (starts_with(table_name, 'stg_') OR starts_with(table_name, 'raw_'))`,
    params: [],
  });
  for (const r of rows) await engine.exec(`DROP TABLE "${String(r.table_name).replaceAll('"', '""')}"`);
}
