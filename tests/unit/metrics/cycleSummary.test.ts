/**
 * cycle_summary on the `basic` fixture, every opportunity (no window). From cycle_times (cycleTimes.test.ts):
 *   lead→opp: O01 16 (R1, created 2026-01), O02 1.5 (R1, 2026-01), O10 9 (R3, 2026-02)
 *   opp→win:  O01 15.5 (R1, won 2026-01), O09 30 (R1, 2026-02), O10 0 (R3, 2026-02), O12 40 (R3, 2025-12)
 *   lead→win: O01 31.5 (R1, 2026-01), O10 9 (R3, 2026-02)
 * Quantiles are continuous: position h = (n − 1)·q between the sorted values.
 */
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../loaders/build.ts';
import type { Row } from '../../../src/db/engine.ts';
import { openModel } from '../../../src/db/nativeModel.ts';
import { runView } from '../../../src/metrics/index.ts';
import { QueryParams } from '../../../src/metrics/query.ts';
import { monthsCte } from '../../../src/metrics/months.ts';
import {
  approx,
  closeFixtureModels,
  FIXTURE_AS_OF,
  fixtureDir,
  fixtureModel,
  viewRows,
} from '../../support/fixtureModel.ts';

const scratch: string[] = [];
afterAll(async () => {
  await closeFixtureModels();
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

/**
 * No `basic` deal is created or won within a day of a month's end, so the local month cannot differ from
 * the UTC one there. These rows, appended to a copy of `basic`, put two deals of product line `Clock`
 * (filtered on, so the rest of `basic` stays out) right at the turn of January:
 *   O14: lead L7 2026-01-21 16:00Z → created 2026-01-31 16:00Z (10 d) → Won row 2026-02-28 16:00Z (28 d; lead→win 38 d)
 *   O15: lead L8 2026-01-30 03:00Z → created 2026-02-01 03:00Z (2 d), still open
 */
const CLOCK_ROWS: Record<string, string> = {
  'opportunities.csv':
    'O14,Midnight in Shanghai,A1,R1,North,Clock,1000,EUR,2026-01-31T16:00:00Z,2026-02-28,Won,L7,\n' +
    'O15,Evening in New York,A1,R1,North,Clock,2000,EUR,2026-02-01T03:00:00Z,2026-04-30,Prospecting,L8,\n',
  'leads.csv': 'L7,2026-01-21T16:00:00Z,Web,,R1,,\nL8,2026-01-30T03:00:00Z,Web,,R1,,\n',
  'stage_history.csv': 'O14,Prospecting,2026-01-31T16:00:00Z\nO14,Won,2026-02-28T16:00:00Z\n',
};

/** cycle_summary of the Clock deals, `basic` plus CLOCK_ROWS built in `tz`. */
async function clockSummary(tz: string): Promise<Row[]> {
  const inDir = await mkdtemp(join(tmpdir(), 'pipescope-clock-in-'));
  const outDir = await mkdtemp(join(tmpdir(), 'pipescope-clock-'));
  scratch.push(inDir, outDir);
  await cp(fixtureDir('basic'), inDir, { recursive: true });
  for (const [file, rows] of Object.entries(CLOCK_ROWS)) await appendFile(join(inDir, file), rows);
  const built = await buildModel({ source: 'canonical', inDir, outDir, asOf: FIXTURE_AS_OF, tz });
  if (!built.ok) throw new Error(built.problems.map((p) => `${p.file}:${p.line ?? '-'}: ${p.message}`).join('\n'));
  const model = await openModel(outDir);
  try {
    return await runView(model.engine, 'cycle_summary', {
      asOf: FIXTURE_AS_OF,
      tz,
      filters: { product_line: ['Clock'] },
    });
  } finally {
    model.close();
  }
}

const stats = (
  measure: string,
  grain: string,
  key: string | null,
  deals: number,
  [mean, median, p10, p25, p75, p90, min, max]: number[],
) => ({
  measure,
  grain,
  key,
  deals,
  mean_days: approx(mean!),
  median_days: approx(median!),
  p10_days: approx(p10!),
  p25_days: approx(p25!),
  p75_days: approx(p75!),
  p90_days: approx(p90!),
  min_days: approx(min!),
  max_days: approx(max!),
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

  it('puts each measure in the local month it ended in, in the build’s time zone', async () => {
    // lead→opp [2, 10]: mean 6, median 6, p10 2 + 0.1·8 = 2.8, p25 4, p75 8, p90 9.2. opp→win 28, lead→win 38.
    const LEAD = [6, 6, 2.8, 4, 8, 9.2, 2, 10];
    // Asia/Shanghai (UTC+8): O14 is created at 02-01 00:00 local — the first instant of February — and O15 at
    // 02-01 11:00; O14 is won at 03-01 00:00 local, March.
    expect(await clockSummary('Asia/Shanghai')).toEqual([
      stats('lead_to_opp', 'all', null, 2, LEAD),
      stats('lead_to_opp', 'rep', 'R1', 2, LEAD),
      stats('lead_to_opp', 'month', '2026-02', 2, LEAD),
      stats('opp_to_win', 'all', null, 1, one(28)),
      stats('opp_to_win', 'rep', 'R1', 1, one(28)),
      stats('opp_to_win', 'month', '2026-03', 1, one(28)),
      stats('lead_to_win', 'all', null, 1, one(38)),
      stats('lead_to_win', 'rep', 'R1', 1, one(38)),
      stats('lead_to_win', 'month', '2026-03', 1, one(38)),
    ]);
    const months = (rows: Row[]) => rows.filter((r) => r.grain === 'month').map((r) => [r.measure, r.key, r.deals]);
    // UTC: O14 created 01-31, O15 02-01; won 02-28.
    expect(months(await clockSummary('UTC'))).toEqual([
      ['lead_to_opp', '2026-01', 1],
      ['lead_to_opp', '2026-02', 1],
      ['opp_to_win', '2026-02', 1],
      ['lead_to_win', '2026-02', 1],
    ]);
    // America/New_York (UTC−5): O14 created 01-31 11:00, O15 01-31 22:00 — both January; won 02-28 11:00.
    expect(months(await clockSummary('America/New_York'))).toEqual([
      ['lead_to_opp', '2026-01', 2],
      ['opp_to_win', '2026-02', 1],
      ['lead_to_win', '2026-02', 1],
    ]);
  });

  it('lists months well past as_of and gives a later instant no month instead of the last one', async () => {
    const { engine } = await fixtureModel('basic');
    const month = async (at: string) => {
      const q = new QueryParams();
      const cte = monthsCte(q, { from: '2026-01-01', to: '2026-01-31', asOf: '2026-03-01T00:00:00Z', tz: 'UTC' });
      const [row] = await engine.all(
        q.query(
          `WITH ${cte} SELECT m.month FROM (SELECT TIMESTAMP '${at}' AS t) x ASOF LEFT JOIN months m ON x.t >= m.starts_at`,
        ),
      );
      return row?.month;
    };
    // A deal created in January and won in May, after as_of, is won in May.
    expect(await month('2026-05-10 12:00:00')).toBe('2026-05');
    expect(await month('2036-03-31 23:59:59')).toBe('2036-03');
    expect(await month('2036-04-01 00:00:00')).toBeNull();
    expect(await month('2025-12-31 23:59:59')).toBeNull();
  });

  it('reads months in the build’s time zone: 22:00 UTC on 31 January is 1 February in Shanghai', async () => {
    const { engine } = await fixtureModel('basic');
    const month = async (tz: string) => {
      const q = new QueryParams();
      const cte = monthsCte(q, { from: '2026-01-01', to: '2026-02-28', asOf: '2026-03-01T00:00:00Z', tz });
      const [row] = await engine.all(
        q.query(
          `WITH ${cte} SELECT m.month FROM (SELECT TIMESTAMP '2026-01-31 22:00:00' AS t) x ASOF LEFT JOIN months m ON x.t >= m.starts_at`,
        ),
      );
      return row?.month;
    };
    expect(await month('UTC')).toBe('2026-01');
    expect(await month('Asia/Shanghai')).toBe('2026-02');
    expect(await month('America/New_York')).toBe('2026-01');
  });
});
