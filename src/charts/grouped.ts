import * as Plot from '@observablehq/plot';
import { formatValue, type ValueKind } from './bars.ts';
import { fitLabel, labelCap, labelMargin, SERIES, valueAxis, type ChartContext } from './context.ts';

export interface GroupedRow {
  /** The band (a stage, a campaign). */
  readonly group: string;
  /** The bar within it (this rep / team / company; a tier). */
  readonly series: string;
  readonly value: number | null;
  readonly href?: string | null;
}

export interface GroupedSpec {
  readonly kind: 'grouped';
  readonly title: string;
  readonly description: string;
  readonly axis: string;
  readonly valueKind: ValueKind;
  readonly groups: readonly string[];
  readonly series: readonly string[];
  readonly rows: readonly GroupedRow[];
  /** Side by side (compare series) or stacked (parts of a whole). */
  readonly stacked: boolean;
}

/**
 * Bars per group and series. Side by side, "this rep's deals sit twice as long in Proposal" reads at a
 * glance; stacked, the parts of each group's total (won amount per account tier).
 */
export function groupedChart(spec: GroupedSpec, ctx: ChartContext): Plot.PlotOptions {
  const rows = spec.rows.filter((r) => r.value !== null);
  const color = { domain: [...spec.series], range: SERIES.slice(0, spec.series.length), legend: true };
  const common = {
    width: ctx.width,
    marginLeft: labelMargin(spec.groups, labelCap(ctx.width)),
    marginRight: 60,
    marginBottom: 44,
    ariaLabel: spec.title,
    ariaDescription: spec.description,
    style: { fontSize: '12px', background: 'transparent' },
    color,
  };
  const mark = {
    x: 'value',
    fill: 'series',
    href: (r: GroupedRow) => r.href ?? null,
    ariaLabel: (r: GroupedRow) => `${r.group} · ${r.series}: ${formatValue(spec.valueKind, r.value, ctx)}`,
  };
  const axis = {
    label: spec.axis,
    labelAnchor: 'center' as const,
    labelArrow: 'none' as const,
    grid: true,
    ...valueAxis(
      rows.map((r) => r.value),
      ctx.width,
      130,
    ),
    tickFormat: (d: number) => formatValue(spec.valueKind === 'days' ? 'count' : spec.valueKind, d, ctx),
  };
  if (spec.stacked) {
    return {
      ...common,
      height: Math.max(120, 28 * spec.groups.length + 70),
      x: axis,
      y: { label: null, domain: [...spec.groups], tickFormat: (d: string) => fitLabel(d, labelCap(ctx.width)) },
      marks: [Plot.barX(rows, Plot.stackX({ ...mark, y: 'group', order: [...spec.series] })), Plot.ruleX([0])],
    };
  }
  return {
    ...common,
    height: Math.max(140, 16 * spec.series.length * spec.groups.length + 24 * spec.groups.length + 60),
    x: axis,
    y: { label: null, domain: [...spec.series], axis: null },
    fy: { label: null, domain: [...spec.groups], tickFormat: (d: string) => fitLabel(d, labelCap(ctx.width)) },
    marks: [
      Plot.barX(rows, { ...mark, y: 'series', fy: 'group' }),
      Plot.text(rows, {
        pointerEvents: 'none',
        y: 'series',
        fy: 'group',
        x: 'value',
        text: (r: GroupedRow) => formatValue(spec.valueKind, r.value, ctx),
        textAnchor: 'start',
        dx: 3,
        fill: 'currentColor',
        fontSize: 10,
      }),
      Plot.ruleX([0]),
    ],
  };
}
