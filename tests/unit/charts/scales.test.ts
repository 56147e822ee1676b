import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { BarsSpec } from '../../../src/charts/bars.ts';
import type { ForecastMonth } from '../../../src/charts/forecast.ts';
import type { FunnelRow } from '../../../src/metrics/funnel.ts';
import type { BoxSpec } from '../../../src/charts/box.ts';
import type { GroupedSpec } from '../../../src/charts/grouped.ts';
import { chartOptions, type ChartSpec } from '../../../src/charts/index.ts';
import type { LinesSpec } from '../../../src/charts/lines.ts';
import { renderSvg } from '../../../src/charts/ssr.ts';
import { makeFormat } from '../../../src/i18n/format.ts';
import { translator } from '../../../src/i18n/translate.ts';

/**
 * Every mark a chart draws lies within its value axis: a target, an average or a previous-period tick
 * above the tallest bar must still be read against a tick, not float past the last one. The test reads
 * the drawn SVG (what the reader sees), so it holds whatever options a chart builder picks.
 */
type Axis = 'x' | 'y';

const ctx = (width: number) => ({
  fmt: makeFormat({ lang: 'en', currency: 'USD', tz: 'UTC' }),
  t: translator('en'),
  currency: 'USD',
  width,
});

/** The sum of the translate() offsets of an element and its ancestors, along one axis. */
function offset(el: Element | null, axis: Axis): number {
  let sum = 0;
  for (let node = el; node; node = node.parentElement) {
    const match = /translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)\s*\)/.exec(node.getAttribute('transform') ?? '');
    if (match) sum += Number(axis === 'x' ? match[1] : match[2]);
  }
  return sum;
}

/** Where the axis's outermost ticks are, and how far the marks reach along it, in SVG pixels. */
function reach(svgText: string, axis: Axis): { ticks: [number, number]; marks: [number, number]; count: number } {
  const { document } = parseHTML(`<!doctype html><html><body>${svgText}</body></html>`);
  const tickPaths = [...document.querySelectorAll(`g[aria-label="${axis}-axis tick"] path`)];
  expect(tickPaths.length, `${axis} ticks`).toBeGreaterThan(0);
  const ticks = tickPaths.map((p) => offset(p, axis));
  const positions: number[] = [];
  const notMarks = /axis|grid|^text$|legend/;
  for (const group of document.querySelectorAll('svg > g[aria-label], svg g[aria-label="facet"] > g[aria-label]')) {
    if (notMarks.test(group.getAttribute('aria-label') ?? '')) continue;
    for (const el of group.querySelectorAll('rect, line, circle')) {
      const base = offset(el.parentElement, axis) + offset(el, axis) - offset(el.parentElement, axis);
      const n = (name: string) => Number(el.getAttribute(name) ?? 0);
      if (el.tagName.toLowerCase() === 'rect') {
        const start = n(axis);
        const size = n(axis === 'x' ? 'width' : 'height');
        positions.push(base + start, base + start + size);
      } else if (el.tagName.toLowerCase() === 'line') {
        positions.push(base + n(`${axis}1`), base + n(`${axis}2`));
      } else {
        positions.push(base + n(`c${axis}`));
      }
    }
  }
  return {
    ticks: [Math.min(...ticks), Math.max(...ticks)],
    marks: [Math.min(...positions), Math.max(...positions)],
    count: positions.length,
  };
}

function expectMarksWithinTicks(spec: ChartSpec, axis: Axis, width: number): void {
  const { ticks, marks, count } = reach(renderSvg(chartOptions(spec, ctx(width))), axis);
  expect(count, 'marks drawn').toBeGreaterThan(0);
  // Half a pixel: Plot rounds bar edges to whole pixels.
  expect(marks[0], `${spec.kind} at ${width}px: first mark vs first ${axis} tick`).toBeGreaterThanOrEqual(
    ticks[0] - 0.5,
  );
  expect(marks[1], `${spec.kind} at ${width}px: last mark vs last ${axis} tick`).toBeLessThanOrEqual(ticks[1] + 0.5);
}

/** The demo's overview at 1440 px: November's and December's targets stood above the top tick. */
const forecastMonths: ForecastMonth[] = [
  { month: '2026-10', openDeals: 9, pipeline: 2_000_000, weighted: 690_000, won: 0, target: null },
  { month: '2026-11', openDeals: 30, pipeline: 3_000_000, weighted: 1_400_000, won: 0, target: 1_720_000 },
  { month: '2026-12', openDeals: 20, pipeline: 2_500_000, weighted: 1_050_000, won: 0, target: 1_720_000 },
  { month: '2027-01', openDeals: 25, pipeline: 2_800_000, weighted: 1_240_000, won: 0, target: null },
  { month: null, openDeals: 5, pipeline: 600_000, weighted: 270_000, won: 0, target: null },
];
const forecast: ChartSpec = { kind: 'forecast', asOfMonth: '2026-11', months: forecastMonths };

const bars = (reference: number, previous: number): BarsSpec => ({
  kind: 'bars',
  title: 'Won amount per rep',
  description: '',
  axis: 'Won amount',
  valueKind: 'money',
  reference: { value: reference, label: 'Average rep' },
  rows: [
    { key: 'a', label: 'Ada', value: 1_310_000, previous },
    { key: 'b', label: 'Bo', value: 870_000, previous: 400_000 },
    { key: 'c', label: 'Cy', value: 220_000, previous: null },
  ],
});

const regions: ChartSpec = {
  kind: 'regions',
  span: 'Jan 1 – Dec 31, 2026',
  regions: [
    { region: 'EMEA', target: 1_000, wonAmount: 1_370, attainment: 1.37 },
    { region: 'APAC', target: 1_000, wonAmount: 640, attainment: 0.64 },
  ],
};

const grouped = (stacked: boolean): GroupedSpec => ({
  kind: 'grouped',
  title: 'Median days per stage',
  description: '',
  axis: 'Days',
  valueKind: 'days',
  groups: ['Prospecting', 'Proposal'],
  series: ['Rep', 'Team', 'Company'],
  stacked,
  rows: [
    { group: 'Prospecting', series: 'Rep', value: 13.7 },
    { group: 'Prospecting', series: 'Team', value: 11.2 },
    { group: 'Prospecting', series: 'Company', value: 9.1 },
    { group: 'Proposal', series: 'Rep', value: 41.3 },
    { group: 'Proposal', series: 'Team', value: 27.9 },
    { group: 'Proposal', series: 'Company', value: 33.3 },
  ],
});

const box: BoxSpec = {
  kind: 'box',
  title: 'Cycle',
  description: '',
  axis: 'Days',
  rows: [
    { label: 'Lead → opportunity', p10: 1.4, p25: 3.8, median: 9.5, p75: 19.4, p90: 32.1, mean: 13.8, deals: 1500 },
    { label: 'Opportunity → win', p10: 21, p25: 44, median: 81, p75: 133, p90: 197.3, mean: 95, deals: 450 },
  ],
};

const lines: LinesSpec = {
  kind: 'lines',
  title: 'Median days per month',
  description: '',
  axis: 'Median days',
  series: ['A', 'B'],
  points: [
    { series: 'A', month: '2026-01', value: 12.3 },
    { series: 'A', month: '2026-02', value: 87.1 },
    { series: 'B', month: '2026-01', value: 101.7 },
    { series: 'B', month: '2026-03', value: 44 },
  ],
};

const funnelRows: FunnelRow[] = [
  {
    stage: 'Prospecting',
    stage_order: 1,
    kind: 'open',
    reached: 1889,
    reached_amount: 1,
    conv_from_prev: null,
    conv_from_top: 1,
  },
  {
    stage: 'Proposal',
    stage_order: 2,
    kind: 'open',
    reached: 928,
    reached_amount: 1,
    conv_from_prev: 0.49,
    conv_from_top: 0.49,
  },
  {
    stage: 'Closed Won',
    stage_order: 3,
    kind: 'won',
    reached: 316,
    reached_amount: 1,
    conv_from_prev: 0.34,
    conv_from_top: 0.167,
  },
];
const funnel: ChartSpec = { kind: 'funnel', rows: funnelRows };

describe('every mark lies within the value axis’s ticks', () => {
  const cases: [string, ChartSpec, Axis][] = [
    ['forecast: monthly targets above the tallest bar', forecast, 'y'],
    ['bars: an average above every bar', bars(1_730_000, 900_000), 'x'],
    ['bars: a previous period above every bar', bars(500_000, 1_930_000), 'x'],
    ['region attainment: a region past its 125% guide', regions, 'x'],
    ['grouped bars side by side', grouped(false), 'x'],
    ['grouped bars stacked', grouped(true), 'x'],
    ['box plots: the 90th percentile whisker', box, 'x'],
    ['month lines', lines, 'y'],
    ['funnel', funnel, 'x'],
  ];
  for (const [name, spec, axis] of cases) {
    it.each([390, 640, 1000, 1440])(`${name} (%ipx)`, (width) => expectMarksWithinTicks(spec, axis, width));
  }
});

describe('a chart of zeros draws its bars at 0, not across the whole axis', () => {
  // The Maven sample's open deals have no amount: its forecast was one full-height bar reading $0.
  const cases: [string, ChartSpec, Axis][] = [
    [
      'forecast without amounts',
      {
        kind: 'forecast',
        asOfMonth: '2026-11',
        months: forecastMonths.map((m) => ({ ...m, weighted: 0, won: 0, target: null })),
      },
      'y',
    ],
    [
      'bars of a period with nothing won',
      {
        ...bars(0, 0),
        reference: { value: 0, label: 'Average rep' },
        rows: bars(0, 0).rows.map((r) => ({ ...r, value: 0, previous: 0 })),
      },
      'x',
    ],
    ['grouped bars of zeros', { ...grouped(false), rows: grouped(false).rows.map((r) => ({ ...r, value: 0 })) }, 'x'],
    ['a funnel with no deal', { kind: 'funnel', rows: funnelRows.map((r) => ({ ...r, reached: 0 })) }, 'x'],
  ];
  it.each(cases)('%s', (_, spec, axis) => {
    const { ticks, marks } = reach(renderSvg(chartOptions(spec, ctx(640))), axis);
    expect(ticks[0]).toBe(ticks[1]);
    expect(Math.abs(marks[1] - marks[0]), 'the marks’ extent along the value axis').toBeLessThanOrEqual(0.5);
  });
});

describe('every mark lies within the value axis’s ticks, whatever the magnitudes', () => {
  /** A small LCG: the same cases on every run. */
  let seed = 20261206;
  const random = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const magnitude = (): number => Math.round(10 ** (1 + random() * 7) * random());
  it.each(Array.from({ length: 40 }, (_, i) => i))('random case %i', () => {
    const width = 320 + Math.floor(random() * 1200);
    const reference = magnitude();
    const spec: BarsSpec = {
      ...bars(reference, magnitude()),
      rows: bars(0, 0).rows.map((r) => ({ ...r, value: magnitude(), previous: random() < 0.5 ? magnitude() : null })),
    };
    expectMarksWithinTicks(spec, 'x', width);
    const months = forecastMonths.map((m) => ({
      ...m,
      weighted: magnitude(),
      won: magnitude(),
      target: random() < 0.6 ? magnitude() : null,
    }));
    expectMarksWithinTicks({ kind: 'forecast', asOfMonth: '2026-10', months }, 'y', width);
  });
});
