import * as Plot from '@observablehq/plot';
import { SERIES, valueAxis, type ChartContext } from './context.ts';

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

/** Room one month label takes ("Sep 2026", "2026年9月") with a gap. */
const MONTH_LABEL_PX = 76;
const MONTH_STEPS = [1, 2, 3, 6, 12] as const;

/** The smallest step of months whose labels fit side by side across the plot; whole years past 12. */
export function monthTickStep(months: readonly string[], plotWidth: number): number {
  if (months.length === 0) return 1;
  const index = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  const sorted = [...months].sort();
  const span = index(sorted[sorted.length - 1]!) - index(sorted[0]!) + 1;
  const fits = (step: number): boolean => Math.ceil(span / step) * MONTH_LABEL_PX <= plotWidth;
  const step = MONTH_STEPS.find(fits);
  if (step !== undefined) return step;
  let years = 2;
  while (!fits(12 * years) && 12 * years < span) years++;
  return 12 * years;
}

/** A trend per month, one line per series, months as dates so gaps stay gaps in time. */
export function linesChart(spec: LinesSpec, ctx: ChartContext): Plot.PlotOptions {
  const { fmt } = ctx;
  const points = spec.points.map((p) => ({ ...p, date: new Date(`${p.month}-01T00:00:00Z`) }));
  const [height, marginTop, marginBottom, marginLeft, marginRight] = [280, 20, 36, 56, 24];
  const step = monthTickStep(
    spec.points.map((p) => p.month),
    ctx.width - marginLeft - marginRight,
  );
  return {
    width: ctx.width,
    height,
    marginTop,
    marginLeft,
    marginRight,
    marginBottom,
    ariaLabel: spec.title,
    ariaDescription: spec.description,
    style: { fontSize: '12px', background: 'transparent' },
    x: {
      type: 'utc',
      label: null,
      ticks: step === 1 ? 'month' : `${step} months`,
      tickFormat: (d: Date) => fmt.month(d.toISOString()),
    },
    y: {
      label: spec.axis,
      grid: true,
      zero: true,
      ...valueAxis(
        spec.points.map((p) => p.value),
        height - marginTop - marginBottom,
        35,
      ),
      tickFormat: (d: number) => fmt.count(d),
    },
    color: { domain: [...spec.series], range: SERIES.slice(0, spec.series.length), legend: true },
    marks: [
      Plot.lineY(points, { x: 'date', y: 'value', stroke: 'series', strokeWidth: 2 }),
      Plot.dot(points, { x: 'date', y: 'value', fill: 'series', r: 3 }),
      Plot.ruleY([0]),
    ],
  };
}
