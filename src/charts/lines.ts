import * as Plot from '@observablehq/plot';
import { SERIES, type ChartContext } from './context.ts';

export interface LinePoint {
  readonly series: string;
  /** `YYYY-MM`. */
  readonly month: string;
  readonly value: number;
}

export interface LinesSpec {
  readonly kind: 'lines';
  readonly title: string;
  readonly description: string;
  readonly axis: string;
  readonly series: readonly string[];
  readonly points: readonly LinePoint[];
}


/** A trend per month, one line per series, months as dates so gaps stay gaps in time. */
export function linesChart(spec: LinesSpec, ctx: ChartContext): Plot.PlotOptions {
  const { fmt } = ctx;
  const points = spec.points.map((p) => ({ ...p, date: new Date(`${p.month}-01T00:00:00Z`) }));
  return {
    width: ctx.width,
    height: 280,
    marginLeft: 56,
    marginRight: 24,
    marginBottom: 36,
    ariaLabel: spec.title,
    ariaDescription: spec.description,
    style: { fontSize: '12px', background: 'transparent' },
    x: { type: 'utc', label: null, tickFormat: (d: Date) => fmt.month(d.toISOString()) },
    y: { label: spec.axis, grid: true, zero: true, tickFormat: (d: number) => fmt.count(d) },
    color: { domain: [...spec.series], range: SERIES.slice(0, spec.series.length), legend: true },
    marks: [
      Plot.lineY(points, { x: 'date', y: 'value', stroke: 'series', strokeWidth: 2 }),
      Plot.dot(points, { x: 'date', y: 'value', fill: 'series', r: 3 }),
      Plot.ruleY([0]),
    ],
  };
}
