import type * as Plot from '@observablehq/plot';
import type { FunnelRow } from '../metrics/funnel.ts';
import { barsChart, type BarsSpec } from './bars.ts';
import { boxChart, type BoxSpec } from './box.ts';
import type { ChartContext } from './context.ts';
import { groupedChart, type GroupedSpec } from './grouped.ts';
import { linesChart, type LinesSpec } from './lines.ts';
import { matrixChart, type MatrixSpec } from './matrix.ts';
import { timelineChart, type TimelineSpec } from './timeline.ts';
import { forecastChart, type ForecastMonth } from './forecast.ts';
import { funnelChart } from './funnel.ts';
import { regionAttainmentChart, type RegionAttainment } from './regionAttainment.ts';

/** A chart as data: which one and its rows. Pages build these; the build and the browser draw them alike. */
export type ChartSpec =
  | {
      readonly kind: 'funnel';
      readonly rows: readonly FunnelRow[];
      readonly stageHref?: Readonly<Record<string, string>>;
      /** Stage → pipeline, in a model with several pipelines. */
      readonly pipelineOf?: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'forecast'; readonly months: readonly ForecastMonth[]; readonly asOfMonth: string }
  | { readonly kind: 'regions'; readonly regions: readonly RegionAttainment[]; readonly span: string }
  | BarsSpec
  | MatrixSpec
  | BoxSpec
  | LinesSpec
  | GroupedSpec
  | TimelineSpec;

export function chartOptions(spec: ChartSpec, ctx: ChartContext): Plot.PlotOptions {
  switch (spec.kind) {
    case 'funnel':
      return funnelChart(spec.rows, ctx, spec.stageHref, spec.pipelineOf);
    case 'forecast':
      return forecastChart(spec.months, spec.asOfMonth, ctx);
    case 'regions':
      return regionAttainmentChart(spec.regions, spec.span, ctx);
    case 'bars':
      return barsChart(spec, ctx);
    case 'matrix':
      return matrixChart(spec, ctx);
    case 'box':
      return boxChart(spec, ctx);
    case 'lines':
      return linesChart(spec, ctx);
    case 'grouped':
      return groupedChart(spec, ctx);
    case 'timeline':
      return timelineChart(spec, ctx);
  }
}
