import type { Row, SqlEngine } from '../db/engine.ts';
import { attainment } from './attainment.ts';
import { campaignRoi } from './campaignRoi.ts';
import { cycleTimes } from './cycleTimes.ts';
import { forecast } from './forecast.ts';
import { funnel } from './funnel.ts';
import { kpis } from './kpis.ts';
import type { Metric } from './metric.ts';
import type { MetricParams } from './params.ts';
import { receivables } from './receivables.ts';
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
} as const satisfies Record<string, Metric>;

export type ViewName = keyof typeof VIEWS;
export const VIEW_NAMES = Object.keys(VIEWS) as ViewName[];

export function isViewName(name: string): name is ViewName {
  return Object.hasOwn(VIEWS, name);
}

/** Runs one view's SQL on any engine: native at build and in the CLI, DuckDB-WASM in the browser. */
export async function runView(engine: SqlEngine, view: ViewName, params: MetricParams): Promise<Row[]> {
  return engine.all(VIEWS[view].build(params));
}

/** Input files a view needs that the build did not have (empty = the view can run). */
export function missingInputs(view: ViewName, tables: Readonly<Record<string, { present: boolean }>>): string[] {
  return VIEWS[view].requires.filter((t) => tables[t]?.present === false);
}
