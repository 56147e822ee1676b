import * as Plot from '@observablehq/plot';
import { COLORS, valueAxis, type ChartContext } from './context.ts';

/** One close month of the forecast: the open pipeline dated in it, what is already won in it and its target. */
export interface ForecastMonth {
  /** `YYYY-MM`, or null for open deals without a close date. */
  readonly month: string | null;
  readonly openDeals: number;
  readonly pipeline: number;
  readonly weighted: number;
  /** Already won in that month (same scope as the target); 0 when no target row exists for it. */
  readonly won: number;
  readonly target: number | null;
}

interface Segment {
  readonly month: string;
  readonly series: string;
  readonly value: number;
}

interface Bar {
  readonly label: string;
  readonly won: number;
  readonly weighted: number;
  readonly target: number | null;
}

/**
 * The chart's bars: every open deal dated before the data's month in one "overdue" bar (they need a new
 * date, not a forecast), then one bar per month from the data's month on with what is already won in it
 * and its target, then deals without a close date. The table beside the chart lists every month as is.
 */
function bars(months: readonly ForecastMonth[], asOfMonth: string, { fmt, t }: ChartContext): Bar[] {
  const overdue = months.filter((m) => m.month !== null && m.month < asOfMonth);
  const ahead = months.filter((m) => m.month !== null && m.month >= asOfMonth);
  const undated = months.filter((m) => m.month === null);
  return [
    ...(overdue.length
      ? [
          {
            label: t('chart.forecast.overdue'),
            won: 0,
            weighted: overdue.reduce((s, m) => s + m.weighted, 0),
            target: null,
          },
        ]
      : []),
    ...ahead.map((m) => ({ label: fmt.month(m.month), won: m.won, weighted: m.weighted, target: m.target })),
    ...undated.map((m) => ({ label: t('table.no_date'), won: 0, weighted: m.weighted, target: null })),
  ];
}

/** Stacked bars per close month (won so far + weighted open pipeline) against the month's target. */
export function forecastChart(
  months: readonly ForecastMonth[],
  asOfMonth: string,
  ctx: ChartContext,
): Plot.PlotOptions {
  const { fmt, t, currency, width } = ctx;
  const shown = bars(months, asOfMonth, ctx);
  const domain = shown.map((b) => b.label);
  const won = t('chart.forecast.won');
  const weighted = t('chart.forecast.weighted');
  const segments: Segment[] = shown.flatMap((b) => [
    { month: b.label, series: won, value: b.won },
    { month: b.label, series: weighted, value: b.weighted },
  ]);
  const targets = shown.filter((b) => b.target !== null).map((b) => ({ month: b.label, target: b.target as number }));
  const crowded = domain.length * 56 > width;
  const [height, marginTop, marginBottom] = [300, 20, crowded ? 80 : 32];
  return {
    width,
    height,
    marginTop,
    marginLeft: 64,
    marginBottom,
    ariaLabel: t('chart.forecast.title'),
    ariaDescription: t('chart.forecast.desc', { months: fmt.count(shown.length), currency: currency || '—' }),
    style: { fontSize: '12px', background: 'transparent' },
    x: { domain, label: null, tickRotate: crowded ? -45 : 0, padding: 0.2 },
    y: {
      label: t('chart.forecast.y', { currency: currency || '—' }),
      grid: true,
      ...valueAxis(
        [...shown.map((b) => b.won + b.weighted), ...targets.map((b) => b.target)],
        height - marginTop - marginBottom,
        35,
      ),
      tickFormat: (d: number) => fmt.moneyShort(d),
    },
    color: { domain: [won, weighted], range: [COLORS.secondary, COLORS.primary] },
    marks: [
      Plot.barY(segments, { x: 'month', y: 'value', fill: 'series' }),
      Plot.tickY(targets, { x: 'month', y: 'target', stroke: COLORS.target, strokeWidth: 3 }),
      Plot.ruleY([0]),
    ],
  };
}
