import { DuckDBDateValue, DuckDBTimestampValue, type DuckDBAppender } from '@duckdb/node-api';
import type { NativeEngine } from '../../../src/db/native.ts';
import type { ProblemLog } from '../../validate/problem.ts';
import {
  parseDate,
  parseInteger,
  parseNumber,
  parseProbability,
  parseTimestamp,
  type Parsed,
} from '../../validate/values.ts';
import { sqlType, type ColumnSpec, type TableSpec } from './tables.ts';

/**
 * A canonical table staged as `stg_<table>`: typed columns plus `_src` (index into `files`) and `_line`,
 * so every later check can name the file, line and column the user has to fix — the vendor's file and
 * header for an adapter, the canonical CSV for canonical input.
 */
export interface StagedTable {
  readonly spec: TableSpec;
  readonly present: boolean;
  /** The file a problem about the table as a whole names (its main source file). */
  readonly path: string;
  /** Files rows came from; `_src` indexes this list. */
  readonly files: readonly string[];
  /** Canonical column → the header the user sees in their own file. */
  readonly labels: Readonly<Record<string, string>>;
  readonly rows: number;
}

/** Where one row came from: a file (or `file[sheet]`) and its 1-based line or sheet row; null when unknown. */
export interface RowOrigin {
  readonly file: string;
  readonly line: number | null;
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
    parsed = PERIOD.test(period)
      ? { ok: true, value: period }
      : {
          ok: false,
          message: `"${cell}" is not a period`,
          hint: 'write YYYY, YYYY-Qn or YYYY-MM, e.g. 2026-Q3 or 2026-07',
        };
    if (parsed.ok) appender.appendVarchar(period);
  } else if (typeof type === 'object') {
    const value = cell.toLowerCase();
    parsed = type.oneOf.includes(value)
      ? { ok: true, value }
      : {
          ok: false,
          message: `"${cell}" is not one of ${type.oneOf.join(', ')}`,
          hint: `use one of: ${type.oneOf.join(', ')}`,
        };
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

export interface RowStagerOptions {
  readonly spec: TableSpec;
  readonly tz: string;
  readonly log: ProblemLog;
  /** The table's main file, named by problems about the table as a whole. */
  readonly path: string;
  /** Canonical column → the user's header; columns not listed are named canonically. */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The one place a canonical row is validated and staged, whatever it came from (a canonical CSV, a
 * vendor export mapped in SQL, a PostgreSQL cursor). Every cell goes through the canonical parse rules;
 * a bad cell is reported with its origin and staged as NULL, so the cross-file checks that follow do not
 * cascade one bad cell into many false reports.
 */
export class RowStager {
  private readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  private rowCount = 0;

  private constructor(
    private readonly appender: DuckDBAppender,
    private readonly o: RowStagerOptions,
  ) {}

  static async open(engine: NativeEngine, o: RowStagerOptions): Promise<RowStager> {
    const columnsSql = o.spec.columns.map((c) => `"${c.name}" ${sqlType(c.type)}`).join(', ');
    await engine.exec(`CREATE OR REPLACE TABLE stg_${o.spec.table} (_src INTEGER, _line INTEGER, ${columnsSql})`);
    return new RowStager(await engine.connection.createAppender(`stg_${o.spec.table}`), o);
  }

  /** Creates the empty staging table of an input that is absent, so checks and derivation can read it. */
  static async absent(engine: NativeEngine, o: RowStagerOptions): Promise<StagedTable> {
    const stager = await RowStager.open(engine, o);
    return stager.finish(false);
  }

  label(column: string): string {
    return this.o.labels?.[column] ?? column;
  }

  /** Stages one row; `cell(i)` is the text of the table's i-th canonical column (null/undefined/blank = empty). */
  add(origin: RowOrigin, cell: (index: number) => string | null | undefined): void {
    const { spec, tz, log } = this.o;
    this.rowCount++;
    this.appender.appendInteger(this.indexOf(origin.file));
    if (origin.line === null) this.appender.appendNull();
    else this.appender.appendInteger(origin.line);
    spec.columns.forEach((column, i) => {
      const text = (cell(i) ?? '').trim();
      if (text === '') {
        this.appender.appendNull();
        if (column.required) {
          const label = this.label(column.name);
          log.error({
            file: origin.file,
            line: origin.line,
            column: label,
            message: `${label} is empty`,
            hint: `every row needs a ${label}; fill it in or remove the row`,
          });
        }
        return;
      }
      const parsed = appendCell(this.appender, column, text, tz);
      if (!parsed.ok)
        log.error({
          file: origin.file,
          line: origin.line,
          column: this.label(column.name),
          message: parsed.message,
          hint: parsed.hint,
        });
    });
    this.appender.endRow();
  }

  get rows(): number {
    return this.rowCount;
  }

  finish(present = true): StagedTable {
    this.appender.closeSync();
    const files = this.files.length > 0 ? [...this.files] : [this.o.path];
    return { spec: this.o.spec, present, path: this.o.path, files, labels: this.o.labels ?? {}, rows: this.rowCount };
  }

  private indexOf(file: string): number {
    let index = this.fileIndex.get(file);
    if (index === undefined) {
      index = this.files.length;
      this.files.push(file);
      this.fileIndex.set(file, index);
    }
    return index;
  }
}

/** The staged table's file of a row, for problems found in SQL over `stg_<table>`. */
export function fileOf(t: StagedTable, src: unknown): string {
  return t.files[Number(src)] ?? t.path;
}
