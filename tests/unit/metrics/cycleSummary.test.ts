/**
 * cycle_summary on the `basic` fixture, every opportunity (no window). From cycle_times (cycleTimes.test.ts):
 *   lead→opp: O01 16 (R1, created 2026-01), O02 1.5 (R1, 2026-01), O10 9 (R3, 2026-02)
 *   opp→win:  O01 15.5 (R1, won 2026-01), O09 30 (R1, 2026-02), O10 0 (R3, 2026-02), O12 40 (R3, 2025-12)
 *   lead→win: O01 31.5 (R1, 2026-01), O10 9 (R3, 2026-02)
 * Quantiles are continuous: position h = (n − 1)·q between the sorted values.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { QueryParams } from '../../../src/metrics/query.ts';
import { monthsCte } from '../../../src/metrics/months.ts';
import { approx, closeFixtureModels, fixtureModel, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

const stats = (measure: string, grain: string, key: string | null, deals: number, [mean, median, p10, p25, p75, p90, min, max]: number[]) => ({
  measure, grain, key, deals,
  mean_days: approx(mean!), median_days: approx(median!), p10_days: approx(p10!), p25_days: approx(p25!),
  p75_days: approx(p75!), p90_days: approx(p90!), min_days: approx(min!), max_days: approx(max!),
});
const one = (v: number) => [v, v, v, v, v, v, v, v];
// [1.5, 16]: p10 = 1.5 + 0.1·14.5, p25 = 1.5 + 0.25·14.5 …
const R1_LEAD = [8.75, 8.75, 2.95, 5.125, 12.375, 14.55, 1.5, 16];

describe('cycle_summary', () => {
  it('summarises each measure for everyone, per rep and per month it ended in', async () => {
    expect(await viewRows('basic', 'cycle_summary')).toEqual([
      // [1.5, 9, 16]: h(p10) = 0.2 → 1.5 + 0.2·7.5 = 3; p25 h = 0.5 → 5.25; p75 h = 1.5 → 12.5; p90 h = 1.8 → 14.6
      stats('lead_to_opp', 'all', null, 3, [26.5 / 3, 9, 3, 5.25, 12.5, 14.6, 1.5, 16]),
      stats('lead_to_opp', 'rep', 'R1', 2, R1_LEAD),
      stats('lead_to_opp', 'rep', 'R3', 1, one(9)),
      stats('lead_to_opp', 'month', '2026-01', 2, R1_LEAD),
      stats('lead_to_opp', 'month', '2026-02', 1, one(9)),
      // [0, 15.5, 30, 40]: p10 h = 0.3 → 4.65; p25 h = 0.75 → 11.625; p75 h = 2.25 → 32.5; p90 h = 2.7 → 37
      stats('opp_to_win', 'all', null, 4, [21.375, 22.75, 4.65, 11.625, 32.5, 37, 0, 40]),
      stats('opp_to_win', 'rep', 'R1', 2, [22.75, 22.75, 16.95, 19.125, 26.375, 28.55, 15.5, 30]),
      stats('opp_to_win', 'rep', 'R3', 2, [20, 20, 4, 10, 30, 36, 0, 40]),
      stats('opp_to_win', 'month', '2025-12', 1, one(40)),
      stats('opp_to_win', 'month', '2026-01', 1, one(15.5)),
      stats('opp_to_win', 'month', '2026-02', 2, [15, 15, 3, 7.5, 22.5, 27, 0, 30]),
      stats('lead_to_win', 'all', null, 2, [20.25, 20.25, 11.25, 14.625, 25.875, 29.25, 9, 31.5]),
      stats('lead_to_win', 'rep', 'R1', 1, one(31.5)),
      stats('lead_to_win', 'rep', 'R3', 1, one(9)),
      stats('lead_to_win', 'month', '2026-01', 1, one(31.5)),
      stats('lead_to_win', 'month', '2026-02', 1, one(9)),
    ]);
  });

  it('takes the population of cycle_times: filters and created in the window', async () => {
    // Created in February: O10 only (O04, O06, O11 have no lead and are not won).
    const rows = await viewRows('basic', 'cycle_summary', { from: '2026-02-01', to: '2026-02-28' });
    expect(rows.filter((r) => r.grain === 'all').map((r) => [r.measure, r.deals, r.mean_days])).toEqual([
      ['lead_to_opp', 1, 9],
      ['opp_to_win', 1, 0],
      ['lead_to_win', 1, 9],
    ]);
    expect(await viewRows('basic', 'cycle_summary', { filters: { owner_id: ['R2'] } })).toEqual([]);
  });

  it('reads months in the build’s time zone: 22:00 UTC on 31 January is 1 February in Shanghai', async () => {
    const { engine } = await fixtureModel('basic');
    const month = async (tz: string) => {
      const q = new QueryParams();
      const cte = monthsCte(q, { from: '2026-01-01', to: '2026-02-28', asOf: '2026-03-01T00:00:00Z', tz });
      const [row] = await engine.all(q.query(`WITH ${cte} SELECT m.month FROM (SELECT TIMESTAMP '2026-01-31 22:00:00' AS t) x ASOF LEFT JOIN months m ON x.t >= m.starts_at`));
      return row?.month;
    };
    expect(await month('UTC')).toBe('2026-01');
    expect(await month('Asia/Shanghai')).toBe('2026-02');
    expect(await month('America/New_York')).toBe('2026-01');
  });
});
