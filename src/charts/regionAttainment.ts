import * as Plot from '@observablehq/plot';
import { COLORS, labelMargin, valueTicks, type ChartContext } from './context.ts';

/** A region's won amount against its target for the window. */
export interface RegionAttainment {
  readonly region: string;
  readonly target: number;
  readonly wonAmount: number;
  readonly attainment: number | null;
}

/** One bar per region: won as a share of its target, with 100% marked. */
export function regionAttainmentChart(
  regions: readonly RegionAttainment[],
  span: string,
  { fmt, t, width }: ChartContext,
): Plot.PlotOptions {
  const names = regions.map((r) => r.region);
  const scored = regions.filter((r) => r.attainment !== null);
  return {
    width,
    height: Math.max(130, 34 * regions.length + 64),
    marginBottom: 44,
    marginLeft: labelMargin(names),
    marginRight: 60,
    ariaLabel: t('chart.attainment.title'),
    ariaDescription: t('chart.attainment.desc', { span }),
    style: { fontSize: '12px', background: 'transparent' },
    x: {
      label: t('chart.attainment.x'),
      labelAnchor: 'center',
      labelArrow: 'none',
      grid: true,
      ...valueTicks(width, 80),
      tickFormat: (d: number) => fmt.percent(d),
      domain: [0, Math.max(1.25, ...scored.map((r) => r.attainment as number))],
    },
    y: { label: null, domain: names },
    marks: [
      Plot.barX(scored, {
        y: 'region',
        x: 'attainment',
        fill: (r: RegionAttainment) => ((r.attainment as number) >= 1 ? COLORS.secondary : COLORS.primary),
      }),
      Plot.text(scored, {
        y: 'region',
        x: 'attainment',
        text: (r: RegionAttainment) => fmt.percent(r.attainment),
        textAnchor: 'start',
        dx: 4,
        fill: 'currentColor',
      }),
      Plot.ruleX([1], { stroke: COLORS.target, strokeWidth: 2 }),
    ],
  };
}
