import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { NativeEngine } from '../../../src/db/native.ts';
import type { ProblemLog } from '../../validate/problem.ts';
import { readCsv } from '../raw/readCsv.ts';
import { unreadableFile } from '../raw/readable.ts';
import { RowStager, type StagedTable } from '../staging/rowStager.ts';
import type { TableSpec } from '../staging/tables.ts';
import { stageWithDuckDB } from './sqlStage.ts';

/**
 * Stages one canonical CSV, reporting every unparseable or missing value: by DuckDB when the file is
 * plain (sqlStage.ts), else streamed row by row through csv-parse, which also says what is wrong with
 * the file itself.
 */
export async function stageTable(
  engine: NativeEngine,
  spec: TableSpec,
  dir: string,
  tz: string,
  log: ProblemLog,
  onProgress: (rows: number, bytes: number, total: number) => void,
): Promise<StagedTable> {
  const path = join(dir, spec.file);
  const options = { spec, tz, log, path };
  if (!existsSync(path)) {
    if (spec.required) {
      log.error({
        file: path,
        line: null,
        column: null,
        message: `required file ${spec.file} is missing`,
        hint: `add ${spec.file} to the input folder (see docs: canonical format)`,
      });
    }
    return RowStager.absent(engine, options);
  }
  const unreadable = unreadableFile(path);
  if (unreadable) {
    log.error(unreadable);
    return RowStager.absent(engine, options);
  }

  const total = statSync(path).size;
  const staged = await stageWithDuckDB(engine, spec, path, tz, log);
  if (staged !== null) {
    onProgress(staged.rows, total, total);
    return staged;
  }
  return stageRowByRow(engine, spec, path, tz, log, onProgress);
}

/** Streams the CSV through csv-parse into `RowStager` row by row: any file, every problem with its line. */
export async function stageRowByRow(
  engine: NativeEngine,
  spec: TableSpec,
  path: string,
  tz: string,
  log: ProblemLog,
  onProgress: (rows: number, bytes: number, total: number) => void,
): Promise<StagedTable> {
  const stager = await RowStager.open(engine, { spec, tz, log, path });
  let indexes: number[] = [];
  const problem = await readCsv(path, {
    onHeader(cells) {
      const names = cells.map((c) => c.trim().toLowerCase());
      indexes = spec.columns.map((c) => names.indexOf(c.name));
      let complete = true;
      spec.columns.forEach((c, i) => {
        if (indexes[i]! < 0 && c.required) {
          complete = false;
          log.error({
            file: path,
            line: 1,
            column: c.name,
            message: `required column "${c.name}" is missing (found: ${cells.join(', ')})`,
            hint: `add a "${c.name}" column to the header row`,
          });
        }
      });
      return complete;
    },
    onRecord({ cells, line }) {
      stager.add({ file: path, line }, (i) => (indexes[i]! >= 0 ? cells[indexes[i]!] : null));
    },
    onProgress: (bytes, total, n) => onProgress(n, bytes, total),
  });
  if (problem) log.error({ file: path, ...problem });
  return stager.finish();
}
