import type { NativeEngine } from '../../../src/db/native.ts';
import type { ProblemLog } from '../../validate/problem.ts';
import { RowStager, type StagedTable } from './rowStager.ts';
import type { TableSpec } from './tables.ts';

export interface QueryStagingOptions {
  readonly spec: TableSpec;
  readonly tz: string;
  readonly log: ProblemLog;
  /** The vendor file the table mainly comes from (named by problems about the table as a whole). */
  readonly path: string;
  /** Canonical column → vendor header, for problem messages. */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * SELECT returning `_file` (text), `_line` (integer or NULL) and one text column per canonical column
   * of the spec, named canonically; columns it lacks are empty. Built from constants only.
   */
  readonly sql: string;
}

/**
 * Stages the result of an adapter's mapping query through the same row validation as canonical CSV:
 * adapters map vendor exports to canonical text in SQL (DuckDB does joins and window functions well), and
 * every value still passes the canonical parse rules with the vendor's file, line and header in problems.
 */
export async function stageFromQuery(engine: NativeEngine, o: QueryStagingOptions): Promise<StagedTable> {
  const stager = await RowStager.open(engine, o);
  const reader = await engine.secondConnection();
  try {
    const result = await reader.stream(o.sql);
    const names = result.columnNames();
    const fileAt = names.indexOf('_file');
    const lineAt = names.indexOf('_line');
    if (fileAt < 0 || lineAt < 0) throw new Error(`mapping query for ${o.spec.table} lacks _file or _line`);
    const at = o.spec.columns.map((c) => names.indexOf(c.name));
    for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      for (const row of chunk.getRows()) {
        const line = row[lineAt];
        stager.add({ file: String(row[fileAt] ?? o.path), line: line === null || line === undefined ? null : Number(line) }, (i) => {
          const index = at[i]!;
          const value = index < 0 ? null : row[index];
          return value === null || value === undefined ? null : String(value);
        });
      }
    }
  } finally {
    reader.closeSync();
  }
  return stager.finish();
}
