import * as Plot from '@observablehq/plot';
import { COLORS, labelMargin, type ChartContext } from './context.ts';

export interface TimelineStint {
  readonly seq: number;
  readonly stage: string;
  readonly kind: 'open' | 'won' | 'lost';
  /** ISO instants; `end` is as_of for the current stint. */
  readonly start: string;
  readonly end: string;
  readonly days: number | null;
}

export interface TimelineSpec {
  readonly kind: 'timeline';
  readonly title: string;
  readonly description: string;
  /** Stage names in pipeline order (the y axis). */
  readonly stages: readonly string[];
  readonly stints: readonly TimelineStint[];
}

const KIND_COLOR = { open: COLORS.primary, won: COLORS.secondary, lost: COLORS.muted } as const;

/** A deal's stage entries over time: one bar per stint on its stage's row, re-entries on the same row. */
export function timelineChart(spec: TimelineSpec, ctx: ChartContext): Plot.PlotOptions {
  const { fmt, t } = ctx;
  const stints = spec.stints.map((s) => ({ ...s, from: new Date(s.start), to: new Date(s.end) }));
  return {
    width: ctx.width,
    height: Math.max(120, 30 * spec.stages.length + 60),
    marginLeft: labelMargin(spec.stages),
    marginRight: 80,
    marginBottom: 36,
    ariaLabel: spec.title,
    ariaDescription: spec.description,
    style: { fontSize: '12px', background: 'transparent' },
    x: { type: 'utc', label: null, grid: true },
    y: { label: null, domain: [...spec.stages] },
    marks: [
      Plot.barX(stints, {
        y: 'stage',
        x1: 'from',
        x2: 'to',
        fill: (s: TimelineStint) => KIND_COLOR[s.kind],
        insetTop: 4,
        insetBottom: 4,
      }),
      Plot.dot(stints, { y: 'stage', x: 'from', fill: 'currentColor', r: 2.5 }),
      Plot.text(
        stints.filter((s) => s.days !== null),
        {
          pointerEvents: 'none',
          y: 'stage',
          x: 'to',
          text: (s: TimelineStint) => t('units.days', { value: fmt.days(s.days) }),
          textAnchor: 'start',
          dx: 4,
          fill: 'currentColor',
          fontSize: 10,
        },
      ),
    ],
  };
}
