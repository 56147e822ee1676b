import * as Plot from '@observablehq/plot';
import type { FunnelRow } from '../metrics/funnel.ts';
import { COLORS, labelMargin, type ChartContext } from './context.ts';

/**
 * Horizontal funnel: one bar per step, labelled with its count and the share of the top that got there.
 * With `stageHref`, each bar links to that stage's deal list (the page intercepts the click when live).
 */
export function funnelChart(rows: readonly FunnelRow[], { fmt, t, width }: ChartContext, stageHref?: Readonly<Record<string, string>>): Plot.PlotOptions {
  const stages = rows.map((r) => r.stage);
  const top = rows[0]?.reached ?? 0;
  const won = rows.find((r) => r.kind === 'won')?.reached ?? 0;
  return {
    width,
    height: Math.max(140, 34 * rows.length + 64),
    marginBottom: 44,
    marginLeft: labelMargin(stages),
    marginRight: 110,
    ariaLabel: t('chart.funnel.title'),
    ariaDescription: t('chart.funnel.desc', { top: fmt.count(top), won: fmt.count(won) }),
    style: { fontSize: '12px', background: 'transparent' },
    x: { label: t('chart.funnel.x'), labelAnchor: 'center', labelArrow: 'none', grid: true, tickFormat: (d: number) => fmt.count(d) },
    y: { label: null, domain: stages },
    marks: [
      Plot.barX(rows, {
        y: 'stage',
        x: 'reached',
        fill: (r: FunnelRow) => (r.kind === 'won' ? COLORS.secondary : COLORS.primary),
        ...(stageHref ? { href: (r: FunnelRow) => stageHref[r.stage] ?? null, ariaLabel: (r: FunnelRow) => t('drill.select', { stage: r.stage }) } : {}),
      }),
      Plot.text(rows, {
        y: 'stage',
        x: 'reached',
        text: (r: FunnelRow) => `${fmt.count(r.reached)} · ${fmt.percent(r.conv_from_top)}`,
        textAnchor: 'start',
        dx: 4,
        fill: 'currentColor',
      }),
      Plot.ruleX([0]),
    ],
  };
}
