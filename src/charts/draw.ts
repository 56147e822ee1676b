import * as Plot from '@observablehq/plot';
import { chartOptions, type ChartSpec } from './index.ts';
import type { ChartContext } from './context.ts';

/** Draws a chart in the browser (the island imports this module only when a chart must be redrawn). */
export function drawChart(spec: ChartSpec, ctx: ChartContext): SVGSVGElement | HTMLElement {
  return Plot.plot(chartOptions(spec, ctx));
}
