import { expect, type Page } from '@playwright/test';
import { TABLE_ROWS } from '../../src/dashboards/table.ts';
import type { CliRow } from './e2eModel.ts';

const numberOrNull = (text: string | null): number | null => (text === null || text === '' ? null : Number(text));

/** Equal within floating-point noise (DuckDB-WASM and native DuckDB may sum in another order). */
export function expectClose(
  actual: number | null,
  expected: number | string | boolean | null | undefined,
  what: string,
): void {
  if (expected === null || expected === undefined) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(Math.abs((actual as number) - Number(expected)), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(Number(expected))),
  );
}

/**
 * Asserts that a page table shows exactly `rows` (from `pipescope query`): as many rows (or `total`
 * for a paged table, whose first rows must be the first CLI rows), each found by its key, every listed
 * column's raw `data-value` equal to the CLI's number. `cols` maps table column → CLI column.
 */
export async function expectTableEqualsCli(
  page: Page,
  table: string,
  rows: readonly CliRow[],
  key: (row: CliRow) => string,
  cols: Readonly<Record<string, string>>,
  shown = rows.length,
): Promise<void> {
  const locator = page.locator(`[data-table="${table}"]`);
  await expect(locator).toHaveAttribute('data-rows', String(rows.length));
  const trs = locator.locator('tbody tr');
  // A long table shows its first TABLE_ROWS rows until "show all" (once clicked, it stays so on the page).
  const showAll = page.getByTestId(`all-${table}`);
  if (Math.min(shown, rows.length) > TABLE_ROWS && (await showAll.isVisible())) {
    await expect(trs).toHaveCount(TABLE_ROWS);
    await showAll.click();
  }
  await expect(trs).toHaveCount(Math.min(shown, rows.length));
  const keys = await trs.evaluateAll((list) => list.map((tr) => tr.getAttribute('data-key')));
  expect(keys, `${table} row order`).toEqual(rows.slice(0, shown).map(key));
  for (const row of rows.slice(0, shown)) {
    const tr = locator.locator(`tbody tr[data-key="${key(row).replaceAll('"', '\\"')}"]`);
    for (const [col, cliCol] of Object.entries(cols)) {
      expectClose(
        numberOrNull(await tr.locator(`[data-col="${col}"]`).getAttribute('data-value')),
        row[cliCol] as number | null,
        `${table} ${key(row)} ${col}`,
      );
    }
  }
}
