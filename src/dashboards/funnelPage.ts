import type { SqlEngine } from '../db/engine.ts';
import type { FunnelRow } from '../metrics/funnel.ts';
import { VIEWS } from '../metrics/index.ts';
import type { MetricParams } from '../metrics/params.ts';
import { stageDeals, stageDealsCount, type StageDealRow, type StageDealsParams } from '../metrics/stageDeals.ts';
import type { ViewState } from '../state/viewState.ts';

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
export function dealListParams(params: MetricParams, state: ViewState & { stage: string }, all = false): StageDealsParams {
  const page = { limit: DEALS_PER_PAGE, offset: (state.page - 1) * DEALS_PER_PAGE };
  return { ...params, stage: state.stage, list: state.deals, sort: state.sort, dir: state.dir, ...(all ? {} : page) };
}

export async function loadFunnelPage(engine: SqlEngine, params: MetricParams, state: ViewState, signal?: AbortSignal): Promise<FunnelPageView> {
  const funnel = await engine.all(VIEWS.funnel.build(params), signal);
  const stage = state.stage;
  if (!stage) return { funnel, deals: null };
  const list = dealListParams(params, { ...state, stage });
  const [count] = await engine.all(stageDealsCount(list), signal);
  const total = { deals: Number(count?.deals ?? 0), amount: Number(count?.amount ?? 0) };
  const pages = Math.max(1, Math.ceil(total.deals / DEALS_PER_PAGE));
  // A link to page 9 of a list that has since shrunk shows its last page rather than nothing.
  const page = Math.min(state.page, pages);
  const rows = await engine.all(stageDeals(dealListParams(params, { ...state, stage, page })), signal);
  return { funnel, deals: { stage, list: state.deals, total, page, pages, rows } };
}

/** Every deal of the list in the list's order, for the CSV download. */
export async function loadDealListCsvRows(engine: SqlEngine, params: MetricParams, state: ViewState & { stage: string }): Promise<StageDealRow[]> {
  return await engine.all(stageDeals(dealListParams(params, state, true)));
}
