import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { chartOptions, type ChartSpec } from '../../../src/charts/index.ts';
import { fitLabel } from '../../../src/charts/context.ts';
import { monthTickStep } from '../../../src/charts/lines.ts';
import { renderSvg } from '../../../src/charts/ssr.ts';
import { makeFormat } from '../../../src/i18n/format.ts';
import { translator } from '../../../src/i18n/translate.ts';

const HOSTILE = '<img src=x onerror=alert(1)> & "quotes"';
const ctx = {
  fmt: makeFormat({ lang: 'en', currency: 'USD', tz: 'UTC' }),
  t: translator('en'),
  currency: 'USD',
  width: 640,
};
const draw = (spec: ChartSpec) =>
  parseHTML(`<!doctype html><html><body>${renderSvg(chartOptions(spec, ctx))}</body></html>`).document;
const hrefs = (doc: Document) => [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'));

describe('drill-down charts drawn at build', () => {
  it('bars: one link per bar in the rows’ order, the previous period as ticks, labels escaped', () => {
    const doc = draw({
      kind: 'bars',
      title: 'Won',
      description: 'd',
      axis: 'Won',
      valueKind: 'money',
      reference: { value: 150, label: 'Average' },
      rows: [
        { key: 'EMEA', label: 'EMEA', value: 200, previous: 100, href: '?region=EMEA' },
        { key: 'x', label: HOSTILE, value: 100, previous: null, href: '?region=x' },
        { key: 'none', label: 'No data', value: null },
      ],
    });
    expect(hrefs(doc)).toEqual(['?region=EMEA', '?region=x']);
    expect(doc.querySelectorAll('script, img')).toHaveLength(0);
    const ticks = [...doc.querySelectorAll('[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toEqual(['EMEA', fitLabel(HOSTILE), 'No data']);
    // Bar labels never take the click meant for the bar under them.
    expect(doc.querySelector('g[aria-label="text"]')?.getAttribute('pointer-events')).toBe('none');
  });

  it('matrix: a cell per product line × region, each linking to both filters', () => {
    const doc = draw({
      kind: 'matrix',
      title: 'M',
      description: 'd',
      valueKind: 'money',
      xs: ['EMEA', 'APAC'],
      ys: ['Platform'],
      cells: [
        { x: 'EMEA', y: 'Platform', value: 10, href: '?region=EMEA&product_line=Platform' },
        { x: 'APAC', y: 'Platform', value: 0, href: '?region=APAC&product_line=Platform' },
      ],
    });
    expect(hrefs(doc)).toEqual(['?region=EMEA&product_line=Platform', '?region=APAC&product_line=Platform']);
    expect([...doc.querySelectorAll('[aria-label="text"] text')].map((t) => t.textContent)).toEqual(['$10', '$0']);
  });

  it('grouped: side by side per stage, or stacked per campaign', () => {
    const rows = [
      { group: 'Proposal', series: 'Alice', value: 20 },
      { group: 'Proposal', series: 'Team', value: 10 },
      { group: 'Proposal', series: 'Company', value: null },
    ];
    const side = draw({
      kind: 'grouped',
      title: 'g',
      description: 'd',
      axis: 'days',
      valueKind: 'days',
      groups: ['Proposal'],
      series: ['Alice', 'Team', 'Company'],
      rows,
      stacked: false,
    });
    expect(side.querySelectorAll('[aria-label="bar"] rect')).toHaveLength(2);
    const stacked = draw({
      kind: 'grouped',
      title: 'g',
      description: 'd',
      axis: 'won',
      valueKind: 'money',
      groups: ['C1'],
      series: ['VIP', 'Key'],
      stacked: true,
      rows: [
        { group: 'C1', series: 'VIP', value: 5, href: '?tier=VIP' },
        { group: 'C1', series: 'Key', value: 3, href: '?tier=Key' },
      ],
    });
    expect(hrefs(stacked)).toEqual(['?tier=VIP', '?tier=Key']);
  });

  it('box, lines and timeline draw from the rows the SQL gave', () => {
    const box = draw({
      kind: 'box',
      title: 'b',
      description: 'd',
      axis: 'days',
      rows: [{ label: 'Opp → win', p10: 5, p25: 10, median: 20, p75: 30, p90: 50, mean: 25, deals: 9 }],
    });
    expect(box.querySelectorAll('[aria-label="dot"] circle')).toHaveLength(1);
    const lines = draw({
      kind: 'lines',
      title: 'l',
      description: 'd',
      axis: 'days',
      series: ['A'],
      points: [
        { series: 'A', month: '2026-01', value: 3 },
        { series: 'A', month: '2026-03', value: 5 },
      ],
    });
    expect(lines.querySelectorAll('[aria-label="line"] path')).toHaveLength(1);
    const timeline = draw({
      kind: 'timeline',
      title: 't',
      description: 'd',
      stages: ['Prospecting', 'Proposal', 'Won'],
      stints: [
        {
          seq: 1,
          stage: 'Prospecting',
          kind: 'open',
          start: '2026-01-01T00:00:00.000Z',
          end: '2026-01-05T00:00:00.000Z',
          days: 4,
        },
        {
          seq: 2,
          stage: 'Won',
          kind: 'won',
          start: '2026-01-05T00:00:00.000Z',
          end: '2026-01-05T00:00:00.000Z',
          days: null,
        },
      ],
    });
    expect([...timeline.querySelectorAll('[aria-label="text"] text')].map((t) => t.textContent)).toEqual(['4.0 days']);
  });

  it('labels every month while they fit, else every 2nd, 3rd, 6th or 12th month, or every few years', () => {
    const months = Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
    const points = months.map((month, i) => ({ series: 'A', month, value: i }));
    const labels = (width: number) => {
      const doc = parseHTML(
        `<!doctype html><html><body>${renderSvg(chartOptions({ kind: 'lines', title: 'l', description: 'd', axis: 'days', series: ['A'], points }, { ...ctx, width }))}</body></html>`,
      ).document;
      return [...doc.querySelectorAll('[aria-label="x-axis tick label"] text')].map((t) => t.textContent);
    };
    // 840 − 80 px of margins hold ten labels of 76 px; 470 px hold five; a phone's 340 px hold two (four need 304).
    expect(labels(840)).toHaveLength(10);
    expect(labels(470)).toEqual(['Jan 2026', 'Mar 2026', 'May 2026', 'Jul 2026', 'Sep 2026']);
    expect(labels(340)).toEqual(['Jan 2026', 'Jul 2026']);
    expect(monthTickStep([], 100)).toBe(1);
    // 84 months on 300 px: 7 yearly labels need 532 px, labels every 2 years 304 — so every 3rd year.
    expect(monthTickStep(['2020-01', '2026-12'], 300)).toBe(36);
    expect(monthTickStep(['2020-01', '2026-12'], 600)).toBe(12);
  });

  it('fits long labels to the margin with an ellipsis, CJK counted double', () => {
    expect(fitLabel('Short')).toBe('Short');
    expect(fitLabel('2025 Q4 Content: "State of Sales" e-book, extended edition')).toMatch(/…$/);
    expect(fitLabel('成都智远能源有限公司成都智远能源有限公司')).toMatch(/…$/);
  });
});
