import { expect, test, type Page } from '@playwright/test';
import { cliQuery, filterArgs } from '../support/e2eModel.ts';
import { TABLE_ROWS } from '../../src/dashboards/table.ts';
import { THIS_YEAR, waitForShown } from '../support/overviewPage.ts';
import { expectClose, expectTableEqualsCli } from '../support/viewTables.ts';

/**
 * Every drill-down view, after a cross-filter click on one of its chart marks, shows the numbers
 * `pipescope query` gives for the same filters: the browser's DuckDB-WASM and the CLI's native DuckDB
 * run the same metric SQL.
 */
const window = ['--from', THIS_YEAR.from, '--to', THIS_YEAR.to];
const q = (view: string, filters: Record<string, string>, extra: readonly string[] = window) =>
  cliQuery(view, [...extra, ...filterArgs(filters)]);
const BREAKDOWN = {
  won_amount: 'won_amount',
  won_deals: 'won_deals',
  win_rate: 'win_rate',
  avg_deal_size: 'avg_deal_size',
  avg_sales_cycle_days: 'avg_sales_cycle_days',
  open_pipeline: 'open_pipeline',
  weighted_pipeline: 'weighted_pipeline',
};

/** Clicks the chart mark that links to a URL with `param=value` and waits for the page to show it. */
async function crossFilter(
  page: Page,
  chart: string,
  param: string,
  value: string,
  testId: string,
  shown: string,
): Promise<void> {
  const encoded = new URLSearchParams({ [param]: value }).toString();
  await page.locator(`[data-chart="${chart}"] svg a[*|href*="${encoded}"]`).first().click();
  await waitForShown(page, testId, shown);
  await expect(page.locator(`[data-chip="${param}"][data-value="${value}"]`)).toBeVisible();
}

test('regions: the region bars and table equal the CLI, then a region click shows its teams', async ({ page }) => {
  await page.goto('./regions/');
  const regions = q('by_region', {});
  await expectTableEqualsCli(page, 'by-region', regions, (r) => String(r.region), BREAKDOWN);
  // Targets: this year's region targets (the demo sets quarters) from the attainment view.
  const attainment = cliQuery('attainment');
  for (const region of regions) {
    const rows = attainment.filter(
      (a) => a.scope === 'region' && a.scope_id === region.region && String(a.period).startsWith('2026-Q'),
    );
    const target = rows.reduce((s, a) => s + Number(a.target), 0);
    const cell = page.locator(`[data-table="by-region"] tr[data-key="${String(region.region)}"] [data-col="target"]`);
    expectClose(Number(await cell.getAttribute('data-value')), target, `${String(region.region)} target`);
  }

  await crossFilter(page, 'regions-won', 'region', 'EMEA', 'regions-page', 'region=EMEA');
  await expect(page.getByTestId('regions-page')).toHaveAttribute('data-level', 'team');
  await expectTableEqualsCli(page, 'by-team', q('by_team', { region: 'EMEA' }), (r) => String(r.team), BREAKDOWN);
});

test('product lines: a heatmap cell filters to its product line and region', async ({ page }) => {
  await page.goto('./products/');
  await expectTableEqualsCli(
    page,
    'by-product-line',
    q('by_product_line', {}),
    (r) => String(r.product_line),
    BREAKDOWN,
  );
  const cell = q('product_region', {}).find((r) => Number(r.won_amount) > 0)!;
  // In the URL's order of filter keys: region before product line.
  const filters = { region: String(cell.region), product_line: String(cell.product_line) };
  await page
    .locator(`[data-chart="product-region"] svg a[*|href*="${new URLSearchParams(filters).toString()}"]`)
    .first()
    .click();
  await waitForShown(page, 'products-page', new URLSearchParams(filters).toString());
  await expectTableEqualsCli(
    page,
    'by-product-line',
    q('by_product_line', filters),
    (r) => String(r.product_line),
    BREAKDOWN,
  );
  await page.locator('[data-chart="product-region"] summary').click();
  await expectTableEqualsCli(
    page,
    'product-region',
    q('product_region', filters),
    (r) => `${String(r.product_line)}|${String(r.region)}`,
    {
      won_amount: 'won_amount',
      won_deals: 'won_deals',
      win_rate: 'win_rate',
      open_pipeline: 'open_pipeline',
    },
  );
});

test('campaigns: a campaign bar filters every table to it; cost 0 shows no ROI', async ({ page }) => {
  await page.goto('./campaigns/');
  const all = q('campaign_performance', {}).filter((r) => r.in_period);
  const cols = {
    cost: 'cost',
    leads: 'leads',
    lead_conversion: 'lead_conversion',
    opportunities: 'opportunities',
    won_deals: 'won_deals',
    won_amount: 'won_amount',
    pipeline_amount: 'pipeline_amount',
    roi: 'roi',
    cost_per_won_deal: 'cost_per_won_deal',
  };
  await expectTableEqualsCli(page, 'campaigns', all, (r) => String(r.campaign_id), cols);
  const free = all.find((r) => r.cost === 0);
  if (free)
    await expect(
      page.locator(`[data-table="campaigns"] tr[data-key="${String(free.campaign_id)}"] [data-col="roi"]`),
    ).toHaveText('—');

  const top = [...all].sort((a, b) => Number(b.won_amount) - Number(a.won_amount))[0]!;
  const id = String(top.campaign_id);
  await crossFilter(page, 'campaign-won', 'campaign_id', id, 'campaigns-page', `campaign_id=${id}`);
  await expectTableEqualsCli(
    page,
    'campaigns',
    q('campaign_performance', { campaign_id: id }).filter((r) => r.in_period),
    (r) => String(r.campaign_id),
    cols,
  );
  await expectTableEqualsCli(
    page,
    'channels',
    q('campaign_channels', { campaign_id: id }),
    (r) => String(r.channel ?? ''),
    { cost: 'cost', won_amount: 'won_amount', roi: 'roi' },
  );
  await page.locator('[data-chart="campaign-tiers"] summary').click();
  await expectTableEqualsCli(
    page,
    'campaign-tiers',
    q('campaign_tiers', { campaign_id: id }),
    (r) => `${String(r.campaign_id)}|${String(r.tier ?? '')}`,
    { opportunities: 'opportunities', won_amount: 'won_amount', pipeline_amount: 'pipeline_amount' },
  );
});

test('reps: a team click narrows the leaderboard; activity, 80/20 and the average follow', async ({ page }) => {
  await page.goto('./reps/');
  const team = String(q('by_team', {})[0]!.team);
  await page
    .locator(`[data-table="reps"] [data-col="team"] a[href*="${new URLSearchParams({ team }).toString()}"]`)
    .first()
    .click();
  await waitForShown(page, 'reps-page', new URLSearchParams({ team }).toString());
  const reps = q('by_rep', { team });
  await expectTableEqualsCli(page, 'reps', reps, (r) => String(r.owner_id), BREAKDOWN);
  const activity = new Map(q('rep_activity', { team }).map((r) => [String(r.owner_id), r]));
  for (const rep of reps) {
    const tr = page.locator(`[data-table="reps"] tr[data-key="${String(rep.owner_id)}"]`);
    const a = activity.get(String(rep.owner_id));
    expectClose(
      Number(await tr.locator('[data-col="activities_per_week"]').getAttribute('data-value')),
      a?.activities_per_week ?? null,
      'activities per week',
    );
    expectClose(
      Number(await tr.locator('[data-col="idle_open_deals"]').getAttribute('data-value')),
      a?.idle_open_deals ?? null,
      'idle deals',
    );
  }
  const won = reps.map((r) => Number(r.won_amount)).sort((a, b) => b - a);
  const top = Math.max(1, Math.ceil(won.length * 0.2));
  const total = won.reduce((s, v) => s + v, 0);
  expectClose(
    Number(await page.getByTestId('pareto').getAttribute('data-share')),
    won.slice(0, top).reduce((s, v) => s + v, 0) / total,
    '80/20 share',
  );
  expectClose(Number(await page.getByTestId('average').getAttribute('data-value')), total / won.length, 'average rep');
});

test('a rep page: stage dwell beside team and company, stalled deals first, a deal timeline', async ({ page }) => {
  await page.goto('./reps/?region=EMEA');
  await waitForShown(page, 'reps-page', 'region=EMEA');
  const rep = q('by_rep', { region: 'EMEA' })[0]!;
  const id = String(rep.owner_id);
  await page.locator(`[data-chart="reps-won"] svg a[*|href*="/reps/${id}/"]`).click();
  await expect(page).toHaveURL(new RegExp(`/sales/reps/${id}/\\?region=EMEA$`));
  await waitForShown(page, 'rep-page', 'region=EMEA');
  const filters = { region: 'EMEA', owner_id: id };
  await page.locator('[data-chart="rep-dwell"] summary').click();
  await expectTableEqualsCli(page, 'rep-dwell', q('rep_dwell', filters), (r) => String(r.stage), {
    median_days: 'median_days',
    mean_days: 'mean_days',
    team_median_days: 'team_median_days',
    company_median_days: 'company_median_days',
    deals: 'deals',
  });
  const open = q('open_deals', filters, []);
  await expectTableEqualsCli(
    page,
    'open-deals',
    open,
    (r) => String(r.opp_id),
    { open_stint_days: 'open_stint_days', stall_limit_days: 'stall_limit_days', amount: 'amount' },
    25,
  );
  expect(Number(await page.locator('[data-kpi="stalled"]').getAttribute('data-value'))).toBe(
    open.filter((r) => r.stalled).length,
  );

  // A stage in the dwell chart lists the rep's open deals now in it.
  const stage = String(open[0]!.stage);
  const stageQuery = new URLSearchParams({ region: 'EMEA', stage }).toString();
  await page.locator(`[data-chart="rep-dwell"] svg a[*|href="?${stageQuery}"]`).first().click();
  await waitForShown(page, 'rep-page', stageQuery);
  await expectTableEqualsCli(
    page,
    'open-deals',
    open.filter((r) => r.stage === stage),
    (r) => String(r.opp_id),
    { open_stint_days: 'open_stint_days', amount: 'amount' },
    25,
  );
  await page.getByTestId('all-stages').click();
  await waitForShown(page, 'rep-page', 'region=EMEA');

  const deal = String(open[0]!.opp_id);
  await page.locator(`[data-table="open-deals"] tr[data-key="${deal}"] a`).click();
  await waitForShown(page, 'rep-page', `region=EMEA&deal=${deal}`);
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-opp', deal);
  // The timeline's stints add up, per open stage, to the deal's stage_dwell days.
  const dwell = cliQuery('stage_dwell', filterArgs(filters)).filter((r) => r.opp_id === deal);
  const stints = await page.locator('[data-table="timeline"] tbody tr').evaluateAll((rows) =>
    rows.map((r) => ({
      stage: r.querySelector('[data-col="stage"]')?.getAttribute('data-value'),
      days: r.querySelector('[data-col="days"]')?.getAttribute('data-value'),
    })),
  );
  for (const d of dwell) {
    const sum = stints.filter((s) => s.stage === d.stage).reduce((s, x) => s + Number(x.days), 0);
    expectClose(sum, d.days as number, `${deal} ${String(d.stage)} days`);
  }
});

test('sales cycle: a rep bar filters the distribution, per-rep and monthly figures', async ({ page }) => {
  await page.goto('./cycle/');
  const rep = String(q('by_rep', {})[0]!.owner_id);
  await crossFilter(page, 'cycle-per-rep', 'owner_id', rep, 'cycle-page', `owner_id=${rep}`);
  const rows = q('cycle_summary', { owner_id: rep });
  const stats = {
    deals: 'deals',
    mean_days: 'mean_days',
    median_days: 'median_days',
    p25_days: 'p25_days',
    p75_days: 'p75_days',
    p90_days: 'p90_days',
  };
  await expectTableEqualsCli(
    page,
    'cycle-overall',
    rows.filter((r) => r.grain === 'all'),
    (r) => String(r.measure),
    stats,
  );
  await page.locator('[data-chart="cycle-trend"] summary').click();
  await expectTableEqualsCli(
    page,
    'cycle-months',
    rows.filter((r) => r.grain === 'month'),
    (r) => `${String(r.measure)}|${String(r.key ?? '')}`,
    stats,
  );
});

test('a long table shows its first rows until asked for all, and stays whole through a filter change', async ({
  page,
}) => {
  await page.goto('./cycle/');
  await waitForShown(page, 'cycle-page', '');
  const months = q('cycle_summary', {}).filter((r) => r.grain === 'month');
  // The demo's months must outnumber what the table shows first, or this test proves nothing.
  expect(months.length).toBeGreaterThan(TABLE_ROWS);
  await page.locator('[data-chart="cycle-trend"] summary').click();
  const rows = page.locator('[data-table="cycle-months"] tbody tr');
  await expect(rows).toHaveCount(TABLE_ROWS);
  await expect(page.getByTestId('shown-cycle-months')).toContainText(String(months.length));
  await page.getByTestId('all-cycle-months').click();
  await expect(rows).toHaveCount(months.length);
  await expect(page.getByTestId('all-cycle-months')).toHaveCount(0);

  const rep = String(q('by_rep', {})[0]!.owner_id);
  await crossFilter(page, 'cycle-per-rep', 'owner_id', rep, 'cycle-page', `owner_id=${rep}`);
  await expect(rows).toHaveCount(q('cycle_summary', { owner_id: rep }).filter((r) => r.grain === 'month').length);
});

test('receivables: an owner bar filters ageing, accounts and the overdue list', async ({ page }) => {
  await page.goto('./receivables/');
  const owner = String(q('receivables_owners', {}, []).find((r) => r.key !== null)!.key);
  await crossFilter(page, 'receivables-owners', 'owner_id', owner, 'receivables-page', `owner_id=${owner}`);
  const f = { owner_id: owner };
  await page.locator('[data-chart="receivables-ageing"] summary').click();
  await expectTableEqualsCli(page, 'ageing', q('receivables', f, []), (r) => String(r.bucket), {
    invoices: 'invoices',
    outstanding_amount: 'outstanding_amount',
  });
  const ageing = {
    invoices: 'invoices',
    outstanding_amount: 'outstanding_amount',
    overdue_amount: 'overdue_amount',
    overdue_90_plus: 'overdue_90_plus',
  };
  await expectTableEqualsCli(
    page,
    'receivables-owners',
    q('receivables_owners', f, []),
    (r) => String(r.key ?? ''),
    ageing,
  );
  await expectTableEqualsCli(
    page,
    'receivables-accounts',
    q('receivables_accounts', f, []),
    (r) => String(r.key ?? ''),
    ageing,
    25,
  );
  await expectTableEqualsCli(
    page,
    'overdue',
    q('overdue_invoices', f, []),
    (r) => String(r.invoice_id),
    { outstanding: 'outstanding', days_overdue: 'days_overdue' },
    25,
  );
});
