import type { NativeEngine } from '../../../src/db/native.ts';
import type { ProblemLog } from '../../validate/problem.ts';
import { RowStager, type StagedTable } from './rowStager.ts';
import { TABLES } from './tables.ts';

/**
 * Adds an empty, absent staging table for every canonical table a source does not provide (a vendor
 * export without targets, say), so checks and derivation see the full set and views say "absent".
 */
export async function withAbsentTables(
  engine: NativeEngine,
  tables: Record<string, StagedTable>,
  tz: string,
  log: ProblemLog,
): Promise<Record<string, StagedTable>> {
  const complete = { ...tables };
  for (const spec of TABLES) {
    complete[spec.table] ??= await RowStager.absent(engine, { spec, tz, log, path: spec.file });
  }
  return complete;
}
