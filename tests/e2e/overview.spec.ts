import { expect, test, type Page } from '@playwright/test';
import { cliQuery } from '../support/e2eModel.ts';
import { expectOverviewEqualsCli, waitForIsland, waitForShown } from '../support/overviewPage.ts';

/** Every request the page makes, so tests can ask when DuckDB-WASM was fetched and from where. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (req) => urls.push(req.url()));
  return urls;
}

const isDuckdbFile = (url: string): boolean => /duckdb.*\.(wasm|js)(\?|$)|pipescope\.duckdb/.test(url);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the overview shows every figure and chart, equal to `pipescope query`', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator('h1')).toHaveText('Executive overview');
    await expect(page.getByTestId('as-of')).toContainText('Data as of Nov 1, 2026');
    for (const chart of ['funnel', 'regions', 'forecast']) {
      const svg = page.locator(`[data-chart="${chart}"] svg`).first();
      await expect(svg).toBeVisible();
      await expect(svg).toHaveAttribute('aria-label', /.+/);
      await expect(svg).toHaveAttribute('aria-description', /.+/);
    }
    // Seven tiles, each with a formatted figure: nothing waits for a script.
    await expect(page.locator('[data-kpi]')).toHaveCount(7);
    await expect(page.locator('[data-kpi="won_amount"] [data-display]')).toHaveText(/^\$[\d.,]+[KM]?$/);
    await expectOverviewEqualsCli(page, { filters: {}, scope: 'company', scopeId: null });
  });
});

test('on a desktop connection DuckDB-WASM warms once the page is idle, so the first filter waits for no engine', async ({
  page,
}) => {
  // Counts the queries the page sends DuckDB-WASM's worker (prepared statements run).
  await page.addInitScript(() => {
    const post = Worker.prototype.postMessage;
    const counted = window as Window & { __queries?: number };
    counted.__queries = 0;
    Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
      if ((args[0] as { type?: string } | null)?.type === 'RUN_PREPARED') counted.__queries! += 1;
      Reflect.apply(post, this, args);
    };
  });
  const requests = recordRequests(page);
  await page.goto('./');
  // Nothing touched: the page starts the engine and reads its own view by itself, then goes on running
  // the page's views for each region (more queries than its own view's four) to optimise the engine's code.
  await page.locator('[data-engine="warm"]').waitFor({ state: 'attached', timeout: 0 });
  const engineFiles = (urls: string[]) => urls.filter((url) => /duckdb.*\.(wasm|js)(\?|$)/.test(url));
  expect(engineFiles(requests).length).toBeGreaterThan(0);
  await expect
    .poll(() => page.evaluate(() => (window as Window & { __queries?: number }).__queries ?? 0), { timeout: 0 })
    .toBeGreaterThan(4);
  const before = requests.length;

  await page.locator('select[name="region"]').selectOption('EMEA');
  await waitForShown(page, 'overview', 'region=EMEA');
  expect(engineFiles(requests.slice(before))).toEqual([]);
  await expectOverviewEqualsCli(page, { filters: { region: 'EMEA' }, scope: 'region', scopeId: 'EMEA' });
});

test.describe('when the user saves data', () => {
  test.beforeEach(async ({ page }) => {
    // What Chromium reports with Save-Data on (the Network Information API).
    await page.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'connection', {
        get: () => ({ saveData: true, effectiveType: '4g' }),
      }),
    );
  });

  test('DuckDB-WASM is fetched only when the user reaches for a filter', async ({ page }) => {
    const requests = recordRequests(page);
    await page.goto('./', { waitUntil: 'networkidle' });
    await waitForIsland(page);
    expect(requests.filter(isDuckdbFile)).toEqual([]);
    await expect(page.locator('[data-engine="cold"]')).toBeAttached();

    await page.getByTestId('filters').hover();
    await expect.poll(() => requests.filter(isDuckdbFile).length).toBeGreaterThan(0);
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the charts are redrawn for the narrow screen without starting DuckDB-WASM', async ({ page }) => {
    const requests = recordRequests(page);
    await page.goto('./');
    // Prerendered at 1000 px for a laptop; redrawn by Plot at the width of its box.
    const forecast = page.locator('[data-chart="forecast"] svg').first();
    await expect.poll(async () => Number(await forecast.getAttribute('width'))).toBeLessThanOrEqual(390);
    await expect(page.locator('[data-chart="funnel"] svg a')).toHaveCount(6);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(requests.filter(isDuckdbFile)).toEqual([]);
  });
});

test('changing the region re-queries in DuckDB-WASM and every number equals `pipescope query` for it', async ({
  page,
}) => {
  const requests = recordRequests(page);
  await page.goto('./');
  const prerendered = await page.locator('[data-kpi="won_amount"]').getAttribute('data-value');
  await waitForIsland(page);

  await page.locator('select[name="region"]').selectOption('EMEA');
  await expect(page).toHaveURL(/\?region=EMEA$/);
  await waitForShown(page, 'overview', 'region=EMEA');
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'idle');

  expect(requests.some((url) => url.includes('pipescope.duckdb'))).toBe(true);
  expect(await page.locator('[data-kpi="won_amount"]').getAttribute('data-value')).not.toBe(prerendered);
  await expectOverviewEqualsCli(page, { filters: { region: 'EMEA' }, scope: 'region', scopeId: 'EMEA' });
});

test('a copied link restores the view, and back and forward move between views', async ({ page }) => {
  await page.goto('./?region=APAC');
  await waitForShown(page, 'overview', 'region=APAC');
  await expect(page.locator('select[name="region"]')).toHaveValue('APAC');
  await expectOverviewEqualsCli(page, { filters: { region: 'APAC' }, scope: 'region', scopeId: 'APAC' });

  await page.locator('select[name="region"]').selectOption('LATAM');
  await waitForShown(page, 'overview', 'region=LATAM');
  await page.goBack();
  await expect(page).toHaveURL(/\?region=APAC$/);
  await waitForShown(page, 'overview', 'region=APAC');
  await expect(page.locator('select[name="region"]')).toHaveValue('APAC');
  await page.goForward();
  await waitForShown(page, 'overview', 'region=LATAM');
});

test('a period preset and comparison in the URL give the figures `pipescope query` gives for those dates', async ({
  page,
}) => {
  await page.goto('./?period=last_quarter&compare=year');
  // as_of 2026-11-01 is in Q4, so last quarter is Q3 2026, compared with Q3 2025.
  await waitForShown(page, 'overview', 'period=last_quarter&compare=year');
  await expect(page.getByTestId('window')).toHaveText('Jul 1, 2026 – Sep 30, 2026');
  const [kpis] = cliQuery('kpis', ['--from', '2026-07-01', '--to', '2026-09-30', '--compare', 'year']);
  expect(Number(await page.locator('[data-kpi="won_amount"]').getAttribute('data-value'))).toBe(kpis!.won_amount);
  expect(Number(await page.locator('[data-kpi="won_amount"]').getAttribute('data-prev'))).toBe(kpis!.prev_won_amount);
  expect(Number(await page.locator('[data-kpi="win_rate"]').getAttribute('data-value'))).toBeCloseTo(
    Number(kpis!.win_rate),
    12,
  );
});

test('a hostile URL parameter shows a notice and changes no figure', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(
    `./?region=${encodeURIComponent("' OR 1=1 --")}&owner_id=${encodeURIComponent('<script>alert(1)</script>')}&page=-1`,
  );
  const notices = page.getByTestId('notices');
  await expect(notices).toBeVisible();
  await expect(notices.locator('li')).toHaveCount(3);
  await expect(notices).toContainText("' OR 1=1 --");
  await expect(notices).toContainText('<script>alert(1)</script>');
  // The link is rewritten to what is shown, and the shown figures are the unfiltered defaults.
  await expect(page).toHaveURL(/\/sales\/$/);
  await waitForShown(page, 'overview', '');
  await expectOverviewEqualsCli(page, { filters: {}, scope: 'company', scopeId: null });
  expect(dialogs).toEqual([]);
});

test('the site speaks Simplified Chinese with ?lang=zh-CN, numbers unchanged', async ({ page }) => {
  await page.goto('./?lang=zh-CN');
  await expect(page.locator('h1')).toHaveText('经营总览');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('[data-kpi="won_amount"] dt')).toHaveText('赢单金额');
  await expect(page.locator('[data-chart="funnel"] svg')).toHaveAttribute('aria-label', '各阶段漏斗');
  await expectOverviewEqualsCli(page, { filters: {}, scope: 'company', scopeId: null });
});

test('the page requests nothing from any other host, before or after DuckDB-WASM starts', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests = recordRequests(page);
  await page.goto('./', { waitUntil: 'networkidle' });
  await waitForIsland(page);
  const tier = await page.locator('select[name="tier"] option').nth(1).getAttribute('value');
  await page.locator('select[name="tier"]').selectOption(tier!);
  await waitForShown(page, 'overview', new URLSearchParams({ tier: tier! }).toString());
  await page.waitForLoadState('networkidle');
  const elsewhere = requests.filter((url) => /^(https?|wss?):/.test(url) && new URL(url).origin !== origin);
  expect(elsewhere).toEqual([]);
});
