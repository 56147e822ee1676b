import { chromium, type Browser, type Page } from '@playwright/test';
import { campaignsPage } from '../../src/dashboards/campaigns.ts';
import { cyclePage } from '../../src/dashboards/cycle.ts';
import { funnelPage } from '../../src/dashboards/funnel.ts';
import { overviewPage } from '../../src/dashboards/overview.ts';
import { productsPage } from '../../src/dashboards/products.ts';
import { receivablesPage } from '../../src/dashboards/receivables.ts';
import { regionsPage } from '../../src/dashboards/regions.ts';
import { REP_PAGE_TEST_ID } from '../../src/dashboards/rep.ts';
import { repsPage } from '../../src/dashboards/reps.ts';
import { PAGE_PATHS } from '../../src/site/pages.ts';
import { chromiumLaunchOptions } from '../../tests/support/chromium.ts';

export interface PageMeasures {
  /** Bytes on the wire (headers + compressed bodies) for the overview until the network is idle, no interaction. */
  readonly overviewBytes: number;
  readonly overviewRequests: number;
  /** First contentful paint; the prerendered SVG charts are in the HTML, so this is when the first chart shows. */
  readonly firstChartMs: number;
  /** First filter change → new figures on screen, including loading DuckDB-WASM and the first range reads. */
  readonly firstQueryMs: number;
  /** Bytes fetched for that first query: DuckDB-WASM (JS + wasm) and the database's byte ranges. */
  readonly firstQueryBytes: number;
  readonly databaseBytes: number;
  /** Later filter changes, DuckDB-WASM warm. */
  readonly requeryMs: readonly number[];
  /** On the funnel page: stage click → deal list on screen, DuckDB-WASM cold (HTTP cache warm). */
  readonly drillMs: number;
  /** Each drill-down page: its first cross-filter (a region chosen) → new figures, DuckDB-WASM cold. */
  readonly pageDrillMs: Readonly<Record<string, number>>;
}

/** The first rep's page stands for every rep's: the path is read from the leaderboard's first link. */
const FIRST_REP = 'reps/<first>/';

/** The drill-down pages (path and the test id that carries what each one shows), from their definitions. */
const DRILL_PAGES: readonly (readonly [string, string])[] = [
  ...[regionsPage, productsPage, campaignsPage, repsPage].map((d) => [PAGE_PATHS[d.key], d.testId] as const),
  [FIRST_REP, REP_PAGE_TEST_ID],
  ...[cyclePage, receivablesPage].map((d) => [PAGE_PATHS[d.key], d.testId] as const),
];

export async function launch(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

/** Transfer sizes of every finished request of a page, by URL. */
function trackBytes(page: Page): { bytes: () => number; count: () => number; matching: (re: RegExp) => number } {
  const done: { url: string; bytes: number }[] = [];
  page.on('requestfinished', (request) => {
    void request
      .sizes()
      .then((s) => done.push({ url: request.url(), bytes: s.responseHeadersSize + s.responseBodySize }));
  });
  return {
    bytes: () => done.reduce((sum, r) => sum + r.bytes, 0),
    count: () => done.length,
    matching: (re) => done.filter((r) => re.test(r.url)).reduce((sum, r) => sum + r.bytes, 0),
  };
}

async function shownAfter(
  page: Page,
  testId: string,
  act: () => Promise<void>,
  expected: (shown: string) => boolean,
): Promise<number> {
  const started = performance.now();
  await act();
  await page.waitForFunction(
    ([id, before]) => {
      const shown = document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-shown') ?? '';
      return (
        shown !== before && document.querySelector('[data-testid="status"]')?.getAttribute('data-status') === 'idle'
      );
    },
    [testId, await page.getByTestId(testId).getAttribute('data-shown')] as const,
    { timeout: 600_000 },
  );
  const took = performance.now() - started;
  const shown = (await page.getByTestId(testId).getAttribute('data-shown')) ?? '';
  if (!expected(shown)) throw new Error(`the page shows "${shown}" after the change`);
  return took;
}

export async function measureSite(browser: Browser, url: string, requeries: number): Promise<PageMeasures> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const traffic = trackBytes(page);
  await page.goto(url, { waitUntil: 'networkidle' });
  const overviewBytes = traffic.bytes();
  const overviewRequests = traffic.count();
  const firstChartMs = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  );

  const regions = await page
    .locator('select[name="region"] option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  const tiers = await page
    .locator('select[name="tier"] option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  if (regions.length < 2) throw new Error('the benchmark needs at least two regions in the model');
  const firstQueryMs = await shownAfter(
    page,
    overviewPage.testId,
    () =>
      page
        .locator('select[name="region"]')
        .selectOption(regions[0]!)
        .then(() => undefined),
    (s) => s.includes('region='),
  );
  await page.waitForLoadState('networkidle');
  const firstQueryBytes = traffic.bytes() - overviewBytes;
  const databaseBytes = traffic.matching(/pipescope\.duckdb/);

  const requeryMs: number[] = [];
  for (let i = 0; i < requeries; i++) {
    const region = regions[(i + 1) % regions.length]!;
    const tier = i % 2 === 0 ? (tiers[i % Math.max(1, tiers.length)] ?? '') : '';
    requeryMs.push(
      await shownAfter(
        page,
        overviewPage.testId,
        async () => {
          // Alternate which control changes so no answer comes from an identical earlier query.
          if (i % 2 === 0 && tier) await page.locator('select[name="tier"]').selectOption(tier);
          else await page.locator('select[name="region"]').selectOption(region);
        },
        () => true,
      ),
    );
  }

  const drillPage = await context.newPage();
  await drillPage.goto(new URL('funnel/', url).href, { waitUntil: 'networkidle' });
  const drillMs = await shownAfter(
    drillPage,
    funnelPage.testId,
    () => drillPage.locator('[data-table="funnel"] tbody tr a').first().click(),
    (s) => s.includes('stage='),
  );
  const pageDrillMs: Record<string, number> = {};
  for (const [path, testId] of DRILL_PAGES) {
    const drill = await context.newPage();
    let target = new URL(path, url).href;
    if (path === FIRST_REP) {
      await drill.goto(new URL('reps/', url).href, { waitUntil: 'networkidle' });
      target = new URL(
        (await drill.locator('[data-table="reps"] tbody tr a').first().getAttribute('href'))!,
        drill.url(),
      ).href;
    }
    await drill.goto(target, { waitUntil: 'networkidle' });
    pageDrillMs[path] = await shownAfter(
      drill,
      testId,
      () =>
        drill
          .locator('select[name="region"]')
          .selectOption(regions[1]!)
          .then(() => undefined),
      (s) => s.includes('region='),
    );
    await drill.close();
  }
  await context.close();
  return {
    overviewBytes,
    overviewRequests,
    firstChartMs,
    firstQueryMs,
    firstQueryBytes,
    databaseBytes,
    requeryMs,
    drillMs,
    pageDrillMs,
  };
}
