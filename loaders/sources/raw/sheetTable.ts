import { readFile } from 'node:fs/promises';
import XLSX from 'xlsx';
import type { NativeEngine } from '../../../src/db/native.ts';
import type { ProblemLog } from '../../validate/problem.ts';
import { cleanHeaders, createRawTable, type RawTable } from './rawTable.ts';
import { settingProblem, type MappingKey } from './readable.ts';

export interface SheetTableOptions {
  readonly log: ProblemLog;
  /** Sheet name; default the first sheet. */
  readonly sheet?: string | undefined;
  /**
   * 1-based row holding the headers; default the first row with two or more filled cells, which skips
   * an import template's merged instruction row (悟空CRM puts one above the headers).
   */
  readonly headerRow?: number | undefined;
  /** The mapping key that named the sheet and header row, for their problems. */
  readonly mappedAt?: MappingKey | undefined;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * One cell as the text a CSV export of it would hold: numbers in full precision without grouping, dates
 * as the wall time the sheet shows (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, read later in `--tz`), since a
 * spreadsheet date has no zone. SheetJS's own Date objects would shift it by the build machine's zone.
 */
function cellText(cell: XLSX.CellObject | undefined): string | null {
  if (cell === undefined || cell.v === undefined || cell.v === null) return null;
  if (cell.t === 'n' && typeof cell.v === 'number' && cell.z !== undefined && XLSX.SSF.is_date(cell.z)) {
    const d = XLSX.SSF.parse_date_code(cell.v);
    const date = `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}`;
    return d.H === 0 && d.M === 0 && Math.round(d.S) === 0
      ? date
      : `${date} ${pad(d.H)}:${pad(d.M)}:${pad(Math.round(d.S))}`;
  }
  if (cell.t === 'e') return null;
  if (cell.t === 'b') return cell.v ? 'true' : 'false';
  if (cell.v instanceof Date) return cell.v.toISOString();
  return String(cell.v);
}

/** Reads one sheet of an .xlsx/.xls workbook into `raw_<name>`; `_line` is the sheet's row number. */
export async function loadSheetTable(
  engine: NativeEngine,
  path: string,
  name: string,
  o: SheetTableOptions,
): Promise<RawTable | null> {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(await readFile(path), { type: 'buffer', cellNF: true, cellDates: false, dense: false });
  } catch (error) {
    o.log.error({
      file: path,
      line: null,
      column: null,
      message: `the workbook cannot be read (${(error as Error).message})`,
      hint: 'save it again from Excel as .xlsx, or export the sheet as CSV UTF-8',
    });
    return null;
  }
  const sheetName = o.sheet ?? workbook.SheetNames[0];
  const sheet = sheetName === undefined ? undefined : workbook.Sheets[sheetName];
  if (sheetName === undefined || sheet === undefined) {
    o.log.error(
      settingProblem(
        path,
        o.mappedAt,
        'sheet',
        (s) => `${s} has no sheet "${o.sheet}" (its sheets: ${workbook.SheetNames.join(', ')})`,
        'name one of its sheets',
      ),
    );
    return null;
  }
  const file = `${path}[${sheetName}]`;
  const range = sheet['!ref'] === undefined ? null : XLSX.utils.decode_range(sheet['!ref']);
  const rowCells = (r: number): (string | null)[] => {
    const cells: (string | null)[] = [];
    for (let c = range!.s.c; c <= range!.e.c; c++)
      cells.push(cellText(sheet[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined));
    return cells;
  };
  let headerIndex = o.headerRow === undefined ? -1 : o.headerRow - 1;
  if (range !== null && headerIndex < 0) {
    const width = range.e.c - range.s.c + 1;
    for (let r = range.s.r; r <= range.e.r && headerIndex < 0; r++) {
      const filled = rowCells(r).filter((t) => t !== null && t.trim() !== '').length;
      if (filled >= Math.min(2, width)) headerIndex = r;
    }
  }
  const lastRow = range === null ? 0 : range.e.r + 1;
  if (o.headerRow !== undefined && o.headerRow > lastRow) {
    const hint = 'set headerRow to the row that holds the column names, or leave it out to find that row';
    o.log.error(
      settingProblem(
        file,
        o.mappedAt,
        'headerRow',
        (s) =>
          `${s} has no row ${o.headerRow} (${lastRow === 0 ? 'the sheet is empty' : `its last row is ${lastRow}`})`,
        hint,
      ),
    );
    return null;
  }
  if (range === null || headerIndex < 0) {
    o.log.error({
      file,
      line: null,
      column: null,
      message: 'the sheet has no header row',
      hint: 'put the column names in one row above the data',
    });
    return null;
  }
  const headers = cleanHeaders(rowCells(headerIndex).map((t) => t ?? ''));
  const table = await createRawTable(engine, name, headers);
  const appender = await engine.connection.createAppender(table);
  let rows = 0;
  for (let r = headerIndex + 1; r <= range.e.r; r++) {
    const cells = rowCells(r);
    if (cells.every((t) => t === null || t.trim() === '')) continue;
    rows++;
    appender.appendInteger(r + 1);
    for (const cell of cells) {
      if (cell === null || cell === '') appender.appendNull();
      else appender.appendVarchar(cell);
    }
    appender.endRow();
  }
  appender.closeSync();
  return { table, file, path, headers, rows };
}
