import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { chartOptions, type ChartSpec } from '../../../src/charts/index.ts';
import { renderSvg } from '../../../src/charts/ssr.ts';
import { makeFormat } from '../../../src/i18n/format.ts';
import { translator } from '../../../src/i18n/translate.ts';

const HOSTILE = '<script>alert(1)</script> & "quotes"';
const ctx = (lang: 'en' | 'zh-CN') => ({
  fmt: makeFormat({ lang, currency: 'USD', tz: 'UTC' }),
  t: translator(lang),
  currency: 'USD',
  width: 640,
});

const funnel: ChartSpec = {
  kind: 'funnel',
  rows: [
    {
      stage: 'Prospecting',
      stage_order: 1,
      kind: 'open',
      reached: 10,
      reached_amount: 1000,
      conv_from_prev: null,
      conv_from_top: 1,
    },
    {
      stage: HOSTILE,
      stage_order: 2,
      kind: 'open',
      reached: 6,
      reached_amount: 600,
      conv_from_prev: 0.6,
      conv_from_top: 0.6,
    },
    {
      stage: '赢单',
      stage_order: 3,
      kind: 'won',
      reached: 3,
      reached_amount: 300,
      conv_from_prev: 0.5,
      conv_from_top: 0.3,
    },
  ],
  stageHref: {
    Prospecting: '/funnel/?stage=Prospecting',
    [HOSTILE]: `/funnel/?stage=${encodeURIComponent(HOSTILE)}`,
    赢单: '/funnel/?stage=%E8%B5%A2%E5%8D%95',
  },
};

const forecast: ChartSpec = {
  kind: 'forecast',
  asOfMonth: '2026-11',
  months: [
    { month: '2026-09', openDeals: 2, pipeline: 100, weighted: 40, won: 500, target: 600 },
    { month: '2026-10', openDeals: 1, pipeline: 50, weighted: 10, won: 0, target: null },
    { month: '2026-11', openDeals: 4, pipeline: 400, weighted: 200, won: 300, target: 900 },
    { month: null, openDeals: 1, pipeline: 70, weighted: 7, won: 0, target: null },
  ],
};

/** The SVG parsed back, as a browser would see it. */
const parse = (svg: string) => parseHTML(`<!doctype html><html><body>${svg}</body></html>`).document;

describe('charts drawn at build', () => {
  it('escapes CRM text: a stage named like a script tag stays text, and the SVG has no script element', () => {
    const svg = renderSvg(chartOptions(funnel, ctx('en')));
    const doc = parse(svg);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect([...doc.querySelectorAll('text')].map((t) => t.textContent)).toContain(HOSTILE);
  });

  it('names the chart and describes it for screen readers, in the page language', () => {
    const en = parse(renderSvg(chartOptions(funnel, ctx('en')))).querySelector('svg')!;
    expect(en.getAttribute('aria-label')).toBe('Funnel by stage');
    expect(en.getAttribute('aria-description')).toBe(
      'Horizontal bars: deals created in the period that reached each stage, from 10 at the top to 3 won.',
    );
    const zh = parse(renderSvg(chartOptions(funnel, ctx('zh-CN')))).querySelector('svg')!;
    expect(zh.getAttribute('aria-label')).toBe('各阶段漏斗');
  });

  it('links every funnel bar to its stage’s deal list', () => {
    const links = [...parse(renderSvg(chartOptions(funnel, ctx('en')))).querySelectorAll('a')].map((a) =>
      a.getAttribute('href'),
    );
    expect(links).toEqual(Object.values(funnel.stageHref!));
  });

  it('heads each pipeline’s steps when the funnel spans several pipelines, and sums their tops in the description', () => {
    const twoPipelines: ChartSpec = {
      kind: 'funnel',
      rows: [
        {
          stage: 'Lead',
          stage_order: 10,
          kind: 'open',
          reached: 4,
          reached_amount: 420,
          conv_from_prev: null,
          conv_from_top: 1,
        },
        {
          stage: 'Won NB',
          stage_order: 12,
          kind: 'won',
          reached: 1,
          reached_amount: 200,
          conv_from_prev: 0.25,
          conv_from_top: 0.25,
        },
        {
          stage: 'Renewal due',
          stage_order: 1,
          kind: 'open',
          reached: 3,
          reached_amount: 730,
          conv_from_prev: null,
          conv_from_top: 1,
        },
        {
          stage: 'Renewed',
          stage_order: 3,
          kind: 'won',
          reached: 1,
          reached_amount: 400,
          conv_from_prev: 1 / 3,
          conv_from_top: 1 / 3,
        },
      ],
      pipelineOf: { Lead: 'New business', 'Won NB': 'New business', 'Renewal due': 'Renewals', Renewed: 'Renewals' },
    };
    const doc = parse(renderSvg(chartOptions(twoPipelines, ctx('en'))));
    const ticks = [...doc.querySelectorAll('[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toEqual(['New business ▾', 'Lead', 'Won NB', 'Renewals ▾', 'Renewal due', 'Renewed']);
    expect(doc.querySelector('svg')!.getAttribute('aria-description')).toContain('from 7 at the top to 2 won');
  });

  it('puts overdue months in one bar, then the months from the data’s month, then deals without a date', () => {
    const doc = parse(renderSvg(chartOptions(forecast, ctx('en'))));
    const ticks = [...doc.querySelectorAll('[aria-label="x-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toEqual(['Overdue', 'Nov 2026', 'No close date']);
    // One target tick: November's (September's target is history, October has none).
    expect(doc.querySelectorAll('[aria-label="tick"] line')).toHaveLength(1);
  });
});
