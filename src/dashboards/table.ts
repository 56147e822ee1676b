import type { SqlEngine } from '../db/engine.ts';
import type { Format } from '../i18n/format.ts';

/** How a cell's value is shown; the raw value also goes into `data-value` for tests and scripts. */
export type CellKind = 'text' | 'money' | 'count' | 'percent' | 'days' | 'date' | 'instant' | 'change' | 'points';

export type CellValue = string | number | boolean | null;

export interface TableColumn<R> {
  /** The view column it shows (also the cell's `data-col`). */
  readonly key: string;
  readonly label: string;
  readonly kind: CellKind;
  readonly value: (row: R) => CellValue;
  /** Display text instead of the formatted value (a name for an id). */
  readonly text?: (row: R) => string;
  /** A link from the cell: a cross-filter, a drill-through. */
  readonly href?: (row: R) => string | null | undefined;
}

/** A table of a page: its columns, its rows and what its CSV download holds. */
export interface TableSpec<R> {
  /** `data-table`, the CSV file name and the test id of its download button. */
  readonly name: string;
  readonly columns: readonly TableColumn<R>[];
  readonly rows: readonly R[];
  readonly rowKey: (row: R) => string;
  readonly caption?: string;
  /** Rows in the whole list when `rows` is its first page; the CSV then fetches them all with `allRows`. */
  readonly total?: number;
  readonly allRows?: (engine: SqlEngine) => Promise<readonly R[]>;
  /**
   * The CSV's records when the rows are not the view's own: a group with its target, a rep's line with
   * its activity. Absent: the rows as they are, each already one view row.
   */
  readonly csvRows?: (rows: readonly R[]) => readonly object[];
}

/** Rows a table shows until its reader asks for all of them (its CSV download always has them all). */
export const TABLE_ROWS = 25;

const NUMERIC: ReadonlySet<CellKind> = new Set(['money', 'count', 'percent', 'days', 'change', 'points']);
export const isNumeric = (kind: CellKind): boolean => NUMERIC.has(kind);

export function cellText<R>(column: TableColumn<R>, row: R, fmt: Format): string {
  if (column.text) return column.text(row);
  const value = column.value(row);
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean' || typeof value === 'string') {
    if (column.kind === 'date') return fmt.date(String(value));
    if (column.kind === 'instant') return fmt.instant(String(value));
    return String(value);
  }
  switch (column.kind) {
    case 'money':
      return fmt.money(value);
    case 'count':
      return fmt.count(value);
    case 'percent':
      return fmt.percent(value);
    case 'days':
      return fmt.days(value);
    case 'change':
      return fmt.signedPercent(value);
    case 'points':
      return fmt.points(value);
    default:
      return String(value);
  }
}

/** Relative change current vs previous; none when either is missing or the previous is 0. */
export function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}
