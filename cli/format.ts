import { stringify } from 'csv-stringify/sync';
import type { Row } from '../src/db/engine.ts';

export const FORMATS = ['table', 'json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

function cell(value: Row[string]): string {
  if (value === null) return '—';
  if (typeof value === 'number') return decimal.format(value);
  return String(value);
}

/** A plain aligned text table: numbers right-aligned, nulls as an em dash. */
function table(rows: Row[]): string {
  if (rows.length === 0) return '(no rows)\n';
  const columns = Object.keys(rows[0]!);
  const cells = rows.map((r) => columns.map((c) => cell(r[c] ?? null)));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const numeric = columns.map((c) => rows.some((r) => typeof r[c] === 'number'));
  const line = (values: string[]): string =>
    values.map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

export function formatRows(rows: Row[], format: Format): string {
  if (format === 'json') return `${JSON.stringify(rows)}\n`;
  if (format === 'csv') {
    const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
    return stringify(rows, { header: true, columns, cast: { boolean: (b) => String(b) } });
  }
  return table(rows);
}
