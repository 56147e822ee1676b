import * as Plot from '@observablehq/plot';
import { COLORS, labelMargin, valueAxis, type ChartContext } from './context.ts';

export interface BoxRow {
  readonly label: string;
  readonly p10: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  readonly p90: number;
  readonly mean: number;
  readonly deals: number;
}

export interface BoxSpec {
  readonly kind: 'box';
  readonly title: string;
  readonly description: string;
  readonly axis: string;
  readonly rows: readonly BoxRow[];
}

/**
 * Box plots from quantiles the SQL computed (the raw durations never leave the database): whiskers from
 * the 10th to the 90th percentile, the box the middle half, a white tick the median, a dot the mean.
 */
export function boxChart(spec: BoxSpec, ctx: ChartContext): Plot.PlotOptions {
  const { fmt, t } = ctx;
  const labels = spec.rows.map((r) => r.label);
  return {
    width: ctx.width,
    height: Math.max(120, 44 * spec.rows.length + 60),
    marginLeft: labelMargin(labels),
    marginRight: 20,
    marginBottom: 44,
    ariaLabel: spec.title,
    ariaDescription: spec.description,
    style: { fontSize: '12px', background: 'transparent' },
    x: {
      label: spec.axis,
      labelAnchor: 'center',
      labelArrow: 'none',
      grid: true,
      ...valueAxis(
        spec.rows.flatMap((r) => [r.p10, r.p90, r.mean]),
        ctx.width,
        130,
      ),
      tickFormat: (d: number) => fmt.count(d),
    },
    y: { label: null, domain: labels },
    marks: [
      Plot.ruleY(spec.rows, { y: 'label', x1: 'p10', x2: 'p90', stroke: COLORS.muted }),
      Plot.barX(spec.rows, { y: 'label', x1: 'p25', x2: 'p75', fill: COLORS.primary, insetTop: 6, insetBottom: 6 }),
      Plot.tickX(spec.rows, { y: 'label', x: 'median', stroke: 'white', strokeWidth: 2, insetTop: 6, insetBottom: 6 }),
      Plot.dot(spec.rows, {
        y: 'label',
        x: 'mean',
        fill: COLORS.target,
        r: 4,
        title: (r: BoxRow) => t('units.days', { value: fmt.days(r.mean) }),
      }),
      Plot.ruleX([0]),
    ],
  };
}
