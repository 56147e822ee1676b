import type { Row, SqlEngine } from '../db/engine.ts';
import { attainment } from './attainment.ts';
import { byProductLine, byRegion, byRep, byTeam, productRegion } from './breakdown.ts';
import { campaignChannels, campaignPerformance, campaignRoi, campaignTiers } from './campaignRoi.ts';
import { cycleSummary } from './cycleSummary.ts';
import { cycleTimes } from './cycleTimes.ts';
import { forecast } from './forecast.ts';
import { funnel } from './funnel.ts';
import { kpis } from './kpis.ts';
import type { Metric } from './metric.ts';
import type { MetricParams } from './params.ts';
import { openDeals } from './openDeals.ts';
import { receivables } from './receivables.ts';
import { overdueInvoices, receivablesAccounts, receivablesOwners } from './receivablesBy.ts';
import { repActivity } from './repActivity.ts';
import { repDwell } from './repDwell.ts';
import { stageDwell } from './stageDwell.ts';

export const VIEWS = {
  funnel,
  stage_dwell: stageDwell,
  rep_dwell: repDwell,
  cycle_times: cycleTimes,
  kpis,
  forecast,
  attainment,
  campaign_roi: campaignRoi,
  receivables,
  // Beyond the core views: what the drill-down pages show, each runnable with `pipescope query` too.
  by_region: byRegion,
  by_product_line: byProductLine,
  by_team: byTeam,
  by_rep: byRep,
  product_region: productRegion,
  rep_activity: repActivity,
  open_deals: openDeals,
  cycle_summary: cycleSummary,
  campaign_performance: campaignPerformance,
  campaign_channels: campaignChannels,
  campaign_tiers: campaignTiers,
  receivables_accounts: receivablesAccounts,
  receivables_owners: receivablesOwners,
  overdue_invoices: overdueInvoices,
} as const satisfies Record<string, Metric<object>>;

export type ViewName = keyof typeof VIEWS;
export const VIEW_NAMES = Object.keys(VIEWS) as ViewName[];

export function isViewName(name: string): name is ViewName {
  return Object.hasOwn(VIEWS, name);
}

/**
 * Runs one view's SQL on any engine: native at build and in the CLI, DuckDB-WASM in the browser. Its rows
 * as plain columns of values, whichever view it is (the CLI prints any of them).
 */
export async function runView(engine: SqlEngine, view: ViewName, params: MetricParams): Promise<Row[]> {
  const { sql, params: values } = VIEWS[view].build(params);
  return engine.all<Row>({ sql, params: values });
}

/** Input files a view needs that the build did not have (empty = the view can run). */
export function missingInputs(view: ViewName, tables: Readonly<Record<string, { present: boolean }>>): string[] {
  return VIEWS[view].requires.filter((t) => tables[t]?.present === false);
}
