import { describe, expect, it } from 'vitest';
import { ACTIVITY_ROLLUP, OPEN_DEAL_ACTIVITY_ROLLUP } from '../../src/metrics/activityRollup.ts';
import { CAMPAIGN_DEAL_ROLLUP } from '../../src/metrics/campaignRollup.ts';
import { MODEL_ROLLUP_TABLES } from '../../src/metrics/rollups.ts';
import { runView, VIEW_NAMES, VIEWS, type ViewName } from '../../src/metrics/index.ts';
import { rollupModelOf, type MetricParams } from '../../src/metrics/params.ts';
import { expectSameRows, parityModels } from '../support/parityModels.ts';

/**
 * "One definition per number" with rollups: wherever a view reads a rollup, its rows equal the same view
 * over the deal rows (`rollups: false`), in native DuckDB and in DuckDB-WASM. Every view runs in every
 * scenario; the views a rollup answers must really take it, or the test proves nothing.
 */
const models = parityModels('rollups');

const BREAKDOWNS: readonly ViewName[] = ['by_region', 'by_product_line', 'by_team', 'by_rep', 'product_region'];
/** Every deal-summing view, and the views whose stall limit is the stored 75th percentile. */
const DEALS: readonly ViewName[] = ['kpis', 'forecast', 'attainment', ...BREAKDOWNS, 'stage_dwell', 'open_deals'];
/** The receivables views ignore the window: the open invoices stored at the model's as_of answer every scenario. */
const RECEIVABLES: readonly ViewName[] = [
  'receivables',
  'receivables_accounts',
  'receivables_owners',
  'overdue_invoices',
];
/**
 * Every scenario too: cycle_summary's rollup keeps its deals (the window and filters apply to them as to
 * the deal rows), in the model's time zone.
 */
const ALWAYS: readonly ViewName[] = ['cycle_summary'];
/** Whole-month windows in the build's time zone: the campaign views (the leads' rollup at least; deals unless a rep is filtered). */
const CAMPAIGNS: readonly ViewName[] = ['campaign_roi', 'campaign_performance', 'campaign_channels', 'campaign_tiers'];
/** With a rep filter, the campaign rollup of deals keeps no owner: only the views that count leads read a rollup. */
const CAMPAIGN_LEADS: readonly ViewName[] = CAMPAIGNS.filter((v) => v !== 'campaign_tiers');
/** Whole-month windows without a rep or campaign filter: the funnel too. */
const MONTHS: readonly ViewName[] = [...DEALS, ...CAMPAIGNS, 'funnel'];

/**
 * The demo model's as_of is 2026-11-01: presets and fiscal (= calendar) years are the windows rep_dwell's
 * benchmarks are stored for, whatever the filters.
 */
const SCENARIOS: Record<string, { params: Omit<MetricParams, 'asOf' | 'tz'>; rollup: readonly ViewName[] }> = {
  'all time, no filter': { params: { filters: {} }, rollup: [...MONTHS, 'rep_dwell'] },
  'a year, previous period': {
    params: { filters: {}, from: '2025-01-01', to: '2025-12-31' },
    rollup: [...MONTHS, 'rep_dwell'],
  },
  'a quarter, region and tier': {
    params: { filters: { region: ['EMEA', 'APAC'], tier: ['Key'] }, from: '2026-04-01', to: '2026-06-30' },
    rollup: MONTHS,
  },
  'a month, product line and team, same month last year': {
    params: {
      filters: { product_line: ['Analytics'], team: ['Enterprise'] },
      from: '2026-02-01',
      to: '2026-02-28',
      compare: 'year',
    },
    rollup: MONTHS,
  },
  'open-ended window': { params: { filters: { region: ['North America'] }, from: '2025-07-01' }, rollup: MONTHS },
  'two reps, two years': {
    params: { filters: { owner_id: ['R-01', 'R-02', 'R-07'] }, from: '2025-01-01', to: '2026-12-31' },
    rollup: [...DEALS, ...CAMPAIGN_LEADS],
  },
  'a rep, last quarter (a preset)': {
    params: { filters: { owner_id: ['R-02'] }, from: '2026-07-01', to: '2026-09-30' },
    rollup: [...DEALS, ...CAMPAIGN_LEADS, 'rep_dwell'],
  },
  'a rep, a year without deals': {
    params: { filters: { owner_id: ['R-03'] }, from: '2019-01-01', to: '2019-12-31' },
    rollup: [...DEALS, ...CAMPAIGN_LEADS, 'rep_dwell'],
  },
  'the coming months': {
    params: { filters: { team: ['Mid-Market'] }, from: '2026-11-01', to: '2027-03-31' },
    rollup: MONTHS,
  },
  // Day windows: the deal views sum the day rollup; the funnel and campaigns, kept by month, read deal rows.
  'trailing 12 months (a preset in days)': {
    params: { filters: {}, from: '2025-11-02', to: '2026-11-01' },
    rollup: [...DEALS, 'rep_dwell'],
  },
  'one stage with its own stall limit': {
    params: { filters: { region: ['EMEA'] }, stallLimitDays: { Proposal: 20 } },
    rollup: [...MONTHS, 'rep_dwell'],
  },
  'a campaign: deal rows': {
    params: { filters: { campaign_id: ['C-01', 'C-02'] } },
    rollup: ['stage_dwell', 'open_deals', 'rep_dwell', ...CAMPAIGNS],
  },
};

const TABLES = MODEL_ROLLUP_TABLES;
const readsRollup = (sql: string): boolean => TABLES.some((t) => new RegExp(`\\b${t}\\b`).test(sql));

describe.each(Object.entries(SCENARIOS))('%s', (name, { params: scenario, rollup }) => {
  it.each(VIEW_NAMES)('%s: rollup rows = deal rows, native and DuckDB-WASM', async (view: ViewName) => {
    const { native, wasm } = models();
    const m = native.manifest;
    const built = rollupModelOf(m);
    const params: MetricParams = { ...scenario, asOf: m.as_of, tz: m.tz, rollups: built };
    const detailParams: MetricParams = { ...params, rollups: false };
    // rep_activity's open deals are stored at as_of whatever the window; neither of its rollups keeps the campaign.
    const takesRollup =
      rollup.includes(view) ||
      RECEIVABLES.includes(view) ||
      ALWAYS.includes(view) ||
      (view === 'rep_activity' && !scenario.filters.campaign_id);
    expect(readsRollup(VIEWS[view].build(params).sql), 'the view takes a rollup').toBe(takesRollup);
    expect(readsRollup(VIEWS[view].build(detailParams).sql), 'rollups: false reads deal rows').toBe(false);
    const detail = await runView(native.engine, view, detailParams);
    expectSameRows(await runView(native.engine, view, params), detail);
    expectSameRows(await runView(wasm.engine, view, params), detail);
    expectSameRows(await runView(wasm.engine, view, detailParams), detail);
    if (
      !name.includes('without deals') &&
      (BREAKDOWNS.includes(view) ||
        // The two campaigns' deals have no open invoice.
        (RECEIVABLES.includes(view) && !scenario.filters.campaign_id) ||
        (view === 'rep_dwell' && rollup.includes(view)))
    ) {
      expect(detail.length, 'the scenario has rows').toBeGreaterThan(0);
    }
  });
});

it.each(['rep_dwell', ...RECEIVABLES] as const)(
  'a model built at another as_of, or another time zone: %s reads the detail rows',
  (view) => {
    const m = models().native.manifest;
    const built = rollupModelOf(m);
    const params: MetricParams = {
      asOf: m.as_of,
      tz: m.tz,
      filters: {},
      from: '2025-01-01',
      to: '2025-12-31',
      rollups: built,
    };
    expect(readsRollup(VIEWS[view].build(params).sql)).toBe(true);
    expect(readsRollup(VIEWS[view].build({ ...params, asOf: '2026-10-01T00:00:00Z' }).sql)).toBe(false);
    expect(readsRollup(VIEWS[view].build({ ...params, tz: 'Asia/Shanghai' }).sql)).toBe(false);
    expect(readsRollup(VIEWS[view].build({ ...params, rollups: undefined }).sql)).toBe(false);
    if (view === 'rep_dwell') {
      expect(readsRollup(VIEWS[view].build({ ...params, from: '2025-02-01', to: '2026-01-31' }).sql)).toBe(false);
    }
  },
);

/**
 * Local months east of UTC (a deal late on a UTC month's last day is in the next local month) and west of
 * it (early on the 1st: the previous one), both edges of the month lookup the rollups are built with.
 */
describe.each(['Asia/Shanghai', 'America/Los_Angeles'])('a model built in %s', (tz) => {
  const zoned = parityModels(`rollups-${tz.replace('/', '-')}`, { tz });
  const LOCAL_MONTHS: readonly ViewName[] = [
    'funnel',
    'campaign_performance',
    'campaign_tiers',
    'rep_activity',
    'cycle_summary',
  ];
  describe.each([
    ['all time', {}],
    ['a quarter of local months', { from: '2026-01-01', to: '2026-03-31' }],
    ['a year, one region', { from: '2025-01-01', to: '2025-12-31', filters: { region: ['APAC'] } }],
  ])('%s', (_, window) => {
    it.each(LOCAL_MONTHS)('%s: its rollup of local months = deal rows, native and DuckDB-WASM', async (view) => {
      const { native, wasm } = zoned();
      const m = native.manifest;
      expect(m.tz).toBe(tz);
      const built = rollupModelOf(m);
      const params: MetricParams = { filters: {}, ...window, asOf: m.as_of, tz: m.tz, rollups: built };
      expect(readsRollup(VIEWS[view].build(params).sql)).toBe(true);
      expect(readsRollup(VIEWS[view].build({ ...params, tz: 'UTC' }).sql), 'another zone: deal rows').toBe(false);
      const detail = await runView(native.engine, view, { ...params, rollups: false });
      expect(detail.length).toBeGreaterThan(0);
      expectSameRows(await runView(native.engine, view, params), detail);
      expectSameRows(await runView(wasm.engine, view, params), detail);
    });
  });
});

it("a rep filter reads the campaigns' deals from the deal rows (the campaign rollup keeps no owner), leads still from theirs", () => {
  const m = models().native.manifest;
  const built = rollupModelOf(m);
  const params: MetricParams = { asOf: m.as_of, tz: m.tz, filters: {}, rollups: built };
  const deals = new RegExp(`\\b${CAMPAIGN_DEAL_ROLLUP}\\b`);
  expect(VIEWS.campaign_performance.build(params).sql).toMatch(deals);
  const repSql = VIEWS.campaign_performance.build({ ...params, filters: { owner_id: ['R-01'] } }).sql;
  expect(repSql).not.toMatch(deals);
  expect(readsRollup(repSql)).toBe(true);
});

it.each([
  ['no filter', {}],
  ['a region and a team', { region: ['EMEA'], team: ['Enterprise'] }],
])('attainment without rep targets (%s) sums the company-level rollup, = deal rows', async (_, filters) => {
  const { native, wasm } = models();
  const m = native.manifest;
  const built = rollupModelOf(m);
  const params: MetricParams = {
    filters,
    from: '2026-01-01',
    to: '2026-12-31',
    asOf: m.as_of,
    tz: m.tz,
    rollups: built,
    targetScopes: ['company', 'region'],
  };
  const sql = VIEWS.attainment.build(params).sql;
  expect(sql).toMatch(/\bdeal_rollup\b/);
  expect(sql).not.toMatch(/\bdeal_rollup_owner\b/);
  const detail = await runView(native.engine, 'attainment', { ...params, rollups: false });
  expect(detail.length).toBeGreaterThan(0);
  expectSameRows(await runView(native.engine, 'attainment', params), detail);
  expectSameRows(await runView(wasm.engine, 'attainment', params), detail);
});

it.each([
  ['a quarter, against the 91 days before it', {}, '2026-04-01', '2026-06-30'],
  ['a month, a region', { region: ['EMEA'] }, '2026-02-01', '2026-02-28'],
  ['a custom window, a team', { team: ['Enterprise'] }, '2025-03-15', '2025-09-10'],
])('kpis over %s sums the day rollup for both periods, = deal rows', async (_, filters, from, to) => {
  const { native, wasm } = models();
  const m = native.manifest;
  const params: MetricParams = { filters, from, to, asOf: m.as_of, tz: m.tz, rollups: rollupModelOf(m) };
  const sql = VIEWS.kpis.build(params).sql;
  expect(sql).toMatch(/\bdeal_rollup_day\b/);
  expect(sql).not.toMatch(/\bopportunities\b/);
  const detail = await runView(native.engine, 'kpis', { ...params, rollups: false });
  expect(detail[0]?.prev_won_deals, 'the previous period has won deals').toBeGreaterThan(0);
  expectSameRows(await runView(native.engine, 'kpis', params), detail);
  expectSameRows(await runView(wasm.engine, 'kpis', params), detail);
});

it('a rep over a window of days reads deal rows: no rollup keeps an owner by day', () => {
  const m = models().native.manifest;
  const params: MetricParams = {
    filters: { owner_id: ['R-02'] },
    from: '2026-02-01',
    to: '2026-02-28',
    asOf: m.as_of,
    tz: m.tz,
    rollups: rollupModelOf(m),
  };
  const sql = VIEWS.kpis.build(params).sql;
  expect(sql).toMatch(/\bdeal_rollup_owner\b/);
  expect(sql).toMatch(/\bopportunities\b/);
  expect(sql).not.toMatch(/\bdeal_rollup_day\b/);
});

describe('rep_activity', () => {
  const activity = new RegExp(`\\b${ACTIVITY_ROLLUP}\\b`);
  const openDeals = new RegExp(`\\b${OPEN_DEAL_ACTIVITY_ROLLUP}\\b`);
  it.each([
    ['a quarter, a team', { team: ['Enterprise'] }, { from: '2026-04-01', to: '2026-06-30' }, true, true],
    ['trailing days: activities per row', {}, { from: '2025-11-02', to: '2026-11-01' }, false, true],
    ['idle after 7 days: open deals per row', { region: ['EMEA'] }, { idleDays: 7 }, true, false],
  ] as const)('%s = deal rows, native and DuckDB-WASM', async (_, filters, extra, activities, open) => {
    const { native, wasm } = models();
    const m = native.manifest;
    const built = rollupModelOf(m);
    const params: MetricParams = { filters, ...extra, asOf: m.as_of, tz: m.tz, rollups: built };
    const sql = VIEWS.rep_activity.build(params).sql;
    expect(activity.test(sql), 'activities from the rollup').toBe(activities);
    expect(openDeals.test(sql), 'open deals from the rollup').toBe(open);
    const detail = await runView(native.engine, 'rep_activity', { ...params, rollups: false });
    expect(detail.some((r) => Number(r.activities) > 0 && Number(r.idle_open_deals) > 0)).toBe(true);
    expectSameRows(await runView(native.engine, 'rep_activity', params), detail);
    expectSameRows(await runView(wasm.engine, 'rep_activity', params), detail);
  });
});
