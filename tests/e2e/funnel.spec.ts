import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { expect, test } from '@playwright/test';
import { cliQuery, filterArgs } from '../support/e2eModel.ts';
import { THIS_YEAR, waitForShown } from '../support/overviewPage.ts';

const window = ['--from', THIS_YEAR.from, '--to', THIS_YEAR.to];

test('clicking a funnel stage lists exactly the deals the funnel counts there, with the filters in force', async ({
  page,
}) => {
  const funnel = cliQuery('funnel', [...window, ...filterArgs({ region: 'EMEA' })]);
  const stage = funnel[2]!;
  await page.goto('./funnel/?region=EMEA');
  await waitForShown(page, 'funnel-page', 'region=EMEA');

  await page.locator(`[data-table="funnel"] tr[data-stage="${String(stage.stage)}"] a`).click();
  const shown = `region=EMEA&stage=${encodeURIComponent(String(stage.stage)).replaceAll('%20', '+')}`;
  await waitForShown(page, 'funnel-page', shown);
  await expect(page).toHaveURL(new RegExp(`\\?${shown.replace('+', '\\+')}$`));

  const count = page.getByTestId('deal-count');
  expect(Number(await count.getAttribute('data-value'))).toBe(stage.reached);
  expect(Number(await count.getAttribute('data-amount'))).toBeCloseTo(Number(stage.reached_amount), 6);
  await expect(page.locator('[data-table="deals"] tbody tr')).toHaveCount(Math.min(25, Number(stage.reached)));
});

test('the deal list sorts, pages and downloads exactly its rows as CSV', async ({ page }) => {
  const funnel = cliQuery('funnel', window);
  const top = funnel[0]!;
  const stage = new URLSearchParams({ stage: String(top.stage) }).toString();
  await page.goto(`./funnel/?${stage}`);
  await waitForShown(page, 'funnel-page', stage);
  const deals = page.locator('[data-table="deals"] tbody tr');
  await expect(deals).toHaveCount(25);
  await expect(page.getByTestId('deal-page')).toHaveText(`Page 1 of ${Math.ceil(Number(top.reached) / 25)}`);

  // The list opens sorted by amount, largest first; a second click on Amount turns it round.
  await expect(page.locator('th[aria-sort="descending"] a[data-sort="amount"]')).toBeVisible();
  await page.locator('a[data-sort="amount"]').click();
  await waitForShown(page, 'funnel-page', `${stage}&dir=asc`);
  await expect(page).toHaveURL(/dir=asc/);
  await expect(page.locator('th[aria-sort="ascending"] a[data-sort="amount"]')).toBeVisible();
  const firstPage = await deals.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-opp')));
  await page.locator('a[rel="next"]').click();
  await waitForShown(page, 'funnel-page', `${stage}&dir=asc&page=2`);
  await expect(page.getByTestId('deal-page')).toHaveText(/^Page 2 of/);
  const secondPage = await deals.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-opp')));
  expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv').click()]);
  const csv = parse(await readFile((await download.path())!, 'utf8'), { columns: true, bom: true }) as Record<
    string,
    string
  >[];
  expect(csv).toHaveLength(Number(top.reached));
  expect(new Set(csv.map((r) => r.opp_id)).size).toBe(csv.length);
  // The CSV is in the list's order: amounts ascending, unknown amounts last.
  const amounts = csv.map((r) => (r.amount === '' ? Infinity : Number(r.amount)));
  expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
  expect(csv.slice(0, 25).map((r) => r.opp_id)).toEqual(firstPage);
  expect(csv.slice(25, 50).map((r) => r.opp_id)).toEqual(secondPage);
});

test('"in this stage now" lists the open deals whose current stage it is', async ({ page }) => {
  const funnel = cliQuery('funnel', window);
  const stage = funnel[1]!;
  const shown = `${new URLSearchParams({ stage: String(stage.stage) }).toString()}&deals=current`;
  await page.goto(`./funnel/?${shown}`);
  await waitForShown(page, 'funnel-page', shown);
  const count = page.getByTestId('deal-count');
  const current = Number(await count.getAttribute('data-value'));
  expect(current).toBeGreaterThan(0);
  expect(current).toBeLessThan(Number(stage.reached));
  const stages = await page.locator('[data-table="deals"] tbody tr td:nth-child(6)').allTextContents();
  expect(new Set(stages)).toEqual(new Set([String(stage.stage)]));
});

test('moving between pages keeps the filters in force', async ({ page }) => {
  await page.goto('./?region=LATAM&period=last_year');
  await waitForShown(page, 'overview', 'period=last_year&region=LATAM');
  // From the overview's funnel chart, a stage opens the funnel page with the same filters and that stage.
  await page.locator('[data-chart="funnel"] svg a').nth(1).click();
  await expect(page).toHaveURL(/\/sales\/funnel\/\?period=last_year&region=LATAM&stage=/);
  await waitForShown(page, 'funnel-page', new URL(page.url()).search.slice(1));
  await expect(page.getByTestId('deal-list')).toBeVisible();
  const [, qualification] = cliQuery('funnel', [
    '--from',
    '2025-01-01',
    '--to',
    '2025-12-31',
    ...filterArgs({ region: 'LATAM' }),
  ]);
  expect(Number(await page.getByTestId('deal-count').getAttribute('data-value'))).toBe(qualification!.reached);

  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page).toHaveURL(/\/sales\/\?period=last_year&region=LATAM$/);
  await waitForShown(page, 'overview', 'period=last_year&region=LATAM');
});
