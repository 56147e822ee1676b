import type { ChartSpec } from '../charts/index.ts';
import type { SqlEngine } from '../db/engine.ts';
import type { FunnelRow } from '../metrics/funnel.ts';
import { VIEWS } from '../metrics/index.ts';
import type { MetricParams } from '../metrics/params.ts';
import { stageDeals, stageDealsCount, type StageDealRow, type StageDealsParams } from '../metrics/stageDeals.ts';
import { metricParams, type SiteContext } from '../site/context.ts';
import { serializeViewState, withStage, type ViewState } from '../state/viewState.ts';
import type { PageDefinition } from './page.ts';

/** Deals per page of the drill-down list: a screenful on a laptop, quick to read in DuckDB-WASM. */
export const DEALS_PER_PAGE = 25;

export interface DealListView {
  readonly stage: string;
  readonly list: ViewState['deals'];
  readonly total: { readonly deals: number; readonly amount: number };
  readonly page: number;
  readonly pages: number;
  readonly rows: readonly StageDealRow[];
}

export interface FunnelPageView {
  readonly funnel: readonly FunnelRow[];
  readonly deals: DealListView | null;
}

/** The drill-down's query parameters: one page of the list, or the whole list (`all`, for the CSV). */
export function dealListParams(
  params: MetricParams,
  state: ViewState & { stage: string },
  all = false,
): StageDealsParams {
  const page = { limit: DEALS_PER_PAGE, offset: (state.page - 1) * DEALS_PER_PAGE };
  return { ...params, stage: state.stage, list: state.deals, sort: state.sort, dir: state.dir, ...(all ? {} : page) };
}

/**
 * The reached list's size and amount: the funnel's own figures for that step, which count exactly the
 * deals the list holds (tests/unit/metrics/stageDeals.test.ts holds both to the same numbers). Reading
 * them from the funnel spares the drill-down a scan of every deal. A stage the funnel has no step for (a
 * lost stage, a later won stage, another pipeline's stage, an unknown name) lists no deal.
 */
export function reachedTotal(funnel: readonly FunnelRow[], stage: string): DealListView['total'] {
  const step = funnel.find((row) => row.stage === stage);
  return { deals: Number(step?.reached ?? 0), amount: Number(step?.reached_amount ?? 0) };
}

async function loadFunnelPage(
  engine: SqlEngine,
  params: MetricParams,
  state: ViewState,
  signal?: AbortSignal,
): Promise<FunnelPageView> {
  const stage = state.stage;
  if (!stage) return { funnel: await engine.all(VIEWS.funnel.build(params), signal), deals: null };
  const list = dealListParams(params, { ...state, stage });
  // The page asked for is read with the list's total, not after it: it is almost always within the list.
  const [funnel, counted, asked] = await Promise.all([
    engine.all(VIEWS.funnel.build(params), signal),
    state.deals === 'reached'
      ? null
      : engine
          .all(stageDealsCount(list), signal)
          .then(([row]) => ({ deals: Number(row?.deals ?? 0), amount: Number(row?.amount ?? 0) })),
    engine.all(stageDeals(list), signal),
  ]);
  const total = counted ?? reachedTotal(funnel, stage);
  const pages = Math.max(1, Math.ceil(total.deals / DEALS_PER_PAGE));
  // A link to page 9 of a list that has since shrunk shows its last page rather than nothing.
  const page = Math.min(state.page, pages);
  const rows =
    page === state.page
      ? asked
      : await engine.all(stageDeals(dealListParams(params, { ...state, stage, page })), signal);
  return { funnel, deals: { stage, list: state.deals, total, page, pages, rows } };
}

/** Every deal of the list in the list's order, for the CSV download. */
export async function loadDealListCsvRows(
  engine: SqlEngine,
  params: MetricParams,
  state: ViewState & { stage: string },
): Promise<StageDealRow[]> {
  return await engine.all(stageDeals(dealListParams(params, state, true)));
}

/** Link from a funnel stage to its deal list on the funnel page, with every filter in force. */
export function stageLinks(
  site: SiteContext,
  state: ViewState,
  rows: readonly FunnelRow[],
  page: 'overview' | 'funnel',
): Record<string, string> {
  const path = page === 'funnel' ? '' : `${site.base}funnel/`;
  return Object.fromEntries(rows.map((r) => [r.stage, `${path}?${serializeViewState(withStage(state, r.stage))}`]));
}

/** Stage → pipeline when the model has pipelines (the funnel chart heads each pipeline's steps). */
function stagePipelines(site: SiteContext): Record<string, string> | undefined {
  const named = site.stages.filter((s) => s.pipeline !== null);
  return named.length === 0 ? undefined : Object.fromEntries(named.map((s) => [s.stage, s.pipeline!]));
}

/** The funnel chart of a page: its rows, each bar linking to the stage's deal list, pipelines headed. */
export function funnelChartSpec(
  site: SiteContext,
  state: ViewState,
  rows: readonly FunnelRow[],
  page: 'overview' | 'funnel',
): ChartSpec {
  const pipelineOf = stagePipelines(site);
  return {
    kind: 'funnel',
    rows,
    stageHref: stageLinks(site, state, rows, page),
    ...(pipelineOf ? { pipelineOf } : {}),
  };
}

/** Conversion by stage; a stage opens its deals (reached it / in it now), sortable, paged and downloadable. */
export const funnelPage: PageDefinition<FunnelPageView> = {
  key: 'funnel',
  testId: 'funnel-page',
  title: (t) => t('funnel.title'),
  lead: 'funnel.lead',
  params: ['stage', 'deals', 'sort', 'dir', 'page'],
  load: (engine, site, state, signal) => loadFunnelPage(engine, metricParams(site, state), state, signal),
  charts: (view, { site, state }) => ({ funnel: funnelChartSpec(site, state, view.funnel, 'funnel') }),
};
