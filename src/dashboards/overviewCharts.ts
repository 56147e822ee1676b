import type { ChartSpec } from '../charts/index.ts';
import type { Format } from '../i18n/format.ts';
import type { Translate } from '../i18n/translate.ts';
import type { SiteContext } from '../site/context.ts';
import { serializeViewState, withStage, type ViewState } from '../state/viewState.ts';
import type { FunnelRow } from '../metrics/funnel.ts';
import type { OverviewView } from './overview.ts';

/** Link from a funnel stage to its deal list on the funnel page, with every filter in force. */
export function stageLinks(site: SiteContext, state: ViewState, rows: readonly FunnelRow[], page: 'overview' | 'funnel'): Record<string, string> {
  const path = page === 'funnel' ? '' : `${site.base}funnel/`;
  return Object.fromEntries(rows.map((r) => [r.stage, `${path}?${serializeViewState(withStage(state, r.stage))}`]));
}

/** Stage → pipeline when the model has pipelines (the funnel chart heads each pipeline's steps). */
function stagePipelines(site: SiteContext): Record<string, string> | undefined {
  const named = site.stages.filter((s) => s.pipeline !== null);
  return named.length === 0 ? undefined : Object.fromEntries(named.map((s) => [s.stage, s.pipeline!]));
}

/** The funnel chart of a page: its rows, each bar linking to the stage's deal list, pipelines headed. */
export function funnelChartSpec(site: SiteContext, state: ViewState, rows: readonly FunnelRow[], page: 'overview' | 'funnel'): ChartSpec {
  const pipelineOf = stagePipelines(site);
  return { kind: 'funnel', rows, stageHref: stageLinks(site, state, rows, page), ...(pipelineOf ? { pipelineOf } : {}) };
}

export interface OverviewCharts {
  readonly funnel: ChartSpec;
  readonly forecast: ChartSpec;
  readonly regions: ChartSpec | null;
}

/** The overview's charts as data: built the same way for the prerender and for every browser redraw. */
export function overviewCharts(view: OverviewView, site: SiteContext, state: ViewState, fmt: Format, t: Translate): OverviewCharts {
  const regions = view.figures.regions;
  return {
    funnel: funnelChartSpec(site, state, view.funnel, 'overview'),
    forecast: { kind: 'forecast', months: view.figures.forecast, asOfMonth: site.asOfDate.slice(0, 7) },
    regions: regions
      ? { kind: 'regions', regions: regions.regions, span: t('period.range', { from: fmt.date(regions.selection.from), to: fmt.date(regions.selection.to) }) }
      : null,
  };
}
