import { describe, expect, it } from 'vitest';
import type { BarsSpec } from '../../../src/charts/bars.ts';
import { CHART_REPS as CYCLE_CHART_REPS, cyclePage, type CycleView } from '../../../src/dashboards/cycle.ts';
import type { PageContext } from '../../../src/dashboards/page.ts';
import { CHART_REPS, repsPage, type RepLine, type RepsView } from '../../../src/dashboards/reps.ts';
import { makeFormat } from '../../../src/i18n/format.ts';
import { translator } from '../../../src/i18n/translate.ts';
import type { BreakdownRow } from '../../../src/metrics/breakdown.ts';
import type { CycleSummaryRow } from '../../../src/metrics/cycleSummary.ts';
import type { SiteContext } from '../../../src/site/context.ts';
import { defaultViewState } from '../../../src/state/viewState.ts';

const REPS = 30;
const site = { base: '/', reps: [] as SiteContext['reps'] } as SiteContext;
const ctx = {
  site,
  state: defaultViewState(),
  t: translator('en'),
  fmt: makeFormat({ lang: 'en', currency: 'EUR', tz: 'UTC' }),
} as PageContext;

/** Rep i won 1000 − i: the leaderboard's order is R0, R1, … */
const line = (i: number): RepLine => ({
  key: `R${i}`,
  label: `Rep ${i}`,
  row: { owner_id: `R${i}`, won_amount: 1000 - i, prev_won_amount: null } as unknown as BreakdownRow,
  target: null,
  targetWon: null,
  attainment: null,
  team: null,
  activity: null,
  vsAverage: 0,
});

/** Rep i has i + 1 wins, taking 100 − i days on average: the reps with most wins are the fastest. */
const cycleRow = (i: number): CycleSummaryRow => ({
  measure: 'opp_to_win',
  grain: 'rep',
  key: `R${i}`,
  deals: i + 1,
  mean_days: 100 - i,
  median_days: 100 - i,
  p10_days: 0,
  p25_days: 0,
  p75_days: 0,
  p90_days: 0,
  min_days: 0,
  max_days: 0,
});

describe('the per-rep charts of 30 reps', () => {
  it('the leaderboard charts its best sellers, best first, and says how many; its table keeps every rep', () => {
    const reps = Array.from({ length: REPS }, (_, i) => line(i));
    const view: RepsView = { reps, average: 0, pareto: { top: 6, reps: REPS, share: null }, hasActivities: false };
    const chart = repsPage.charts(view, ctx)['reps-won'] as BarsSpec;
    expect(chart.rows.map((r) => r.key)).toEqual(reps.slice(0, CHART_REPS).map((r) => r.key));
    expect(chart.description).toContain(`the ${CHART_REPS} best-selling reps`);
    expect(repsPage.tables!(view, ctx).reps.rows).toHaveLength(REPS);
  });

  it('the cycle page charts the reps with the most wins, fastest first; its table keeps every rep', () => {
    const view: CycleView = { rows: Array.from({ length: REPS }, (_, i) => cycleRow(i)) };
    const chart = cyclePage.charts(view, ctx)['cycle-per-rep'] as BarsSpec;
    const most = Array.from({ length: CYCLE_CHART_REPS }, (_, i) => `R${REPS - 1 - i}`);
    expect(chart.rows.map((r) => r.key)).toEqual(most);
    expect(chart.rows.map((r) => r.value)).toEqual([...chart.rows.map((r) => r.value)].sort((a, b) => a! - b!));
    expect(chart.description).toContain(`the ${CYCLE_CHART_REPS} reps with the most wins`);
    expect(cyclePage.tables!(view, ctx)['reps']!.rows).toHaveLength(REPS);
  });
});
