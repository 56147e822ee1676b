import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBDateValue, DuckDBTimestampValue, type DuckDBAppender } from '@duckdb/node-api';
import type { NativeEngine } from '../../../src/db/native.ts';
import type { ProblemLog } from '../../validate/problem.ts';
import { parseDate, parseInteger, parseNumber, parseProbability, parseTimestamp, type Parsed } from '../../validate/values.ts';
import { readCsv } from './readCsv.ts';
import { sqlType, type ColumnSpec, type TableSpec } from './tables.ts';

export interface StagedTable {
  readonly spec: TableSpec;
  readonly present: boolean;
  readonly path: string;
  readonly rows: number;
}

const PERIOD = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

/** Parses one non-empty cell and appends it; returns the problem instead when it cannot be parsed. */
function appendCell(appender: DuckDBAppender, column: ColumnSpec, cell: string, tz: string): Parsed<unknown> {
  const type = column.type;
  let parsed: Parsed<unknown>;
  if (type === 'text') {
    appender.appendVarchar(cell);
    return { ok: true, value: cell };
  } else if (type === 'period') {
    const period = cell.toUpperCase();
    parsed = PERIOD.test(period) ? { ok: true, value: period } : { ok: false, message: `"${cell}" is not a period`, hint: 'write YYYY, YYYY-Qn or YYYY-MM, e.g. 2026-Q3 or 2026-07' };
    if (parsed.ok) appender.appendVarchar(period);
  } else if (typeof type === 'object') {
    const value = cell.toLowerCase();
    parsed = type.oneOf.includes(value) ? { ok: true, value } : { ok: false, message: `"${cell}" is not one of ${type.oneOf.join(', ')}`, hint: `use one of: ${type.oneOf.join(', ')}` };
    if (parsed.ok) appender.appendVarchar(value);
  } else if (type === 'number' || type === 'probability') {
    const n = type === 'number' ? parseNumber(cell) : parseProbability(cell);
    if (n.ok) appender.appendDouble(n.value);
    parsed = n;
  } else if (type === 'integer') {
    const n = parseInteger(cell);
    if (n.ok) appender.appendInteger(n.value);
    parsed = n;
  } else if (type === 'date') {
    const d = parseDate(cell);
    if (d.ok) appender.appendDate(new DuckDBDateValue(d.value));
    parsed = d;
  } else {
    const t = parseTimestamp(cell, tz);
    if (t.ok) appender.appendTimestamp(new DuckDBTimestampValue(t.value));
    parsed = t;
  }
  if (!parsed.ok) appender.appendNull();
  return parsed;
}

/**
 * Streams one canonical CSV into a staging table `stg_<table>` (typed columns plus `_line`), reporting
 * every unparseable or missing value. Rows with problems are still staged (bad cells as NULL) so the
 * cross-file checks that follow don't cascade one bad cell into many false reports.
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
  const columnsSql = spec.columns.map((c) => `"${c.name}" ${sqlType(c.type)}`).join(', ');
  await engine.exec(`CREATE OR REPLACE TABLE stg_${spec.table} (_line INTEGER, ${columnsSql})`);
  if (!existsSync(path)) {
    if (spec.required) {
      log.error({ file: path, line: null, column: null, message: `required file ${spec.file} is missing`, hint: `add ${spec.file} to the input folder (see docs: canonical format)` });
    }
    return { spec, present: false, path, rows: 0 };
  }

  const appender = await engine.connection.createAppender(`stg_${spec.table}`);
  let indexes: number[] = [];
  let rows = 0;
  const problem = await readCsv(path, {
    onHeader(cells) {
      const names = cells.map((c) => c.trim().toLowerCase());
      indexes = spec.columns.map((c) => names.indexOf(c.name));
      let complete = true;
      spec.columns.forEach((c, i) => {
        if (indexes[i]! < 0 && c.required) {
          complete = false;
          log.error({ file: path, line: 1, column: c.name, message: `required column "${c.name}" is missing (found: ${cells.join(', ')})`, hint: `add a "${c.name}" column to the header row` });
        }
      });
      return complete;
    },
    onRecord({ cells, line }) {
      rows++;
      appender.appendInteger(line);
      spec.columns.forEach((column, i) => {
        const index = indexes[i]!;
        const cell = index >= 0 ? (cells[index] ?? '').trim() : '';
        if (cell === '') {
          appender.appendNull();
          if (column.required) log.error({ file: path, line, column: column.name, message: `${column.name} is empty`, hint: `every row needs a ${column.name}; fill it in or remove the row` });
          return;
        }
        const parsed = appendCell(appender, column, cell, tz);
        if (!parsed.ok) log.error({ file: path, line, column: column.name, message: parsed.message, hint: parsed.hint });
      });
      appender.endRow();
    },
    onProgress: (bytes, total, n) => onProgress(n, bytes, total),
  });
  appender.closeSync();
  if (problem) log.error({ file: path, ...problem });
  return { spec, present: true, path, rows };
}
