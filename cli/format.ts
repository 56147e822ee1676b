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
  // A reduce, not Math.max(...cells): a spread of a million rows overflows the call stack.
  const widths = columns.map((c, i) => cells.reduce((width, r) => Math.max(width, r[i]!.length), c.length));
  const numeric = columns.map((c) => rows.some((r) => typeof r[c] === 'number'));
  const line = (values: string[]): string =>
    values
      .map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

const BATCH = 10_000;

/**
 * Writes rows in batches: a whole result as one string would hit V8's string limit (~512 MB) on
 * deal-level views of a million opportunities.
 */
export function writeRows(rows: Row[], format: Format, write: (chunk: string) => void): void {
  if (format === 'table') {
    write(table(rows));
    return;
  }
  const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
  if (format === 'csv') write(stringify([], { header: true, columns }));
  else write('[');
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    if (format === 'csv') write(stringify(batch, { columns, cast: { boolean: (b) => String(b) } }));
    else write(`${i === 0 ? '' : ','}${batch.map((r) => JSON.stringify(r)).join(',')}`);
  }
  if (format === 'json') write(']\n');
}
