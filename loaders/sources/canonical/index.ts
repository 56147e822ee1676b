import type { NativeEngine } from '../../../src/db/native.ts';
import type { ProblemLog } from '../../validate/problem.ts';
import { checkIntegrity } from './checks.ts';
import { stageTable, type StagedTable } from './stageTable.ts';
import { TABLES } from './tables.ts';

export interface SourceContext {
  readonly engine: NativeEngine;
  readonly inDir: string;
  readonly tz: string;
  readonly log: ProblemLog;
  readonly onRead: (file: string, rows: number, bytes: number, totalBytes: number) => void;
}

/** Reads a folder of canonical CSVs into staging tables and runs the integrity rules over them. */
export async function stageCanonical(ctx: SourceContext): Promise<Record<string, StagedTable>> {
  const staged: Record<string, StagedTable> = {};
  for (const spec of TABLES) {
    staged[spec.table] = await stageTable(ctx.engine, spec, ctx.inDir, ctx.tz, ctx.log, (rows, bytes, total) =>
      ctx.onRead(spec.file, rows, bytes, total),
    );
  }
  // Integrity checks on a file that failed to parse would only repeat its problems in other words.
  if (!ctx.log.hasErrors()) await checkIntegrity(ctx.engine, staged, ctx.log);
  return staged;
}

/** Frees the staging tables once the model is derived from them: at a million deals they are gigabytes. */
export async function dropStaging(engine: NativeEngine): Promise<void> {
  for (const spec of TABLES) await engine.exec(`DROP TABLE IF EXISTS stg_${spec.table}`);
}
