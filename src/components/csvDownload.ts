import { stringify } from 'csv-stringify/browser/esm/sync';

/** A CSV cell holds one value: a text, a number, a yes/no or nothing. */
type CsvValue = string | number | boolean | null;

/**
 * The records of a download as header + cells. Headers are the view's own snake_case column names and
 * booleans read true/false, as `pipescope query --format csv` writes them, so a download opens the same
 * way in a spreadsheet or a script. A value that is not one cell (an object a page derived) is refused:
 * it would reach the user as a JSON blob in one column.
 */
export function csvText(fileName: string, records: readonly object[]): string {
  const columns = records.length > 0 ? Object.keys(records[0]!) : [];
  for (const record of records) {
    for (const [column, value] of Object.entries(record) as [string, unknown][]) {
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
        throw new Error(
          `${fileName}: column ${column} holds ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not one value`,
        );
      }
    }
  }
  return stringify(records as Record<string, CsvValue>[], {
    header: true,
    columns,
    bom: true,
    cast: { boolean: (b) => String(b) },
  });
}

/** Offers records as a CSV file download (see csvText). */
export function downloadCsv(fileName: string, records: readonly object[]): void {
  const url = URL.createObjectURL(new Blob([csvText(fileName, records)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has handed the blob to the download; the URL can go on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
