import * as Plot from '@observablehq/plot';
import { COLORS, fitLabel, labelCap, labelMargin, valueAxis, type ChartContext } from './context.ts';

export type ValueKind = 'money' | 'days' | 'count' | 'percent';

export interface BarRow {
  /** Stable key of the bar (the filter value it stands for). */
  readonly key: string;
  readonly label: string;
  readonly value: number | null;
  /** The same figure for the comparison period, drawn as a tick. */
  readonly previous?: number | null;
  /** Clicking the bar: a cross-filter or a drill-down. */
  readonly href?: string | null;
}

export interface BarsSpec {
  readonly kind: 'bars';
  readonly title: string;
  readonly description: string;
  readonly axis: string;
  readonly valueKind: ValueKind;
  readonly rows: readonly BarRow[];
  /** A reference line (the team average) and what it is. */
  readonly reference?: { readonly value: number; readonly label: string } | undefined;
}

export function formatValue(
  kind: ValueKind,
  value: number | null,
  { fmt, t }: Pick<ChartContext, 'fmt' | 't'>,
): string {
  if (kind === 'money') return fmt.moneyShort(value);
  if (kind === 'days') return value === null ? fmt.days(null) : t('units.days', { value: fmt.days(value) });
  if (kind === 'percent') return fmt.percent(value);
  return fmt.count(value);
}

/** Horizontal bars, one per group in the rows' order, the previous period as a tick, bars linking on. */
export function barsChart(spec: BarsSpec, ctx: ChartContext): Plot.PlotOptions {
  const { width } = ctx;
  const rows = spec.rows.filter((r) => r.value !== null);
  const labels = spec.rows.map((r) => r.label);
  const previous = rows.filter((r) => r.previous !== undefined && r.previous !== null);
  const ref = spec.reference;
  return {
    width,
    height: Math.max(120, 28 * spec.rows.length + 64),
    marginBottom: 44,
    marginLeft: labelMargin(labels, labelCap(width)),
    marginRight: 80,
    ariaLabel: spec.title,
    ariaDescription: spec.description,
    style: { fontSize: '12px', background: 'transparent' },
    x: {
      label: spec.axis,
      labelAnchor: 'center',
      labelArrow: 'none',
      grid: true,
      ...valueAxis([...rows.flatMap((r) => [r.value, r.previous]), ref?.value], ctx.width, 130),
      tickFormat: (d: number) => formatValue(spec.valueKind === 'days' ? 'count' : spec.valueKind, d, ctx),
    },
    y: { label: null, domain: labels, tickFormat: (d: string) => fitLabel(d, labelCap(width)) },
    marks: [
      Plot.barX(rows, {
        y: 'label',
        x: 'value',
        fill: COLORS.primary,
        href: (r: BarRow) => r.href ?? null,
        ariaLabel: (r: BarRow) => `${r.label}: ${formatValue(spec.valueKind, r.value, ctx)}`,
      }),
      Plot.tickX(previous, { y: 'label', x: 'previous', stroke: COLORS.muted, strokeWidth: 3 }),
      Plot.text(rows, {
        pointerEvents: 'none',
        y: 'label',
        x: (r: BarRow) => Math.max(r.value ?? 0, r.previous ?? 0),
        text: (r: BarRow) => formatValue(spec.valueKind, r.value, ctx),
        textAnchor: 'start',
        dx: 4,
        fill: 'currentColor',
      }),
      ...(ref ? [Plot.ruleX([ref.value], { stroke: COLORS.target, strokeWidth: 2, strokeDasharray: '4,3' })] : []),
      Plot.ruleX([0]),
    ],
  };
}
