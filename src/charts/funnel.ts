import * as Plot from '@observablehq/plot';
import type { FunnelRow } from '../metrics/funnel.ts';
import { COLORS, labelMargin, valueAxis, type ChartContext } from './context.ts';

/** Marks a y-axis row that heads a pipeline's steps instead of holding a bar. */
const HEADING = '\u0000';

/**
 * The y-axis rows: the steps in funnel order and, when they span several pipelines, a heading row named
 * after each pipeline above its steps, so one chart reads as one funnel per pipeline.
 */
function stepRows(rows: readonly FunnelRow[], pipelineOf: Readonly<Record<string, string>> | undefined): string[] {
  const pipelines = new Set(rows.map((r) => pipelineOf?.[r.stage]).filter((p) => p !== undefined));
  if (pipelines.size < 2) return rows.map((r) => r.stage);
  let current: string | undefined;
  return rows.flatMap((r) => {
    const pipeline = pipelineOf![r.stage]!;
    if (pipeline === current) return [r.stage];
    current = pipeline;
    return [`${HEADING}${pipeline}`, r.stage];
  });
}

/**
 * Horizontal funnel: one bar per step, labelled with its count and the share of the top that got there.
 * With `stageHref`, each bar links to that stage's deal list (the page intercepts the click when live).
 * `pipelineOf` (stage → pipeline) heads each pipeline's steps when the rows span several.
 */
export function funnelChart(
  rows: readonly FunnelRow[],
  { fmt, t, width }: ChartContext,
  stageHref?: Readonly<Record<string, string>>,
  pipelineOf?: Readonly<Record<string, string>>,
): Plot.PlotOptions {
  const domain = stepRows(rows, pipelineOf);
  const stages = domain.map((d) => d.replace(HEADING, ''));
  // Each pipeline's first step (no previous step) holds its whole population; summed, the top of all funnels.
  const top = rows.filter((r) => r.kind === 'open' && r.conv_from_prev === null).reduce((sum, r) => sum + r.reached, 0);
  const won = rows.filter((r) => r.kind === 'won').reduce((sum, r) => sum + r.reached, 0);
  return {
    width,
    height: Math.max(140, 34 * domain.length + 64),
    marginBottom: 44,
    marginLeft: labelMargin(stages),
    marginRight: 110,
    ariaLabel: t('chart.funnel.title'),
    ariaDescription: t('chart.funnel.desc', { top: fmt.count(top), won: fmt.count(won) }),
    style: { fontSize: '12px', background: 'transparent' },
    x: {
      label: t('chart.funnel.x'),
      labelAnchor: 'center',
      labelArrow: 'none',
      grid: true,
      ...valueAxis(
        rows.map((r) => r.reached),
        width,
        80,
      ),
      tickFormat: (d: number) => fmt.count(d),
    },
    y: { label: null, domain, tickFormat: (d: string) => (d.startsWith(HEADING) ? `${d.slice(1)} ▾` : d) },
    marks: [
      Plot.barX(rows, {
        y: 'stage',
        x: 'reached',
        fill: (r: FunnelRow) => (r.kind === 'won' ? COLORS.secondary : COLORS.primary),
        ...(stageHref
          ? {
              href: (r: FunnelRow) => stageHref[r.stage] ?? null,
              ariaLabel: (r: FunnelRow) => t('drill.select', { stage: r.stage }),
            }
          : {}),
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
