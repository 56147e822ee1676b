import { stringify } from 'csv-stringify/browser/esm/sync';

/**
 * Offers rows as a CSV file download. Headers are the snake_case column names (the same as
 * `pipescope query --format csv`), so a download opens the same way in a spreadsheet or a script.
 */
export function downloadCsv(fileName: string, columns: readonly string[], rows: readonly object[]): void {
  const text = stringify([...rows], { header: true, columns: [...columns], bom: true });
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has handed the blob to the download; the URL can go on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
