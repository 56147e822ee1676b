import { execFileSync } from 'node:child_process';
import { expect, test, type APIRequestContext } from '@playwright/test';

interface ManifestSummary {
  as_of: string;
  source: string;
  tables: Record<string, { rows: number; present: boolean }>;
}

/** The manifest the site was built from, as the site itself serves it. */
async function servedManifest(request: APIRequestContext): Promise<ManifestSummary> {
  const response = await request.get('data/manifest.json');
  expect(response.status()).toBe(200);
  return (await response.json()) as ManifestSummary;
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the overview shows the as-of stamp and every table with its row count', async ({ page, request }) => {
    const manifest = await servedManifest(request);
    await page.goto('./');

    await expect(page).toHaveTitle(/Pipescope/);
    const stamp = page.getByTestId('as-of');
    await expect(stamp).toContainText('Data as of Nov 1, 2026');
    await expect(stamp.locator('time').first()).toHaveAttribute('datetime', manifest.as_of);
    await expect(stamp).toContainText(manifest.source);

    const count = new Intl.NumberFormat('en-US');
    const rows = page.locator('tbody tr');
    await expect(rows).toHaveCount(Object.keys(manifest.tables).length);
    for (const [name, table] of Object.entries(manifest.tables)) {
      const row = page.locator(`tr[data-table="${name}"]`);
      await expect(row.locator('th')).toHaveText(name);
      await expect(row.locator('td')).toHaveText(table.present ? count.format(table.rows) : 'not in the export');
    }
    // The demo asked for 2,000 opportunities: the table shows the model, not a placeholder.
    await expect(page.locator('tr[data-table="opportunities"] td')).toHaveText('2,000');
  });

  test('the prerendered headline figures equal `pipescope query kpis` on the same model', async ({ page }) => {
    const [kpis] = JSON.parse(
      execFileSync(process.execPath, ['bin/pipescope.mjs', 'query', 'kpis', '--data', 'node_modules/.cache/pipescope-e2e/data', '--format', 'json'], { encoding: 'utf8' }),
    ) as Record<string, number>[];
    await page.goto('./');
    const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
    const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
    await expect(page.locator('[data-kpi="won_amount"] dd')).toHaveText(money.format(kpis!.won_amount!));
    await expect(page.locator('[data-kpi="win_rate"] dd')).toHaveText(percent.format(kpis!.win_rate!));
    await expect(page.locator('[data-kpi="open_pipeline"] dd')).toHaveText(money.format(kpis!.open_pipeline!));
    await expect(page.locator('[data-kpi="weighted_pipeline"] dd')).toHaveText(money.format(kpis!.weighted_pipeline!));
  });
});

test('the browser database answers range requests the way DuckDB-WASM asks for them', async ({ request }) => {
  const probe = await request.head('data/pipescope.duckdb', { headers: { Range: 'bytes=0-' } });
  expect(probe.status()).toBe(206);
  const size = Number(probe.headers()['content-length']);
  expect(size).toBeGreaterThan(4096);

  const head = await request.get('data/pipescope.duckdb', { headers: { Range: 'bytes=0-4095' } });
  expect(head.status()).toBe(206);
  expect(head.headers()['content-range']).toBe(`bytes 0-4095/${size}`);
  const bytes = await head.body();
  expect(bytes.length).toBe(4096);
  // A DuckDB database file carries the magic "DUCK" at byte 8.
  expect(bytes.subarray(8, 12).toString('latin1')).toBe('DUCK');
});

test('the page requests nothing from any other host', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const elsewhere: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && url.origin !== origin) elsewhere.push(url.href);
  });
  await page.goto('./', { waitUntil: 'networkidle' });
  expect(elsewhere).toEqual([]);
});

for (const width of [390, 1440]) {
  test(`the overview fits a ${width}px wide screen without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('./');
    await expect(page.getByRole('table')).toBeVisible();
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(width);
  });
}
