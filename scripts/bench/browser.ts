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
import { childrenPss } from './memory.ts';

export interface PageMeasures {
  /** Bytes on the wire (headers + compressed bodies) of the overview's requests done by its first chart. */
  readonly bytesBeforeChart: number;
  /** First contentful paint; the prerendered SVG charts are in the HTML, so this is when the first chart shows. */
  readonly firstChartMs: number;
  /** A filter changed the moment the page is live (engine cold) → new figures on screen. */
  readonly coldFilterMs: number;
  /** A filter changed once the page has been open 3 s and DuckDB-WASM has warmed → new figures on screen. */
  readonly warmFirstFilterMs: number;
  /** Bytes fetched for that change (database ranges the warm-up had not read). */
  readonly warmFilterBytes: number;
  /** The database's byte ranges fetched on the overview, warm-up and filter included. */
  readonly databaseBytes: number;
  /** Later filter changes, DuckDB-WASM warm, each to a view the page has not shown before. */
  readonly requeryMs: readonly number[];
  /** Then changes back to views shown before (the page keeps their answers: src/db/cachedEngine.ts). */
  readonly revisitMs: readonly number[];
  /** On the funnel page: stage click → deal list on screen, clicked the moment the page is live. */
  readonly drillMs: number;
  /** Each drill-down page: its first cross-filter (a region chosen) the moment it is live → new figures. */
  readonly pageDrillMs: Readonly<Record<string, number>>;
  /** Each drill-down page: later changes to views not shown before, engine warm (its median is reported). */
  readonly pageRequeryMs: Readonly<Record<string, readonly number[]>>;
  /** Each drill-down page: changes back to views it showed before. */
  readonly pageRevisitMs: Readonly<Record<string, readonly number[]>>;
  /** Each drill-down page: the database's byte ranges it fetched, from opening to its last change. */
  readonly pageDatabaseBytes: Readonly<Record<string, number>>;
  /**
   * What the live overview, warm and filtered, adds to the browser's memory (process trees' PSS) over the
   * same page opened with JavaScript off: DuckDB-WASM, its cache and the islands. Null without /proc.
   */
  readonly engineMemoryBytes: number | null;
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

interface Transfer {
  readonly url: string;
  readonly bytes: number;
  /** When the response ended, in ms since the page's time origin. */
  readonly endMs: number;
}

/** Transfer sizes and end times of every finished request of a page. */
function trackBytes(page: Page): {
  bytes: () => number;
  until: (ms: number, timeOrigin: number) => number;
  matching: (re: RegExp) => number;
} {
  const done: Transfer[] = [];
  page.on('requestfinished', (request) => {
    const timing = request.timing();
    void request.sizes().then((s) =>
      done.push({
        url: request.url(),
        bytes: s.responseHeadersSize + s.responseBodySize,
        endMs: timing.startTime + timing.responseEnd,
      }),
    );
  });
  const sum = (list: readonly Transfer[]) => list.reduce((total, r) => total + r.bytes, 0);
  return {
    bytes: () => sum(done),
    until: (ms, timeOrigin) => sum(done.filter((r) => r.endMs - timeOrigin <= ms)),
    matching: (re) => sum(done.filter((r) => re.test(r.url))),
  };
}

/** Opens a page and waits until its island is live (it reads filters from then on). */
async function openLive(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-state="idle"]').waitFor({ timeout: 600_000 });
}

/**
 * Time from just before `act` to the first animation frame in which the page shows a new view and is
 * idle, timed in the page as `../shared/peers/measure.mjs` times the peers: a frame watcher started before
 * the action, so neither a polling interval nor the round trip back to this process adds to the figure.
 */
async function shownAfter(
  page: Page,
  testId: string,
  act: () => Promise<void>,
  expected: (shown: string) => boolean,
): Promise<number> {
  const before = await page.getByTestId(testId).getAttribute('data-shown');
  // Source text, not a function: tsx names arrow functions with a helper the page does not have.
  const mark = await page.evaluate<number>(`(() => {
    const id = ${JSON.stringify(testId)}, before = ${JSON.stringify(before)};
    delete window.__shownAt;
    requestAnimationFrame(function tick() {
      const shown = document.querySelector('[data-testid="' + id + '"]')?.getAttribute('data-shown') ?? '';
      const idle = document.querySelector('[data-testid="status"]')?.getAttribute('data-status') === 'idle';
      if (shown !== before && idle) window.__shownAt = performance.now();
      else requestAnimationFrame(tick);
    });
    return performance.now();
  })()`);
  await act();
  const shownAt = await page.waitForFunction('window.__shownAt', undefined, { timeout: 600_000, polling: 50 });
  const took = Number(await shownAt.jsonValue()) - mark;
  const shown = (await page.getByTestId(testId).getAttribute('data-shown')) ?? '';
  if (!expected(shown)) throw new Error(`the page shows "${shown}" after the change`);
  return took;
}

/** The values a filter of the page offers (the benchmark switches between them). */
async function optionsOf(page: Page, name: string): Promise<string[]> {
  return page
    .locator(`select[name="${name}"] option`)
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
}

/**
 * `count` filter changes, each to a (region, tier) pair the page has not shown, one control at a time
 * along a snake over the grid from the region on screen; then half as many back along the same path, to
 * views it has shown. The first kind is a new query each time; the second may be answered from memory.
 */
async function walkViews(
  page: Page,
  testId: string,
  count: number,
): Promise<{ fresh: readonly number[]; revisited: readonly number[] }> {
  const regions = await optionsOf(page, 'region');
  // The second control: tier, else (a model without tiers, like the peers') the first filter with values.
  let second = { name: 'tier', values: [''] };
  for (const name of ['tier', 'product_line', 'team']) {
    const values = await optionsOf(page, name);
    if (values.length > 0) {
      second = { name, values: ['', ...values] };
      break;
    }
  }
  const current = await page.locator('select[name="region"]').inputValue();
  const order = [current, ...regions.filter((r) => r !== current)];
  const cells = second.values.flatMap((other, row) =>
    (row % 2 === 0 ? order : [...order].reverse()).map((region) => ({ region, other })),
  );
  if (cells.length <= count) throw new Error(`the benchmark needs more than ${count} region × ${second.name} views`);
  const path = cells.slice(0, count + 1);
  const change = async (from: (typeof path)[number], to: (typeof path)[number]): Promise<number> => {
    const [name, value] = from.region === to.region ? [second.name, to.other] : ['region', to.region];
    const select = page.locator(`select[name="${name}"]`);
    return shownAfter(
      page,
      testId,
      () => select.selectOption(value).then(() => undefined),
      () => true,
    );
  };
  const fresh: number[] = [];
  for (let i = 1; i < path.length; i++) fresh.push(await change(path[i - 1]!, path[i]!));
  const revisited: number[] = [];
  for (let i = path.length - 1; i > path.length - 1 - Math.ceil(count / 2); i--) {
    revisited.push(await change(path[i]!, path[i - 1]!));
  }
  return { fresh, revisited };
}

const chooseRegion = (page: Page, region: string) => () =>
  page
    .locator('select[name="region"]')
    .selectOption(region)
    .then(() => undefined);

export async function measureSite(browser: Browser, url: string, requeries: number): Promise<PageMeasures> {
  // The memory baseline: the prerendered overview alone, no script run.
  const inert = await browser.newContext({ javaScriptEnabled: false });
  await (await inert.newPage()).goto(url, { waitUntil: 'load' });
  const inertMemory = await childrenPss();
  await inert.close();

  // The engine cold: a filter the moment the overview is live, in a fresh browser profile.
  const coldContext = await browser.newContext();
  const cold = await coldContext.newPage();
  const coldTraffic = trackBytes(cold);
  await openLive(cold, url);
  const regions = await optionsOf(cold, 'region');
  if (regions.length < 2) throw new Error('the benchmark needs at least two regions in the model');
  const coldFilterMs = await shownAfter(cold, overviewPage.testId, chooseRegion(cold, regions[0]!), (s) =>
    s.includes('region='),
  );
  const { firstChartMs, timeOrigin } = await cold.evaluate(() => ({
    firstChartMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    timeOrigin: performance.timeOrigin,
  }));
  const bytesBeforeChart = coldTraffic.until(firstChartMs, timeOrigin);
  await coldContext.close();

  // Warm: the overview open for 3 s in a fresh profile, DuckDB-WASM started by the page itself.
  const context = await browser.newContext();
  const page = await context.newPage();
  const traffic = trackBytes(page);
  const opened = performance.now();
  await openLive(page, url);
  await page.locator('[data-engine="warm"]').waitFor({ state: 'attached', timeout: 600_000 });
  await page.waitForTimeout(Math.max(0, 3000 - (performance.now() - opened)));
  await page.waitForLoadState('networkidle');
  const beforeFilter = traffic.bytes();
  const warmFirstFilterMs = await shownAfter(page, overviewPage.testId, chooseRegion(page, regions[1]!), (s) =>
    s.includes('region='),
  );
  await page.waitForLoadState('networkidle');
  const warmFilterBytes = traffic.bytes() - beforeFilter;
  const databaseBytes = traffic.matching(/pipescope\.duckdb/);

  const { fresh: requeryMs, revisited: revisitMs } = await walkViews(page, overviewPage.testId, requeries);

  const liveMemory = await childrenPss();
  const engineMemoryBytes = inertMemory === null || liveMemory === null ? null : liveMemory - inertMemory;

  const drillPage = await context.newPage();
  await openLive(drillPage, new URL('funnel/', url).href);
  const drillMs = await shownAfter(
    drillPage,
    funnelPage.testId,
    () => drillPage.locator('[data-table="funnel"] tbody tr a').first().click(),
    (s) => s.includes('stage='),
  );
  const pageDrillMs: Record<string, number> = {};
  const pageRequeryMs: Record<string, readonly number[]> = {};
  const pageRevisitMs: Record<string, readonly number[]> = {};
  const pageDatabaseBytes: Record<string, number> = {};
  for (const [path, testId] of DRILL_PAGES) {
    const drill = await context.newPage();
    const drillTraffic = trackBytes(drill);
    let target = new URL(path, url).href;
    if (path === FIRST_REP) {
      await openLive(drill, new URL('reps/', url).href);
      target = new URL(
        (await drill.locator('[data-table="reps"] tbody tr a').first().getAttribute('href'))!,
        drill.url(),
      ).href;
    }
    await openLive(drill, target);
    pageDrillMs[path] = await shownAfter(drill, testId, chooseRegion(drill, regions[1]!), (s) => s.includes('region='));
    const { fresh, revisited } = await walkViews(drill, testId, requeries);
    pageRequeryMs[path] = fresh;
    pageRevisitMs[path] = revisited;
    pageDatabaseBytes[path] = drillTraffic.matching(/pipescope\.duckdb/);
    await drill.close();
  }
  await context.close();
  return {
    bytesBeforeChart,
    firstChartMs,
    coldFilterMs,
    warmFirstFilterMs,
    warmFilterBytes,
    databaseBytes,
    requeryMs,
    revisitMs,
    drillMs,
    pageDrillMs,
    pageRequeryMs,
    pageRevisitMs,
    pageDatabaseBytes,
    engineMemoryBytes,
  };
}
