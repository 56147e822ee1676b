import { describe, expect, it } from 'vitest';
import type { OverviewView } from '../../../src/dashboards/overview.ts';
import { kpiTiles } from '../../../src/dashboards/tiles.ts';
import { makeFormat } from '../../../src/i18n/format.ts';
import { translator } from '../../../src/i18n/translate.ts';
import type { KpiRow } from '../../../src/metrics/kpis.ts';

const kpis: KpiRow = {
  won_amount: 1_250_000,
  prev_won_amount: 1_000_000,
  won_deals: 25,
  prev_won_deals: 20,
  lost_deals: 75,
  prev_lost_deals: 60,
  win_rate: 0.25,
  prev_win_rate: 0.2,
  avg_deal_size: 50_000,
  prev_avg_deal_size: 50_000,
  avg_sales_cycle_days: 80,
  prev_avg_sales_cycle_days: 90.5,
  open_pipeline: 3_000_000,
  prev_open_pipeline: 3_000_000,
  weighted_pipeline: 900_000,
  prev_weighted_pipeline: 900_000,
  period_from: '2026-01-01',
  period_to: '2026-12-31',
  prev_from: '2025-01-01',
  prev_to: '2025-12-31',
};

const target = (won: number, goal: number) => ({
  scope: 'company' as const,
  granularity: 'year' as const,
  from: '2026-01-01',
  to: '2026-12-31',
  target: goal,
  wonAmount: won,
  attainment: won / goal,
  periods: 1,
});

const view = (k: KpiRow, attainment: OverviewView['figures']['attainment']): OverviewView => ({
  kpis: k,
  funnel: [],
  figures: { attainment, regions: null, forecast: [] },
});

const en = { fmt: makeFormat({ lang: 'en', currency: 'USD', tz: 'UTC' }), t: translator('en') };
const byKey = (tiles: ReturnType<typeof kpiTiles>) => Object.fromEntries(tiles.map((tile) => [tile.key, tile]));

describe('kpiTiles', () => {
  const tiles = byKey(
    kpiTiles(
      view(kpis, { current: target(1_250_000, 1_000_000), previous: target(1_000_000, 1_250_000) }),
      en.fmt,
      en.t,
    ),
  );

  it('shows amounts short with the relative change, up being better', () => {
    expect(tiles.won_amount).toMatchObject({
      value: 1_250_000,
      display: '$1.25M',
      previous: 1_000_000,
      previousText: 'Previous: $1M',
      change: '+25%',
      trend: 'better',
    });
  });

  it('shows rates with their change in percentage points', () => {
    expect(tiles.win_rate).toMatchObject({ display: '25%', change: '+5.0 pts', trend: 'better' });
    // 125% of target now against 80% before: +45 points.
    expect(tiles.attainment).toMatchObject({
      value: 1.25,
      display: '125%',
      detail: '$1.25M of $1M',
      change: '+45.0 pts',
      trend: 'better',
    });
  });

  it('counts a shorter sales cycle as better and says "no change" for an equal figure', () => {
    expect(tiles.avg_sales_cycle_days).toMatchObject({ display: '80.0 days', change: '-10.5 days', trend: 'better' });
    expect(tiles.avg_deal_size).toMatchObject({ change: 'no change', trend: 'flat' });
  });

  it('marks the pipeline as a snapshot instead of a change of zero', () => {
    expect(tiles.open_pipeline).toMatchObject({
      display: '$3M',
      previous: null,
      previousText: 'Snapshot at the data date',
      change: '',
      trend: 'none',
    });
  });

  it('says when the comparison period has no target', () => {
    const t = byKey(kpiTiles(view(kpis, { current: target(1_250_000, 1_000_000), previous: null }), en.fmt, en.t));
    expect(t.attainment).toMatchObject({
      value: 1.25,
      previous: null,
      previousText: 'No target covers the comparison period',
      change: '',
    });
  });

  it('has no comparison for an open-ended period and no attainment without a target', () => {
    const open = { ...kpis, prev_from: null, prev_to: null, prev_won_amount: null, prev_win_rate: null };
    const t = byKey(kpiTiles(view(open, { current: null, previous: null }), en.fmt, en.t));
    expect(t.won_amount).toMatchObject({
      previous: null,
      previousText: 'No comparison for an open-ended period',
      change: '',
      trend: 'none',
    });
    expect(t.attainment).toMatchObject({ value: null, display: '—', detail: 'No target covers this selection' });
  });

  it('speaks Simplified Chinese with the same figures', () => {
    const zh = byKey(
      kpiTiles(
        view(kpis, { current: target(1_250_000, 1_000_000), previous: null }),
        makeFormat({ lang: 'zh-CN', currency: 'USD', tz: 'UTC' }),
        translator('zh-CN'),
      ),
    );
    expect(zh.won_amount).toMatchObject({ label: '赢单金额', value: 1_250_000, display: 'US$125万' });
    expect(zh.avg_sales_cycle_days?.display).toBe('80.0 天');
  });
});
