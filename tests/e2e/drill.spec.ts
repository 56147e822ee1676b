import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { parseHTML } from 'linkedom';
import { expect, test } from '@playwright/test';
import { TABLE_ROWS } from '../../src/dashboards/table.ts';
import { cliQuery, filterArgs } from '../support/e2eModel.ts';
import { waitForShown } from '../support/overviewPage.ts';
import { expectClose } from '../support/viewTables.ts';

test('drilling region → team → rep → deal keeps the filters in force, and the URL reproduces the view', async ({
  page,
  context,
}) => {
  const start = { period: 'last_year', product_line: 'Platform' };
  const team = String(
    cliQuery('by_team', [
      '--from',
      '2025-01-01',
      '--to',
      '2025-12-31',
      ...filterArgs({ product_line: 'Platform', region: 'EMEA' }),
    ])[0]!.team,
  );
  await page.goto('./regions/?period=last_year&product_line=Platform');
  await waitForShown(page, 'regions-page', 'period=last_year&product_line=Platform');

  await page.locator('[data-chart="regions-won"] svg a[*|href*="region=EMEA"]').click();
  await waitForShown(page, 'regions-page', 'period=last_year&region=EMEA&product_line=Platform');
  await page.locator(`[data-table="by-team"] tr[data-key="${team}"] a`).click();
  const teamShown = `period=last_year&region=EMEA&product_line=Platform&${new URLSearchParams({ team }).toString()}`;
  await waitForShown(page, 'regions-page', teamShown);
  await expect(page.getByTestId('breadcrumbs')).toContainText(`EMEA`);
  await expect(page.getByTestId('breadcrumbs')).toContainText(team);

  const filters = { ...start, region: 'EMEA', team };
  const rep = cliQuery('by_rep', [
    '--from',
    '2025-01-01',
    '--to',
    '2025-12-31',
    ...filterArgs({ region: 'EMEA', product_line: 'Platform', team }),
  ])[0]!;
  const id = String(rep.owner_id);
  await page.locator(`[data-table="by-rep"] tr[data-key="${id}"] a`).click();
  await expect(page).toHaveURL(new RegExp(`/reps/${id}/\\?${teamShown.replaceAll('+', '\\+')}$`));
  await waitForShown(page, 'rep-page', teamShown);
  expectClose(
    Number(await page.locator('[data-kpi="won_amount"]').getAttribute('data-value')),
    rep.won_amount as number,
    'rep won amount under the drill filters',
  );

  const deal = String(await page.locator('[data-table="open-deals"] tbody tr').first().getAttribute('data-key'));
  await page.locator(`[data-table="open-deals"] tr[data-key="${deal}"] a`).click();
  await waitForShown(page, 'rep-page', `${teamShown}&deal=${deal}`);
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-opp', deal);
  const url = page.url();
  for (const [key, value] of Object.entries(filters)) expect(new URL(url).searchParams.get(key), key).toBe(value);
  expect(new URL(url).searchParams.get('deal')).toBe(deal);

  // The copied link is the address, and opening it in a fresh page shows the same view.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveAttribute('data-copied', 'done');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  const fresh = await context.newPage();
  await fresh.goto(url);
  await waitForShown(fresh, 'rep-page', `${teamShown}&deal=${deal}`);
  await expect(fresh.getByTestId('timeline')).toHaveAttribute('data-opp', deal);
  await expect(fresh.locator('select[name="period"]')).toHaveValue('last_year');
  for (const key of ['region', 'product_line', 'team'] as const)
    await expect(fresh.locator(`[data-chip="${key}"][data-value="${filters[key]}"]`)).toBeVisible();
  expect(Number(await fresh.locator('[data-kpi="won_amount"]').getAttribute('data-value'))).toBeCloseTo(
    Number(rep.won_amount),
    6,
  );
});

test('a chip removes its filter with one click', async ({ page }) => {
  await page.goto('./products/?region=APAC&tier=VIP');
  await waitForShown(page, 'products-page', 'region=APAC&tier=VIP');
  await page.locator('[data-chip="tier"] [data-remove]').click();
  await waitForShown(page, 'products-page', 'region=APAC');
  await expect(page.locator('[data-chip]')).toHaveCount(1);
});

test('exports: CSV has the table’s rows, the SVG parses and the PNG is an image', async ({ page }) => {
  await page.goto('./receivables/');
  await waitForShown(page, 'receivables-page', '');
  const table = page.locator('[data-table="overdue"]');
  const total = Number(await table.getAttribute('data-rows'));
  // More rows than the page shows: the download fetches the whole list from DuckDB-WASM.
  expect(total).toBeGreaterThan(25);
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-overdue').click()]);
  const csv = parse(await readFile((await csvDownload.path())!, 'utf8'), { columns: true, bom: true }) as Record<
    string,
    string
  >[];
  expect(csv).toHaveLength(total);
  expect(csv.slice(0, 25).map((r) => r.invoice_id)).toEqual(
    await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key'))),
  );

  await page.goto('./regions/');
  await waitForShown(page, 'regions-page', '');
  const regionRows = await page.locator('[data-table="by-region"]').getAttribute('data-rows');
  const [regionCsv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-by-region').click()]);
  expect(parse(await readFile((await regionCsv.path())!, 'utf8'), { columns: true, bom: true })).toHaveLength(
    Number(regionRows),
  );

  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-chart="regions-won"] [data-export="svg"]').click(),
  ]);
  expect(svgDownload.suggestedFilename()).toBe('regions-won.svg');
  const svgText = await readFile((await svgDownload.path())!, 'utf8');
  const { document } = parseHTML(`<!doctype html><html><body>${svgText}</body></html>`);
  const svg = document.querySelector('svg');
  expect(svg?.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
  expect(svg?.querySelectorAll('rect').length).toBeGreaterThan(0);
  // Strict XML: the browser's own parser must accept it as an SVG document.
  expect(
    await page.evaluate(
      (text) => new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror') === null,
      svgText,
    ),
  ).toBe(true);

  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-chart="regions-won"] [data-export="png"]').click(),
  ]);
  const png = await readFile((await pngDownload.path())!);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.length).toBeGreaterThan(2000);
});

test('print: the page prints as a report without controls, tables opened', async ({ page }) => {
  await page.goto('./products/?region=EMEA');
  await waitForShown(page, 'products-page', 'region=EMEA');
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await expect(page.getByTestId('filters')).toBeHidden();
  await expect(page.getByTestId('copy-link')).toBeHidden();
  await expect(page.locator('[data-export="svg"]').first()).toBeHidden();
  await expect(page.locator('[data-table="product-region"]')).toBeVisible();
  await expect(page.locator('[data-chip="region"]')).toBeVisible();

  // A long table, which shows its first rows on screen, prints whole.
  await page.emulateMedia({ media: 'screen' });
  await page.goto('./campaigns/');
  await waitForShown(page, 'campaigns-page', '');
  const tiers = page.locator('[data-table="campaign-tiers"]');
  const total = Number(await tiers.getAttribute('data-rows'));
  expect(total).toBeGreaterThan(TABLE_ROWS);
  await expect(tiers.locator('tbody tr')).toHaveCount(TABLE_ROWS);
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await expect(tiers.locator('tbody tr')).toHaveCount(total);
});
