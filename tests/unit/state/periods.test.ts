import { describe, expect, it } from 'vitest';
import {
  autoFallback,
  fiscalQuarterOf,
  fiscalYearOf,
  resolvePeriod,
  type PeriodPreset,
} from '../../../src/state/periods.ts';
import { dateOfEpochDay, epochDay } from '../../../src/time/zone.ts';
import { seededRandom } from './generators.ts';

type Expected = Record<Exclude<PeriodPreset, 'auto' | 'all_time' | 'custom'>, string>;

/** Windows written `from..to`, one line per preset, for an as-of date and a fiscal start month. */
const CASES: [asOfDate: string, startMonth: number, expected: Expected][] = [
  [
    '2026-11-01',
    1,
    {
      this_month: '2026-11-01..2026-11-30',
      last_month: '2026-10-01..2026-10-31',
      this_quarter: '2026-10-01..2026-12-31',
      last_quarter: '2026-07-01..2026-09-30',
      this_year: '2026-01-01..2026-12-31',
      last_year: '2025-01-01..2025-12-31',
      trailing_12_months: '2025-11-02..2026-11-01',
    },
  ],
  [
    '2025-12-31',
    1,
    {
      this_month: '2025-12-01..2025-12-31',
      last_month: '2025-11-01..2025-11-30',
      this_quarter: '2025-10-01..2025-12-31',
      last_quarter: '2025-07-01..2025-09-30',
      this_year: '2025-01-01..2025-12-31',
      last_year: '2024-01-01..2024-12-31',
      trailing_12_months: '2025-01-01..2025-12-31',
    },
  ],
  [
    '2026-01-01',
    1,
    {
      this_month: '2026-01-01..2026-01-31',
      last_month: '2025-12-01..2025-12-31',
      this_quarter: '2026-01-01..2026-03-31',
      last_quarter: '2025-10-01..2025-12-31',
      this_year: '2026-01-01..2026-12-31',
      last_year: '2025-01-01..2025-12-31',
      trailing_12_months: '2025-01-02..2026-01-01',
    },
  ],
  [
    '2024-03-15',
    1,
    {
      this_month: '2024-03-01..2024-03-31',
      last_month: '2024-02-01..2024-02-29',
      this_quarter: '2024-01-01..2024-03-31',
      last_quarter: '2023-10-01..2023-12-31',
      this_year: '2024-01-01..2024-12-31',
      last_year: '2023-01-01..2023-12-31',
      trailing_12_months: '2023-03-16..2024-03-15',
    },
  ],
  [
    '2026-11-01',
    4,
    {
      this_month: '2026-11-01..2026-11-30',
      last_month: '2026-10-01..2026-10-31',
      this_quarter: '2026-10-01..2026-12-31',
      last_quarter: '2026-07-01..2026-09-30',
      this_year: '2026-04-01..2027-03-31',
      last_year: '2025-04-01..2026-03-31',
      trailing_12_months: '2025-11-02..2026-11-01',
    },
  ],
  [
    '2026-03-31',
    4,
    {
      this_month: '2026-03-01..2026-03-31',
      last_month: '2026-02-01..2026-02-28',
      this_quarter: '2026-01-01..2026-03-31',
      last_quarter: '2025-10-01..2025-12-31',
      this_year: '2025-04-01..2026-03-31',
      last_year: '2024-04-01..2025-03-31',
      trailing_12_months: '2025-04-01..2026-03-31',
    },
  ],
  [
    '2026-04-01',
    4,
    {
      this_month: '2026-04-01..2026-04-30',
      last_month: '2026-03-01..2026-03-31',
      this_quarter: '2026-04-01..2026-06-30',
      last_quarter: '2026-01-01..2026-03-31',
      this_year: '2026-04-01..2027-03-31',
      last_year: '2025-04-01..2026-03-31',
      trailing_12_months: '2025-04-02..2026-04-01',
    },
  ],
  [
    '2024-02-29',
    4,
    {
      this_month: '2024-02-01..2024-02-29',
      last_month: '2024-01-01..2024-01-31',
      this_quarter: '2024-01-01..2024-03-31',
      last_quarter: '2023-10-01..2023-12-31',
      this_year: '2023-04-01..2024-03-31',
      last_year: '2022-04-01..2023-03-31',
      trailing_12_months: '2023-03-01..2024-02-29',
    },
  ],
  [
    '2026-11-01',
    11,
    {
      this_month: '2026-11-01..2026-11-30',
      last_month: '2026-10-01..2026-10-31',
      this_quarter: '2026-11-01..2027-01-31',
      last_quarter: '2026-08-01..2026-10-31',
      this_year: '2026-11-01..2027-10-31',
      last_year: '2025-11-01..2026-10-31',
      trailing_12_months: '2025-11-02..2026-11-01',
    },
  ],
  [
    '2026-10-31',
    11,
    {
      this_month: '2026-10-01..2026-10-31',
      last_month: '2026-09-01..2026-09-30',
      this_quarter: '2026-08-01..2026-10-31',
      last_quarter: '2026-05-01..2026-07-31',
      this_year: '2025-11-01..2026-10-31',
      last_year: '2024-11-01..2025-10-31',
      trailing_12_months: '2025-11-01..2026-10-31',
    },
  ],
  [
    '2024-02-29',
    11,
    {
      this_month: '2024-02-01..2024-02-29',
      last_month: '2024-01-01..2024-01-31',
      this_quarter: '2024-02-01..2024-04-30',
      last_quarter: '2023-11-01..2024-01-31',
      this_year: '2023-11-01..2024-10-31',
      last_year: '2022-11-01..2023-10-31',
      trailing_12_months: '2023-03-01..2024-02-29',
    },
  ],
  [
    '2026-01-15',
    12,
    {
      this_month: '2026-01-01..2026-01-31',
      last_month: '2025-12-01..2025-12-31',
      this_quarter: '2025-12-01..2026-02-28',
      last_quarter: '2025-09-01..2025-11-30',
      this_year: '2025-12-01..2026-11-30',
      last_year: '2024-12-01..2025-11-30',
      trailing_12_months: '2025-01-16..2026-01-15',
    },
  ],
];

describe('period presets', () => {
  describe.each(CASES)('as of %s, fiscal year starting in month %i', (asOfDate, fiscalYearStartMonth, expected) => {
    it.each(Object.entries(expected))('resolves %s to %s', (preset, window) => {
      const { from, to } = resolvePeriod(preset as PeriodPreset, { asOfDate, fiscalYearStartMonth });
      expect(`${from}..${to}`).toBe(window);
    });

    it('leaves all_time without bounds', () => {
      expect(resolvePeriod('all_time', { asOfDate, fiscalYearStartMonth })).toEqual({});
    });
  });

  it.each([
    ['2026-11-01', '2025-11-02'],
    ['2026-02-28', '2025-03-01'],
    ['2024-02-29', '2023-03-01'],
    ['2025-02-28', '2024-02-29'],
    ['2025-03-01', '2024-03-02'],
    ['2026-12-31', '2026-01-01'],
    ['2026-03-31', '2025-04-01'],
  ])('starts the trailing 12 months as of %s on %s', (asOfDate, from) => {
    expect(resolvePeriod('trailing_12_months', { asOfDate, fiscalYearStartMonth: 1 })).toEqual({ from, to: asOfDate });
  });

  it('gives a custom window as it is, either bound optional', () => {
    const ctx = { asOfDate: '2026-11-01', fiscalYearStartMonth: 4 };
    expect(resolvePeriod('custom', ctx, { from: '2026-01-05', to: '2026-02-10' })).toEqual({
      from: '2026-01-05',
      to: '2026-02-10',
    });
    expect(resolvePeriod('custom', ctx, { from: '2026-01-05' })).toEqual({ from: '2026-01-05' });
    expect(resolvePeriod('custom', ctx, { from: undefined, to: '2026-02-10' })).toEqual({ to: '2026-02-10' });
    expect(resolvePeriod('custom', ctx)).toEqual({});
  });

  it('ignores a custom window for every other preset', () => {
    const ctx = { asOfDate: '2026-11-01', fiscalYearStartMonth: 1 };
    expect(resolvePeriod('this_month', ctx, { from: '2020-01-01', to: '2020-01-31' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
    });
  });

  it.each([
    ['2027-03-31', 4, 2026, 4],
    ['2026-04-01', 4, 2026, 1],
    ['2026-03-31', 4, 2025, 4],
    ['2026-01-15', 1, 2026, 1],
    ['2026-12-31', 1, 2026, 4],
    ['2026-01-15', 12, 2025, 1],
    ['2026-10-31', 11, 2025, 4],
    ['2026-11-01', 11, 2026, 1],
  ])('puts %s with start month %i in fiscal year %i, quarter %i', (date, startMonth, year, quarter) => {
    expect(fiscalYearOf(date, startMonth)).toBe(year);
    expect(fiscalQuarterOf(date, startMonth)).toBe(quarter);
  });

  it('covers the as-of date with every this_* window and ends each last_* window the day before it', () => {
    const random = seededRandom(7);
    const next = (date: string) => dateOfEpochDay(epochDay(date) + 1);
    for (let i = 0; i < 500; i++) {
      const asOfDate = dateOfEpochDay(epochDay('1990-01-01') + random.int(50 * 366));
      const ctx = { asOfDate, fiscalYearStartMonth: 1 + random.int(12) };
      for (const unit of ['month', 'quarter', 'year'] as const) {
        const current = resolvePeriod(`this_${unit}`, ctx);
        const previous = resolvePeriod(`last_${unit}`, ctx);
        expect(current.from! <= asOfDate && asOfDate <= current.to!, `${unit} ${JSON.stringify(ctx)}`).toBe(true);
        expect(next(previous.to!)).toBe(current.from);
        expect(current.from!.slice(8)).toBe('01');
      }
      const year = resolvePeriod('this_year', ctx);
      expect(Number(year.from!.slice(5, 7))).toBe(ctx.fiscalYearStartMonth);
      expect(fiscalYearOf(year.from!, ctx.fiscalYearStartMonth)).toBe(Number(year.from!.slice(0, 4)));
    }
  });

  describe('auto, the default view’s period', () => {
    it.each([
      ['no deal date known', undefined, 1, '2026-01-01..2026-12-31'],
      ['a model without deals', null, 1, '2026-01-01..2026-12-31'],
      ['deals this year', '2026-11-01', 1, '2026-01-01..2026-12-31'],
      ['a deal on this year’s first day', '2026-01-01', 1, '2026-01-01..2026-12-31'],
      ['the last deal on the day before this year', '2025-12-31', 1, '2025-01-01..2025-12-31'],
      ['an export from 2017 (the Maven sample without --as-of)', '2017-12-31', 1, '2017-01-01..2017-12-31'],
      ['an export from 2017, fiscal years from April', '2017-06-30', 4, '2017-04-01..2018-03-31'],
      ['an export from early 2018, fiscal years from April', '2018-02-03', 4, '2017-04-01..2018-03-31'],
    ])('with %s resolves to %s', (_, latestDealDate, fiscalYearStartMonth, window) => {
      const { from, to } = resolvePeriod('auto', { asOfDate: '2026-11-01', fiscalYearStartMonth, latestDealDate });
      expect(`${from}..${to}`).toBe(window);
    });

    it('names the year it falls back to only when this year has no deal', () => {
      const ctx = { asOfDate: '2026-12-06', fiscalYearStartMonth: 1 };
      expect(autoFallback({ ...ctx, latestDealDate: '2026-02-01' })).toBeNull();
      expect(autoFallback({ ...ctx, latestDealDate: null })).toBeNull();
      expect(autoFallback({ ...ctx, latestDealDate: '2024-08-15' })).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    });

    it('always shows a year that holds the latest deal date and ends before this year starts or is this year', () => {
      const random = seededRandom(11);
      for (let i = 0; i < 300; i++) {
        const asOfDate = dateOfEpochDay(epochDay('2000-01-01') + random.int(30 * 366));
        const latestDealDate = dateOfEpochDay(epochDay(asOfDate) - random.int(12 * 366));
        const ctx = { asOfDate, fiscalYearStartMonth: 1 + random.int(12), latestDealDate };
        const shown = resolvePeriod('auto', ctx);
        const year = resolvePeriod('this_year', ctx);
        if (latestDealDate >= year.from!) expect(shown).toEqual(year);
        else
          expect(
            shown.from! <= latestDealDate && latestDealDate <= shown.to! && shown.to! < year.from!,
            JSON.stringify(ctx),
          ).toBe(true);
      }
    });
  });
});
