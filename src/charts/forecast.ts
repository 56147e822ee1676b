import * as Plot from '@observablehq/plot';
import type { ForecastMonth } from '../dashboards/overview.ts';
import { COLORS, type ChartContext } from './context.ts';

interface Segment {
  readonly month: string;
  readonly series: string;
  readonly value: number;
}

/** Stacked bars per close month (won so far + weighted open pipeline) against the month's target. */
export function forecastChart(months: readonly ForecastMonth[], { fmt, t, currency, width }: ChartContext): Plot.PlotOptions {
  const label = (m: ForecastMonth) => (m.month ? fmt.month(m.month) : t('table.no_date'));
  const domain = months.map(label);
  const won = t('chart.forecast.won');
  const weighted = t('chart.forecast.weighted');
  const segments: Segment[] = months.flatMap((m) => [
    { month: label(m), series: won, value: m.won },
    { month: label(m), series: weighted, value: m.weighted },
  ]);
  const targets = months.filter((m) => m.target !== null).map((m) => ({ month: label(m), target: m.target as number }));
  const crowded = domain.length * 56 > width;
  return {
    width,
    height: 300,
    marginLeft: 64,
    marginBottom: crowded ? 64 : 32,
    ariaLabel: t('chart.forecast.title'),
    ariaDescription: t('chart.forecast.desc', { months: fmt.count(months.length), currency: currency || '—' }),
    style: { fontSize: '12px', background: 'transparent' },
    x: { domain, label: null, tickRotate: crowded ? -45 : 0, padding: 0.2 },
    y: { label: t('chart.forecast.y', { currency: currency || '—' }), grid: true, tickFormat: (d: number) => fmt.moneyShort(d) },
    color: { domain: [won, weighted], range: [COLORS.secondary, COLORS.primary] },
    marks: [
      Plot.barY(segments, { x: 'month', y: 'value', fill: 'series' }),
      Plot.tickY(targets, { x: 'month', y: 'target', stroke: COLORS.target, strokeWidth: 3 }),
      Plot.ruleY([0]),
    ],
  };
}
