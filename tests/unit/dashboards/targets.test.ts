import { describe, expect, it } from 'vitest';
import { attainmentByRegion, monthlyTargets, selectTargets, targetScope } from '../../../src/dashboards/targets.ts';
import type { AttainmentRow } from '../../../src/metrics/attainment.ts';

const row = (
  period: string,
  scope: AttainmentRow['scope'],
  scope_id: string | null,
  period_start: string,
  period_end: string,
  target: number,
  won_amount: number,
): AttainmentRow => ({
  period,
  scope,
  scope_id,
  period_start,
  period_end,
  target,
  won_amount,
  attainment: target === 0 ? null : won_amount / target,
});

// A calendar fiscal year 2026 with company targets at all three granularities, and 2025 with a year only.
const rows: AttainmentRow[] = [
  row('2025', 'company', null, '2025-01-01', '2025-12-31', 800, 600),
  row('2026', 'company', null, '2026-01-01', '2026-12-31', 1000, 700),
  row('2026-Q1', 'company', null, '2026-01-01', '2026-03-31', 200, 150),
  row('2026-Q2', 'company', null, '2026-04-01', '2026-06-30', 250, 100),
  row('2026-01', 'company', null, '2026-01-01', '2026-01-31', 60, 50),
  row('2026-02', 'company', null, '2026-02-01', '2026-02-28', 70, 40),
  row('2026-03', 'company', null, '2026-03-01', '2026-03-31', 70, 60),
  row('2026-Q1', 'region', 'EMEA', '2026-01-01', '2026-03-31', 120, 90),
  row('2026-Q1', 'region', 'APAC', '2026-01-01', '2026-03-31', 80, 0),
  row('2026-01', 'region', 'EMEA', '2026-01-01', '2026-01-31', 40, 30),
  row('2026-01', 'rep', 'R1', '2026-01-01', '2026-01-31', 10, 5),
  row('2026-01', 'rep', 'R2', '2026-01-01', '2026-01-31', 0, 5),
];

describe('targetScope', () => {
  it('compares company figures with the company target', () => {
    expect(targetScope({})).toBe('company');
  });
  it('uses region targets for a region filter and rep targets for a rep or team filter', () => {
    expect(targetScope({ region: ['EMEA'] })).toBe('region');
    expect(targetScope({ owner_id: ['R1'] })).toBe('rep');
    expect(targetScope({ team: ['East'], region: ['EMEA'] })).toBe('rep');
  });
  it('has no target for a product line, campaign or tier slice', () => {
    expect(targetScope({ product_line: ['Cloud'] })).toBeNull();
    expect(targetScope({ campaign_id: ['C1'] })).toBeNull();
    expect(targetScope({ tier: ['VIP'] })).toBeNull();
  });
});

describe('selectTargets', () => {
  it('reads the annual target for a whole year rather than adding its quarters and months', () => {
    expect(selectTargets(rows, 'company', { from: '2026-01-01', to: '2026-12-31' })).toEqual({
      scope: 'company',
      granularity: 'year',
      from: '2026-01-01',
      to: '2026-12-31',
      target: 1000,
      wonAmount: 700,
      attainment: 0.7,
      periods: 1,
    });
  });

  it('reads the quarter target for a quarter', () => {
    // Q1 covers 90 days; its three months cover the same 90 days: the tie goes to the coarser quarter.
    const q1 = selectTargets(rows, 'company', { from: '2026-01-01', to: '2026-03-31' });
    expect(q1).toMatchObject({ granularity: 'quarter', target: 200, wonAmount: 150, attainment: 0.75, periods: 1 });
  });

  it('adds up the periods that lie wholly inside a window that no single period matches', () => {
    // 2026-01-01 … 2026-06-30: Q1 + Q2 (181 days) beat the 3 months (90 days); the year is not inside.
    expect(selectTargets(rows, 'company', { from: '2026-01-01', to: '2026-06-30' })).toMatchObject({
      granularity: 'quarter',
      from: '2026-01-01',
      to: '2026-06-30',
      target: 450,
      wonAmount: 250,
      periods: 2,
    });
    // 2026-01-15 … 2026-03-31: only February and March lie inside.
    expect(selectTargets(rows, 'company', { from: '2026-01-15', to: '2026-03-31' })).toMatchObject({
      granularity: 'month',
      from: '2026-02-01',
      target: 140,
      wonAmount: 100,
      periods: 2,
    });
  });

  it('reads every year for an open window', () => {
    // 2025 (365 days) + 2026 (365 days) as years: 730 days, more than the quarters or months cover.
    expect(selectTargets(rows, 'company', {})).toMatchObject({
      granularity: 'year',
      target: 1800,
      wonAmount: 1300,
      periods: 2,
    });
  });

  it('sums over every region or rep of the scope and has no attainment for a zero target', () => {
    expect(selectTargets(rows, 'region', { from: '2026-01-01', to: '2026-03-31' })).toMatchObject({
      target: 200,
      wonAmount: 90,
      attainment: 0.45,
    });
    expect(selectTargets(rows, 'rep', { from: '2026-01-01', to: '2026-01-31' })).toMatchObject({
      target: 10,
      wonAmount: 10,
      attainment: 1,
    });
    expect(
      selectTargets([row('2026-01', 'rep', 'R2', '2026-01-01', '2026-01-31', 0, 5)], 'rep', {})?.attainment,
    ).toBeNull();
  });

  it('finds nothing when no period lies inside the window', () => {
    expect(selectTargets(rows, 'company', { from: '2026-01-10', to: '2026-01-20' })).toBeNull();
    expect(selectTargets(rows, 'rep', { from: '2025-01-01', to: '2025-12-31' })).toBeNull();
  });
});

describe('attainmentByRegion', () => {
  it('gives each region its won share of target over the chosen periods', () => {
    const result = attainmentByRegion(rows, { from: '2026-01-01', to: '2026-03-31' });
    expect(result?.selection).toMatchObject({ granularity: 'quarter', target: 200 });
    expect(result?.regions).toEqual([
      { region: 'EMEA', target: 120, wonAmount: 90, attainment: 0.75 },
      { region: 'APAC', target: 80, wonAmount: 0, attainment: 0 },
    ]);
  });
});

describe('monthlyTargets', () => {
  it('sums one scope’s monthly rows per month and ignores quarters and years', () => {
    expect([...monthlyTargets(rows, 'rep')]).toEqual([['2026-01', { target: 10, wonAmount: 10 }]]);
    expect(monthlyTargets(rows, 'company').get('2026-02')).toEqual({ target: 70, wonAmount: 40 });
    expect(monthlyTargets(rows, 'company').has('2026-Q1')).toBe(false);
  });
});
