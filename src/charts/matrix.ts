import * as Plot from '@observablehq/plot';
import { formatValue, type ValueKind } from './bars.ts';
import { labelMargin, type ChartContext } from './context.ts';

export interface MatrixCell {
  readonly x: string;
  readonly y: string;
  readonly value: number;
  readonly href?: string | null;
}

export interface MatrixSpec {
  readonly kind: 'matrix';
  readonly title: string;
  readonly description: string;
  readonly valueKind: ValueKind;
  readonly xs: readonly string[];
  readonly ys: readonly string[];
  readonly cells: readonly MatrixCell[];
}

/** A heatmap (product line × region): darker is more; every cell carries its value and links on. */
export function matrixChart(spec: MatrixSpec, ctx: ChartContext): Plot.PlotOptions {
  const max = Math.max(0, ...spec.cells.map((c) => c.value));
  return {
    width: ctx.width,
    height: Math.max(140, 40 * spec.ys.length + 70),
    marginLeft: labelMargin(spec.ys),
    marginBottom: 40,
    padding: 0.04,
    ariaLabel: spec.title,
    ariaDescription: spec.description,
    style: { fontSize: '12px', background: 'transparent' },
    x: { domain: [...spec.xs], label: null, axis: 'top' },
    y: { domain: [...spec.ys], label: null },
    color: { type: 'linear', domain: [0, max || 1], range: ['#eef2ff', '#4338ca'] },
    marks: [
      Plot.cell(spec.cells, {
        x: 'x',
        y: 'y',
        fill: 'value',
        href: (c: MatrixCell) => c.href ?? null,
        ariaLabel: (c: MatrixCell) => `${c.y} · ${c.x}: ${formatValue(spec.valueKind, c.value, ctx)}`,
      }),
      Plot.text(spec.cells, {
        pointerEvents: 'none',
        x: 'x',
        y: 'y',
        text: (c: MatrixCell) => formatValue(spec.valueKind, c.value, ctx),
        fill: (c: MatrixCell) => (c.value > max * 0.55 ? 'white' : '#1e1b4b'),
      }),
    ],
  };
}
