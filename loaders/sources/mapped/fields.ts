import type { ProblemLog } from '../../validate/problem.ts';
import { findColumn, type RawTable } from '../raw/rawTable.ts';
import type { RawRow } from '../raw/rows.ts';
import type { RowOrigin } from '../staging/rowStager.ts';
import type { ColumnType } from '../staging/tables.ts';
import { compileDateFormat, convertDate, convertNumber, type DateFormat } from './formats.ts';
import type { FieldSpec, NumberFormat } from './schema.ts';

/** A lookup file read into memory: key → value (reference tables such as products are small). */
export type LookupTable = ReadonlyMap<string, string>;

/** One mapped field, ready to turn a source row into canonical text (problems go to the log). */
export interface CompiledField {
  /** What problems call the field: the source header, or a description of a constant. */
  readonly label: string;
  resolve(row: RawRow, origin: RowOrigin): string | null;
}

export interface FieldContext {
  readonly raw: RawTable;
  readonly log: ProblemLog;
  /** The mapping file and the JSON path of this field, for problems about the mapping itself. */
  readonly mappingFile: string;
  readonly at: string;
  readonly type: ColumnType;
  readonly dateFormat?: string | undefined;
  readonly number?: NumberFormat | undefined;
  readonly lookup?: { readonly table: LookupTable; readonly file: string; readonly key: string } | undefined;
}

const blank = (v: string | null): v is null => v === null || v.trim() === '';

/**
 * Compiles a field of the mapping against the file's headers: the source column (or constant), then the
 * value map, the lookup and the date/number format, in that order. Null when the column is not in the
 * file (reported with the headers that are).
 */
export function compileField(spec: FieldSpec, c: FieldContext): CompiledField | null {
  const f = typeof spec === 'string' ? { column: spec } : spec;
  let header: string | null = null;
  if (f.value === undefined && f.column !== undefined) {
    header = findColumn(c.raw, [f.column]);
    if (header === null) {
      c.log.error({
        file: c.mappingFile,
        line: null,
        column: c.at,
        message: `column "${f.column}" is not in ${c.raw.file} (found: ${c.raw.headers.join(', ')})`,
        hint: 'name a header exactly as the file writes it',
      });
      return null;
    }
  }
  const formatText = f.format ?? c.dateFormat;
  const format: DateFormat | null =
    (c.type === 'date' || c.type === 'timestamp') && formatText !== undefined ? compileDateFormat(formatText) : null;
  const number = c.type === 'number' ? (f.number ?? c.number) : undefined;
  const label = header ?? `${c.at} (constant)`;
  return {
    label,
    resolve(row, origin) {
      let value = f.value ?? (header === null ? null : row.get(header));
      if (blank(value)) {
        // Left unset, an empty required field is the canonical stager's error and an optional one is fine.
        if (f.ifEmpty === 'error' && f.default === undefined) {
          c.log.error({
            ...origin,
            column: label,
            message: `${label} is empty`,
            hint: 'fill it in the source, or set "ifEmpty" or "default" in the mapping file',
          });
        }
        if (f.ifEmpty === 'warn') {
          c.log.warn({
            ...origin,
            column: label,
            message: f.default === undefined ? `${label} is empty` : `${label} is empty; "${f.default}" is used`,
            hint: 'fill it in the source if it is known',
          });
        }
        if (f.default === undefined) return null;
        value = f.default;
      }
      value = f.values?.[value] ?? value;
      if (c.lookup !== undefined) {
        const found = c.lookup.table.get(value.trim());
        if (found === undefined) {
          c.log.warn({
            ...origin,
            column: label,
            message: `"${value}" is not a ${c.lookup.key} in ${c.lookup.file}, so the field stays empty`,
            hint: `add "${value}" to ${c.lookup.file} or map it with "values" in the mapping file`,
          });
          return null;
        }
        value = found;
      }
      if (format !== null) {
        const converted = convertDate(value, format);
        if (!converted.ok) {
          c.log.error({ ...origin, column: label, message: converted.message, hint: converted.hint });
          return null;
        }
        return converted.text;
      }
      return number === undefined ? value : convertNumber(value, number);
    },
  };
}
