import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { expect, test, type Page } from '@playwright/test';
import { cliCsv, cliQuery, filterArgs } from '../support/e2eModel.ts';
import { THIS_YEAR, waitForShown } from '../support/overviewPage.ts';

/**
 * Every table's CSV download on every page has exactly its view's columns, named and ordered as
 * `pipescope query --format csv` writes them (then the columns the page adds, such as a group's target),
 * one value per cell, and the same rows as the CLI.
 */
const WINDOW = ['--from', THIS_YEAR.from, '--to', THIS_YEAR.to];

interface ViewCsv {
  /** The view `pipescope query` runs, its arguments, and which of its rows the table shows. */
  readonly view: string;
  readonly args: readonly string[];
  readonly rows?: (row: Record<string, string>) => boolean;
  /** Columns the page adds after the view's own. */
  readonly extra?: readonly string[];
  /** The table shows the view's rows pivoted (a line per rep, a column per measure): the CSV keeps the view's rows. */
  readonly pivoted?: boolean;
}

/** A table whose rows are not a CLI view (a deal's timeline): it must still be flat, one value per cell. */
const FLAT = 'flat';

const REP = 'R-01';
const repFilter = filterArgs({ owner_id: REP });

const PAGES: readonly {
  path: (page: Page) => Promise<string>;
  root: string;
  tables: Readonly<Record<string, ViewCsv | typeof FLAT>>;
}[] = [
  {
    path: async () => 'regions/',
    root: 'regions-page',
    tables: { 'by-region': { view: 'by_region', args: WINDOW, extra: ['target', 'attainment'] } },
  },
  {
    path: async () => 'products/',
    root: 'products-page',
    tables: {
      'by-product-line': { view: 'by_product_line', args: WINDOW },
      'product-region': { view: 'product_region', args: WINDOW },
    },
  },
  {
    path: async () => 'campaigns/',
    root: 'campaigns-page',
    tables: {
      campaigns: { view: 'campaign_performance', args: WINDOW, rows: (r) => r.in_period === 'true' },
      channels: { view: 'campaign_channels', args: WINDOW },
      'campaign-tiers': { view: 'campaign_tiers', args: WINDOW },
    },
  },
  {
    path: async () => 'reps/',
    root: 'reps-page',
    tables: {
      reps: {
        view: 'by_rep',
        args: WINDOW,
        extra: ['team', 'target', 'attainment', 'vs_average', 'activities_per_week', 'idle_open_deals'],
      },
    },
  },
  {
    // With a deal's timeline open: the page's three tables.
    path: async () => `reps/${REP}/?deal=${String(cliQuery('open_deals', repFilter)[0]!.opp_id)}`,
    root: 'rep-page',
    tables: {
      'rep-dwell': { view: 'rep_dwell', args: [...WINDOW, ...repFilter] },
      'open-deals': { view: 'open_deals', args: repFilter },
      timeline: FLAT,
    },
  },
  {
    path: async () => 'cycle/',
    root: 'cycle-page',
    tables: {
      'cycle-overall': { view: 'cycle_summary', args: WINDOW, rows: (r) => r.grain === 'all' },
      'cycle-reps': { view: 'cycle_summary', args: WINDOW, rows: (r) => r.grain === 'rep', pivoted: true },
      'cycle-months': { view: 'cycle_summary', args: WINDOW, rows: (r) => r.grain === 'month' },
    },
  },
  {
    path: async () => 'receivables/',
    root: 'receivables-page',
    tables: {
      ageing: { view: 'receivables', args: [] },
      'receivables-owners': { view: 'receivables_owners', args: [] },
      'receivables-accounts': { view: 'receivables_accounts', args: [] },
      overdue: { view: 'overdue_invoices', args: [] },
    },
  },
];

/** A CSV file as a header and rows of text cells. */
function readCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header = [], ...cells] = parse(text, { bom: true }) as string[][];
  return { header, rows: cells.map((line) => Object.fromEntries(header.map((h, i) => [h, line[i] ?? '']))) };
}

/** Numbers equal within floating-point noise (DuckDB-WASM may sum in another order), text exactly. */
function expectCell(actual: string, expected: string, what: string): void {
  const [a, e] = [Number(actual), Number(expected)];
  if (actual !== '' && expected !== '' && Number.isFinite(a) && Number.isFinite(e)) {
    expect(Math.abs(a - e), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e)));
  } else {
    expect(actual, what).toBe(expected);
  }
}

/** One value per cell: no object or list a page derived, written out as JSON. */
function expectFlat(name: string, rows: readonly Record<string, string>[]): void {
  for (const row of rows) {
    for (const [column, cell] of Object.entries(row))
      expect(/^\s*[[{]/.test(cell), `${name}: ${column} holds "${cell.slice(0, 60)}"`).toBe(false);
  }
}

async function download(page: Page, name: string): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`csv-${name}`).click()]);
  expect(file.suggestedFilename()).toBe(`${name}.csv`);
  return readCsv(await readFile((await file.path())!, 'utf8'));
}

for (const { path, root, tables } of PAGES) {
  test(`${root}: every table's CSV has its view's own columns and rows`, async ({ page }) => {
    const url = await path(page);
    await page.goto(`./${url}`);
    await waitForShown(page, root, new URL(url, 'http://x/').search.slice(1));
    // Tables behind "Show as table" are downloadable too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const buttons = await page
      .locator('[data-testid^="csv-"]')
      .evaluateAll((list) => list.map((b) => b.getAttribute('data-testid')!.slice(4)));
    expect(buttons.sort(), 'the page’s tables').toEqual(Object.keys(tables).sort());
    for (const [name, spec] of Object.entries(tables)) {
      const csv = await download(page, name);
      expectFlat(name, csv.rows);
      const tableRows = Number(await page.locator(`[data-table="${name}"]`).getAttribute('data-rows'));
      if (spec === FLAT || !spec.pivoted) expect(csv.rows.length, `${name} rows`).toBe(tableRows);
      if (spec === FLAT) continue;
      const cli = readCsv(cliCsv(spec.view, spec.args));
      const expected = spec.rows ? cli.rows.filter(spec.rows) : cli.rows;
      expect(csv.header, `${name} columns`).toEqual([...cli.header, ...(spec.extra ?? [])]);
      expect(csv.rows.length, `${name} rows vs the CLI`).toBe(expected.length);
      for (const [i, row] of expected.entries()) {
        for (const column of cli.header)
          expectCell(csv.rows[i]![column]!, row[column]!, `${name} row ${i + 1} ${column}`);
      }
    }
  });
}

test('the funnel’s deal list downloads every deal of the list, one value per cell', async ({ page }) => {
  const stage = new URLSearchParams({ stage: String(cliQuery('funnel', WINDOW)[1]!.stage) }).toString();
  await page.goto(`./funnel/?${stage}`);
  await waitForShown(page, 'funnel-page', stage);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv').click()]);
  const csv = readCsv(await readFile((await file.path())!, 'utf8'));
  expectFlat('deals', csv.rows);
  expect(csv.header).toEqual([
    'opp_id',
    'opp_name',
    'owner_id',
    'owner_name',
    'team',
    'account_id',
    'account_name',
    'region',
    'amount',
    'current_stage',
    'stage_kind',
    'days_in_stage',
    'created_at',
    'close_date',
  ]);
  expect(csv.rows.length).toBe(Number(await page.getByTestId('deal-count').getAttribute('data-value')));
});
