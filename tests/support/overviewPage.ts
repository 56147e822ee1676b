import { expect, type Page } from '@playwright/test';
import { cliQuery, filterArgs, type CliRow } from './e2eModel.ts';

/** The e2e model's "this year" (the default period): as_of 2026-11-01, fiscal year = calendar year. */
export const THIS_YEAR = { from: '2026-01-01', to: '2026-12-31', label: '2026' } as const;

const KPI_KEYS = [
  'won_amount',
  'win_rate',
  'avg_deal_size',
  'avg_sales_cycle_days',
  'open_pipeline',
  'weighted_pipeline',
] as const;

const numberOrNull = (text: string | null): number | null => (text === null || text === '' ? null : Number(text));

function expectClose(actual: number | null, expected: number | string | null | undefined, what: string): void {
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
 * This year's target and won amount of one scope from `pipescope query attainment` rows: the annual target
 * row, or the four quarters when the export sets none for the year (the demo's regions and reps).
 */
function yearTarget(rows: readonly CliRow[], scope: string, id: string | null): { target: number; won: number } {
  const ofScope = rows.filter((r) => r.scope === scope && r.scope_id === id);
  const annual = ofScope.find((r) => r.period === THIS_YEAR.label);
  const parts = annual
    ? [annual]
    : ofScope.filter((r) => /^\d{4}-Q[1-4]$/.test(String(r.period)) && String(r.period).startsWith(THIS_YEAR.label));
  expect(parts.length, `${scope} ${id} targets for ${THIS_YEAR.label}`).toBe(annual ? 1 : 4);
  return {
    target: parts.reduce((s, r) => s + Number(r.target), 0),
    won: parts.reduce((s, r) => s + Number(r.won_amount), 0),
  };
}

/**
 * Waits on the page's own ready signal until it shows the figures of `shown` (the page root's data-shown:
 * the URL's view without lang): Shell's `data-state` is 'idle' once no query is running and the figures on
 * screen belong to the URL's view. A slow machine makes this slower, never red — only the test's timeout,
 * a guard against a hang, bounds it. A failed query ends the wait at once, with the page's message.
 */
export async function waitForShown(page: Page, testId: string, shown: string): Promise<void> {
  await waitFor(page, `[data-testid=${JSON.stringify(testId)}][data-shown=${JSON.stringify(shown)}]`);
}

/** waitForShown on whichever page is open (its root is the element that carries data-shown). */
export async function waitForView(page: Page, shown: string): Promise<void> {
  await waitFor(page, `[data-shown=${JSON.stringify(shown)}]`);
}

async function waitFor(page: Page, view: string): Promise<void> {
  await page.locator(`[data-state="error"], [data-state="idle"]:has(${view})`).waitFor({ timeout: 0 });
  await expectNoQueryError(page);
}

/** Waits until the page is live (hydrated, its URL read) and settled: a select changed before that changes nothing. */
export async function waitForIsland(page: Page): Promise<void> {
  await page.locator('[data-state="idle"], [data-state="error"]').waitFor({ timeout: 0 });
  await expectNoQueryError(page);
}

async function expectNoQueryError(page: Page): Promise<void> {
  if ((await page.locator('[data-state]').first().getAttribute('data-state')) === 'error') {
    throw new Error(`the page's query failed: ${await page.getByTestId('status').textContent()}`);
  }
}

/**
 * Asserts that every number on the overview equals `pipescope query` for the same filters: the kpis and
 * the funnel over the window, the forecast (a snapshot) and the attainment rows of the scope's target.
 */
export async function expectOverviewEqualsCli(
  page: Page,
  { filters, scope, scopeId }: { filters: Record<string, string>; scope: 'company' | 'region'; scopeId: string | null },
): Promise<void> {
  const window = ['--from', THIS_YEAR.from, '--to', THIS_YEAR.to];
  const [kpis] = cliQuery('kpis', [...window, ...filterArgs(filters)]);
  for (const key of KPI_KEYS) {
    const tile = page.locator(`[data-kpi="${key}"]`);
    expectClose(numberOrNull(await tile.getAttribute('data-value')), kpis![key], `kpi ${key}`);
    if (key !== 'open_pipeline' && key !== 'weighted_pipeline') {
      expectClose(numberOrNull(await tile.getAttribute('data-prev')), kpis![`prev_${key}`], `kpi prev_${key}`);
    }
  }

  const funnel = cliQuery('funnel', [...window, ...filterArgs(filters)]);
  const funnelRows = page.locator('[data-table="funnel"]').first().locator('tbody tr');
  await expect(funnelRows).toHaveCount(funnel.length);
  for (const [i, row] of funnel.entries()) {
    const tr = funnelRows.nth(i);
    await expect(tr).toHaveAttribute('data-stage', String(row.stage));
    for (const col of ['reached', 'reached_amount', 'conv_from_prev', 'conv_from_top']) {
      expectClose(
        numberOrNull(await tr.locator(`[data-col="${col}"]`).getAttribute('data-value')),
        row[col],
        `funnel ${row.stage} ${col}`,
      );
    }
  }

  const attainment = cliQuery('attainment', filterArgs(filters));
  const target = (period: string, rowScope: string, id: string | null): CliRow | undefined =>
    attainment.find((r) => r.period === period && r.scope === rowScope && r.scope_id === id);
  const year = yearTarget(attainment, scope, scopeId);
  expectClose(
    numberOrNull(await page.locator('[data-kpi="attainment"]').getAttribute('data-value')),
    year.won / year.target,
    'attainment tile',
  );

  const forecast = cliQuery('forecast', filterArgs(filters));
  const forecastRows = page.locator('[data-table="forecast"] tbody tr');
  await expect(forecastRows).toHaveCount(forecast.length);
  for (const [i, row] of forecast.entries()) {
    const tr = forecastRows.nth(i);
    await expect(tr).toHaveAttribute('data-month', String(row.close_month ?? ''));
    for (const col of ['open_deals', 'pipeline_amount', 'weighted_amount']) {
      expectClose(
        numberOrNull(await tr.locator(`[data-col="${col}"]`).getAttribute('data-value')),
        row[col],
        `forecast ${row.close_month} ${col}`,
      );
    }
    const month = row.close_month ? target(String(row.close_month), scope, scopeId) : undefined;
    expectClose(
      numberOrNull(await tr.locator('[data-col="target"]').getAttribute('data-value')),
      month?.target ?? null,
      `forecast ${row.close_month} target`,
    );
  }

  const regionIds = [...new Set(attainment.filter((r) => r.scope === 'region').map((r) => String(r.scope_id)))];
  const regionRows = page.locator('[data-table="regions"] tbody tr');
  await expect(regionRows).toHaveCount(regionIds.length);
  for (const id of regionIds) {
    const tr = page.locator(`[data-table="regions"] tr[data-region="${id}"]`);
    const expected = yearTarget(attainment, 'region', id);
    expectClose(
      numberOrNull(await tr.locator('[data-col="won_amount"]').getAttribute('data-value')),
      expected.won,
      `region ${id} won`,
    );
    expectClose(
      numberOrNull(await tr.locator('[data-col="target"]').getAttribute('data-value')),
      expected.target,
      `region ${id} target`,
    );
  }
}
