import { dateOfEpochDay, epochDay } from '../time/zone.ts';
import type { MetricParams } from './params.ts';

/**
 * The dates a window may name. A sales history lies well inside them; a date outside (`1000-01-01`,
 * `9999-12-31`) is a typo or a stand-in for "open", which an absent bound already says — and its
 * comparison period would run before year 1, which no calendar arithmetic here can name.
 */
export const WINDOW_DATES = { min: '1900-01-01', max: '2199-12-31' } as const;

/** Whether a well-formed `YYYY-MM-DD` date lies within WINDOW_DATES (string order is date order). */
export const inWindowDates = (date: string): boolean => date >= WINDOW_DATES.min && date <= WINDOW_DATES.max;

export interface Period {
  readonly from: string;
  readonly to: string;
}

function shiftYear(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  // 29 February has no twin in a common year: compare with the 28th.
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/**
 * The period kpis compares with: the previous period of equal length, or the same dates a year earlier.
 * Only a closed window has one; an open-ended or absent window has nothing to compare with.
 */
export function comparisonPeriod(p: Pick<MetricParams, 'from' | 'to' | 'compare'>): Period | null {
  if (!p.from || !p.to) return null;
  if (p.compare === 'year') return { from: shiftYear(p.from, -1), to: shiftYear(p.to, -1) };
  const from = epochDay(p.from);
  const length = epochDay(p.to) - from + 1;
  return { from: dateOfEpochDay(from - length), to: dateOfEpochDay(from - 1) };
}
