import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { parseHTML } from 'linkedom';
import { expect, test, type Page } from '@playwright/test';
import { openModel } from '../../src/db/nativeModel.ts';
import { loadDimensions, loadReps, loadStages } from '../../src/metrics/dimensions.ts';
import { FILTER_KEYS, type FilterKey } from '../../src/metrics/params.ts';
import { PAGE_PATHS, repSlug } from '../../src/site/pages.ts';
import { parseViewState, serializeViewState, type StateContext } from '../../src/state/viewState.ts';
import { E2E_BASE, E2E_DATA, MAVEN_BASE, MAVEN_DATASET, MAVEN_DIR, MAVEN_PRESENT } from '../support/e2eModel.ts';
import { waitForIsland, waitForView } from '../support/overviewPage.ts';

/**
 * A newcomer's walk over every page of a site: each opens on a view with deals in it, every CSV download
 * holds one value per cell, and every link the site makes (page links, cross-filters, drill-throughs, rep
 * and deal links, in the prerendered HTML and after hydration) opens a page that exists, with nothing of
 * the link dropped with a notice. Two sites: the demo, and the Maven sample built without --as-of.
 */
interface Site {
  readonly name: string;
  readonly origin: () => string | undefined;
  readonly base: string;
  readonly data: string;
  /** Its data is older than its data date: every page says it opens on the latest year with deals. */
  readonly fallsBack: boolean;
}

const SITES: readonly Site[] = [
  { name: 'the demo site', origin: () => port('PIPESCOPE_E2E_PORT'), base: E2E_BASE, data: E2E_DATA, fallsBack: false },
  {
    name: 'the Maven sample built without --as-of',
    origin: () => port('PIPESCOPE_MAVEN_PORT'),
    base: MAVEN_BASE,
    data: `${MAVEN_DIR}/data`,
    fallsBack: true,
  },
];

function port(name: string): string | undefined {
  const value = process.env[name];
  return value ? `http://127.0.0.1:${value}` : undefined;
}

/** What the model offers a link: the same lists the pages validate a URL against, and its deals' owners. */
async function modelFacts(
  data: string,
): Promise<{ ctx: StateContext; reps: string[]; dealOwner: Map<string, string> }> {
  const model = await openModel(data);
  try {
    const present = (table: string) => model.manifest.tables[table]?.present === true;
    const dimensions = await loadDimensions(model.engine, present);
    const options = {} as Record<FilterKey, readonly string[]>;
    for (const key of FILTER_KEYS) options[key] = dimensions[key].map((o) => o.value);
    const stages = (await loadStages(model.engine)).map((s) => s.stage);
    const reps = (await loadReps(model.engine)).map((r) => r.rep_id);
    const deals = await model.engine.all({
      sql: 'SELECT CAST(opp_id AS VARCHAR) AS opp_id, CAST(owner_id AS VARCHAR) AS owner_id FROM opportunities',
      params: [],
    });
    return {
      ctx: { options, stages },
      reps,
      dealOwner: new Map(deals.map((d) => [String(d.opp_id), String(d.owner_id)])),
    };
  } finally {
    model.close();
  }
}

const number = (text: string | null): number => (text === null || text === '' ? 0 : Number(text));
const sum = (page: Page, selector: string): Promise<number> =>
  page
    .locator(selector)
    .evaluateAll((cells) => cells.reduce((s, c) => s + (Number(c.getAttribute('data-value')) || 0), 0));

/**
 * Whether the page's first view has deals in its period: closed or created deals on the period pages;
 * pages that need an input file the export did not have say so instead, which is not an empty view.
 */
async function hasDeals(page: Page, path: string): Promise<boolean> {
  if ((await page.getByTestId('missing').count()) > 0) return true;
  if (path === PAGE_PATHS.overview)
    return (
      number(await page.locator('[data-kpi="won_amount"]').getAttribute('data-value')) > 0 ||
      (await sum(page, '[data-table="funnel"] [data-col="reached"]')) > 0
    );
  if (path === PAGE_PATHS.funnel) return (await sum(page, '[data-table="funnel"] [data-col="reached"]')) > 0;
  if (path === PAGE_PATHS.campaigns)
    return number(await page.locator('[data-table="campaigns"]').getAttribute('data-rows')) > 0;
  if (path === PAGE_PATHS.cycle) return (await sum(page, '[data-table="cycle-overall"] [data-col="deals"]')) > 0;
  if (path === PAGE_PATHS.receivables)
    return number(await page.locator('[data-table="ageing"]').getAttribute('data-rows')) > 0;
  if (path.startsWith('reps/') && path !== PAGE_PATHS.reps) {
    return (
      number(await page.locator('[data-kpi="won_amount"]').getAttribute('data-value')) > 0 ||
      number(await page.locator('[data-table="rep-dwell"]').getAttribute('data-rows')) > 0
    );
  }
  return (await sum(page, '[data-col="won_deals"]')) > 0;
}

// A trace would record every page's DuckDB-WASM download and database ranges: dozens of pages in, it slows
// the browser more than the walk itself.
test.use({ trace: 'off' });

/** The pages of a site, each in one of PARTS tests, so a site's dozens of rep pages are walked side by side. */
const PARTS = 4;
const sitePaths = (facts: { reps: readonly string[] }): string[] => [
  ...Object.values(PAGE_PATHS),
  ...facts.reps.map((rep) => `reps/${repSlug(rep)}/`),
];
const skipAbsent = (site: Site): void =>
  test.skip(
    site.fallsBack && !MAVEN_PRESENT,
    `the Maven sample is absent (${MAVEN_DATASET}): the shared datasets are not on this machine`,
  );

for (const site of SITES) {
  test.describe(site.name, () => {
    for (let part = 0; part < PARTS; part++) {
      test(`pages ${part + 1} of ${PARTS} (by index): each opens on a view with deals, every CSV is flat`, async ({
        page,
      }) => {
        skipAbsent(site);
        const origin = site.origin()!;
        const paths = sitePaths(await modelFacts(site.data)).filter((_, i) => i % PARTS === part);
        for (const path of paths) {
          await page.goto(`${origin}${site.base}${path}`);
          await waitForIsland(page);
          expect(await hasDeals(page, path), `${path}: the first view has deals`).toBe(true);
          if (site.fallsBack)
            await expect(page.getByTestId('period-fallback'), `${path} says which year it opens on`).toBeVisible();
          await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
          for (const button of await page.locator('[data-testid^="csv-"]:enabled').all()) {
            const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
            const rows = parse(await readFile((await file.path())!, 'utf8'), { bom: true }) as string[][];
            expect(rows[0]!.length, `${path} ${file.suggestedFilename()}: columns`).toBeGreaterThan(0);
            for (const cell of rows.flat())
              expect(/^\s*[[{]/.test(cell), `${path} ${file.suggestedFilename()}: "${cell.slice(0, 60)}"`).toBe(false);
          }
        }
      });
    }

    test('every link on every prerendered page opens a page of the site that takes it whole and shows its item', async ({
      page,
    }) => {
      skipAbsent(site);
      const origin = site.origin()!;
      const facts = await modelFacts(site.data);
      const paths = sitePaths(facts);
      const pages = new Set(paths.map((p) => `${site.base}${p}`));
      // Every href of the built HTML (links, chart marks, chips): the default view needs no query, so the live
      // page shows the same ones.
      const links = new Map<string, string>();
      for (const path of paths) {
        const url = `${origin}${site.base}${path}`;
        const { document } = parseHTML(await (await page.request.get(url)).text());
        for (const a of document.querySelectorAll('a[href]'))
          links.set(new URL(a.getAttribute('href')!, url).href, path);
      }

      // A page of this site, a query it takes whole, a deal that exists and is on its owner's page.
      const shapes = new Map<string, URL>();
      for (const [href, from] of links) {
        const url = new URL(href);
        expect(url.origin, `${from} links to ${href}`).toBe(origin);
        expect(pages.has(url.pathname), `${from} links to ${href}: a page of the site`).toBe(true);
        expect(parseViewState(url.search, facts.ctx).notices, `${from} links to ${href}`).toEqual([]);
        const deal = url.searchParams.get('deal');
        if (deal !== null)
          expect(`reps/${repSlug(facts.dealOwner.get(deal) ?? '?')}/`, `${from} links to deal ${deal}`).toBe(
            url.pathname.slice(site.base.length),
          );
        // One link of each kind opens in the browser below: its page and the parameters it sets.
        const target =
          url.pathname.startsWith(`${site.base}reps/`) && url.pathname !== `${site.base}reps/` ? 'rep' : url.pathname;
        shapes.set(`${target}?${[...new Set(url.searchParams.keys())].sort().join('&')}`, url);
      }

      for (const url of shapes.values()) {
        await page.goto(url.href);
        const state = parseViewState(url.search, facts.ctx).state;
        await waitForView(page, serializeViewState({ ...state, lang: undefined }));
        await expect(page.getByTestId('notices'), `${url.pathname}${url.search}`).toHaveCount(0);
        // The link's item is what the page shows: its filters as chips (a rep's page is that rep), its deal's timeline.
        for (const key of FILTER_KEYS) {
          if (
            key === 'owner_id' &&
            url.pathname !== `${site.base}reps/` &&
            url.pathname.startsWith(`${site.base}reps/`)
          )
            continue;
          for (const value of state.filters[key] ?? [])
            await expect(page.locator(`[data-chip="${key}"][data-value=${JSON.stringify(value)}]`)).toBeVisible();
        }
        if (state.deal) await expect(page.getByTestId('timeline')).toHaveAttribute('data-opp', state.deal);
      }
    });
  });
}

test('the Maven sample without --as-of: "Show this year" keeps this year in the link, empty as it is', async ({
  page,
}) => {
  test.skip(
    !MAVEN_PRESENT,
    `the Maven sample is absent (${MAVEN_DATASET}): the shared datasets are not on this machine`,
  );
  await page.goto(`${port('PIPESCOPE_MAVEN_PORT')}${MAVEN_BASE}`);
  await waitForIsland(page);
  const fallback = page.getByTestId('period-fallback');
  await expect(fallback).toHaveAttribute('data-from', '2017-01-01');
  await expect(fallback).toHaveAttribute('data-to', '2017-12-31');
  await expect(page.locator('select[name="period"]')).toHaveValue('auto');
  await expect(page.getByTestId('window')).toHaveText('Jan 1, 2017 – Dec 31, 2017');

  await page.getByTestId('show-this-year').click();
  await waitForView(page, 'period=this_year');
  await expect(page).toHaveURL(/\?period=this_year$/);
  await expect(fallback).toHaveCount(0);
  await expect(page.locator('select[name="period"]')).toHaveValue('this_year');
  expect(number(await page.locator('[data-kpi="won_amount"]').getAttribute('data-value'))).toBe(0);

  // A copied link with an explicit period keeps it.
  await page.goto(page.url());
  await waitForView(page, 'period=this_year');
  await expect(fallback).toHaveCount(0);
});
