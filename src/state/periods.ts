import { dateOfEpochDay, epochDay } from '../time/zone.ts';

/**
 * The period choices, resolved against the data's as-of date rather than today: a site built from last
 * month's export keeps meaning "this quarter of the data" whenever it is opened. 'auto' is the default
 * view's period: this year — or, when no deal was created or closed in it (an export older than its data
 * date), the latest year in which one was, so a first view is never empty when the data is not.
 */
export const PERIOD_PRESETS = [
  'auto',
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
  'trailing_12_months',
  'all_time',
  'custom',
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface PeriodContext {
  /** The data's as-of date, `YYYY-MM-DD` in the build's time zone. */
  readonly asOfDate: string;
  /** 1–12: the month fiscal years and quarters start in. */
  readonly fiscalYearStartMonth: number;
  /**
   * The latest date, up to the as-of date, on which a deal was created or closed (of a rep's page: one
   * of the rep's deals); null or absent when there is none. Only 'auto' reads it.
   */
  readonly latestDealDate?: string | null | undefined;
}

/** Inclusive calendar dates `YYYY-MM-DD`; an absent bound is open. */
export interface DateWindow {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** Months since January of year 0: calendar months and fiscal periods become plain integer ranges. */
const monthIndex = (date: string): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

const firstDay = (month: number): string =>
  `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}-01`;

const lastDay = (month: number): string => dateOfEpochDay(epochDay(firstDay(month + 1)) - 1);

/** Months since the start of fiscal year 0, so that floor division gives the fiscal year. */
const fiscalMonth = (date: string, startMonth: number): number => monthIndex(date) - (startMonth - 1);

/**
 * The fiscal year a date falls in, labelled by the calendar year it starts in (start month 4: 2027-03-31
 * is in FY2026), as the loader reads target periods `2026` and `2026-Q1`.
 */
export function fiscalYearOf(date: string, startMonth: number): number {
  return Math.floor(fiscalMonth(date, startMonth) / 12);
}

/** 1–4: the 3-month block of the fiscal year a date falls in. */
export function fiscalQuarterOf(date: string, startMonth: number): number {
  return Math.floor((fiscalMonth(date, startMonth) - fiscalYearOf(date, startMonth) * 12) / 3) + 1;
}

/** Whole months `first .. first + count - 1`, shifted back by `back` such blocks (1 = the one before). */
function months(first: number, count: number, back: number): { from: string; to: string } {
  const start = first - back * count;
  return { from: firstDay(start), to: lastDay(start + count - 1) };
}

/** The same day a year earlier, or the month's last day when that year has no such day (29 February). */
function sameDayYearBefore(date: string): string {
  const month = monthIndex(date) - 12;
  const last = lastDay(month);
  return date.slice(8) > last.slice(8) ? last : `${firstDay(month).slice(0, 8)}${date.slice(8)}`;
}

/** Months since January of year 0 at which the fiscal year containing `date` starts. */
const fiscalYearStart = (date: string, startMonth: number): number =>
  fiscalYearOf(date, startMonth) * 12 + startMonth - 1;

/**
 * The year 'auto' shows instead of this year, or null when this year has deals (or no year has any):
 * the fiscal year of the latest date a deal was created or closed on.
 */
export function autoFallback(ctx: PeriodContext): { from: string; to: string } | null {
  const latest = ctx.latestDealDate;
  if (!latest || latest >= firstDay(fiscalYearStart(ctx.asOfDate, ctx.fiscalYearStartMonth))) return null;
  return months(fiscalYearStart(latest, ctx.fiscalYearStartMonth), 12, 0);
}

/**
 * The calendar window of a preset. Month, quarter and year presets give the whole period containing the
 * as-of date (its end may lie after it) or the one before; quarters and years are fiscal.
 */
export function resolvePeriod(preset: PeriodPreset, ctx: PeriodContext, custom?: DateWindow): DateWindow {
  const { asOfDate, fiscalYearStartMonth: startMonth } = ctx;
  const yearStart = fiscalYearStart(asOfDate, startMonth);
  const quarterStart = yearStart + (fiscalQuarterOf(asOfDate, startMonth) - 1) * 3;
  switch (preset) {
    case 'auto':
      return autoFallback(ctx) ?? months(yearStart, 12, 0);
    case 'this_month':
      return months(monthIndex(asOfDate), 1, 0);
    case 'last_month':
      return months(monthIndex(asOfDate), 1, 1);
    case 'this_quarter':
      return months(quarterStart, 3, 0);
    case 'last_quarter':
      return months(quarterStart, 3, 1);
    case 'this_year':
      return months(yearStart, 12, 0);
    case 'last_year':
      return months(yearStart, 12, 1);
    case 'trailing_12_months':
      return { from: dateOfEpochDay(epochDay(sameDayYearBefore(asOfDate)) + 1), to: asOfDate };
    case 'all_time':
      return {};
    case 'custom':
      return {
        ...(custom?.from !== undefined && { from: custom.from }),
        ...(custom?.to !== undefined && { to: custom.to }),
      };
  }
}
