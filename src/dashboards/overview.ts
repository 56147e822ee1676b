import type { SqlEngine } from '../db/engine.ts';
import type { ForecastMonth } from '../charts/forecast.ts';
import type { AttainmentRow } from '../metrics/attainment.ts';
import type { ForecastRow } from '../metrics/forecast.ts';
import type { FunnelRow } from '../metrics/funnel.ts';
import { VIEWS } from '../metrics/index.ts';
import type { KpiRow } from '../metrics/kpis.ts';
import type { MetricParams, TargetScopeName } from '../metrics/params.ts';
import { comparisonPeriod } from '../metrics/period.ts';
import { metricParams } from '../site/context.ts';
import { funnelChartSpec } from './funnel.ts';
import type { PageDefinition } from './page.ts';
import type { RegionAttainment } from '../charts/regionAttainment.ts';
import { attainmentByRegion, monthlyTargets, selectTargets, targetScope, type TargetSelection } from './targets.ts';

/** The rows behind the executive overview, exactly as the four metric views return them. */
export interface OverviewRows {
  readonly kpis: KpiRow;
  readonly funnel: readonly FunnelRow[];
  readonly forecast: readonly ForecastRow[];
  readonly attainment: readonly AttainmentRow[];
}

/**
 * What the overview asks each view. kpis and the funnel take the window. The forecast and the open
 * pipeline are a snapshot of today's open deals, so the forecast takes the filters but not the window.
 * Attainment is read without a window too: the page picks the target periods for the current window,
 * the comparison window and the forecast's months from the same rows.
 */
export function overviewQueries(params: MetricParams) {
  const snapshot: MetricParams = { ...params, from: undefined, to: undefined };
  // The targets the figures below read: a rep scope's, else the company's and the regions'.
  const targetScopes: readonly TargetScopeName[] =
    targetScope(params.filters) === 'rep' ? ['rep'] : ['company', 'region'];
  return {
    kpis: VIEWS.kpis.build(params),
    funnel: VIEWS.funnel.build(params),
    forecast: VIEWS.forecast.build(snapshot),
    attainment: VIEWS.attainment.build({ ...snapshot, targetScopes }),
  };
}

/**
 * Sends the overview's queries together: DuckDB-WASM's worker runs them back to back while the page
 * updates, where awaiting each answer before asking the next let the page's own work (20–30 ms after a
 * filter change at 1M deals) delay every query after the first.
 */
export async function loadOverview(
  engine: SqlEngine,
  params: MetricParams,
  signal?: AbortSignal,
): Promise<OverviewRows> {
  const q = overviewQueries(params);
  const [[kpis], funnel, forecast, attainment] = await Promise.all([
    engine.all(q.kpis, signal),
    engine.all(q.funnel, signal),
    engine.all(q.forecast, signal),
    engine.all(q.attainment, signal),
  ]);
  if (!kpis) throw new Error('the kpis view returned no row');
  return { kpis, funnel, forecast, attainment };
}

export interface OverviewFigures {
  readonly attainment: { readonly current: TargetSelection | null; readonly previous: TargetSelection | null };
  readonly regions: { readonly selection: TargetSelection; readonly regions: readonly RegionAttainment[] } | null;
  readonly forecast: readonly ForecastMonth[];
}

/** Figures the overview derives from the rows: which targets apply, per region, and per forecast month. */
export function overviewFigures(rows: OverviewRows, params: MetricParams): OverviewFigures {
  const scope = targetScope(params.filters);
  const window = { from: params.from, to: params.to };
  const previousWindow = comparisonPeriod(params);
  const months = scope
    ? monthlyTargets(rows.attainment, scope)
    : new Map<string, { target: number; wonAmount: number }>();
  return {
    attainment: {
      current: scope ? selectTargets(rows.attainment, scope, window) : null,
      previous: scope && previousWindow ? selectTargets(rows.attainment, scope, previousWindow) : null,
    },
    regions: scope === 'company' || scope === 'region' ? attainmentByRegion(rows.attainment, window) : null,
    forecast: rows.forecast.map((f) => {
      const month = f.close_month ? months.get(f.close_month) : undefined;
      return {
        month: f.close_month,
        openDeals: f.open_deals,
        pipeline: f.pipeline_amount,
        weighted: f.weighted_amount,
        won: month?.wonAmount ?? 0,
        target: month?.target ?? null,
      };
    }),
  };
}

/** What the overview shows: the headline row, the funnel and the derived figures (no raw target rows). */
export interface OverviewView {
  readonly kpis: KpiRow;
  readonly funnel: readonly FunnelRow[];
  readonly figures: OverviewFigures;
}

export function overviewView(rows: OverviewRows, params: MetricParams): OverviewView {
  return { kpis: rows.kpis, funnel: rows.funnel, figures: overviewFigures(rows, params) };
}

/**
 * The executive overview: the headline tiles, the funnel, attainment by region and the forecast by close
 * month against target.
 */
export const overviewPage: PageDefinition<OverviewView> = {
  key: 'overview',
  testId: 'overview',
  title: (t) => t('overview.title'),
  lead: 'overview.lead',
  params: [],
  async load(engine, site, state, signal) {
    const params = metricParams(site, state);
    return overviewView(await loadOverview(engine, params, signal), params);
  },
  charts(view, { site, state, t, fmt }) {
    const regions = view.figures.regions;
    return {
      funnel: funnelChartSpec(site, state, view.funnel, 'overview'),
      forecast: { kind: 'forecast', months: view.figures.forecast, asOfMonth: site.asOfDate.slice(0, 7) },
      regions: regions
        ? {
            kind: 'regions',
            regions: regions.regions,
            span: t('period.range', { from: fmt.date(regions.selection.from), to: fmt.date(regions.selection.to) }),
          }
        : null,
    };
  },
  wide: ['forecast'],
};
