import { dateOfEpochDay, epochDay } from '../time/zone.ts';
import type { MetricParams } from './params.ts';

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
