import { fiscalYearOf, PERIOD_PRESETS, resolvePeriod, type DateWindow } from '../state/periods.ts';
import { dateInZone, dateOfEpochDay, epochDay } from '../time/zone.ts';
import { rollupsAtAsOf, type MetricParams, type RollupModel } from './params.ts';

/**
 * rep_dwell's benchmarks — the team's and the company's median and mean days per stage — cannot be summed
 * from smaller parts, and they read every stint of the window on each change (2.3 s natively at 1M
 * deals). So the build stores them for every window a page opens on: each preset period at as_of and every
 * whole fiscal year (a rep's page may open on the rep's latest year with deals). The rep's own figures
 * follow the filters and stay computed from the rep's stints, a small part of the table.
 */
export const DWELL_ROLLUP = 'rep_dwell_rollup';

const window = (w: DateWindow): string => `${w.from ?? ''}..${w.to ?? ''}`;

/** The first and last day of fiscal year `year` (labelled by the calendar year it starts in). */
function fiscalYear(year: number, startMonth: number): { from: string; to: string } {
  const from = `${String(year).padStart(4, '0')}-${String(startMonth).padStart(2, '0')}-01`;
  const next = `${String(year + 1).padStart(4, '0')}-${String(startMonth).padStart(2, '0')}-01`;
  return { from, to: dateOfEpochDay(epochDay(next) - 1) };
}

/** The preset periods' windows at the model's as_of ('auto' is this year or a whole fiscal year; 'custom' is any). */
function presetWindows(model: RollupModel): DateWindow[] {
  const ctx = {
    asOfDate: dateInZone(Date.parse(model.asOf), model.tz),
    fiscalYearStartMonth: model.fiscalYearStartMonth,
  };
  return PERIOD_PRESETS.filter((p) => p !== 'auto' && p !== 'custom').map((p) => resolvePeriod(p, ctx));
}

/**
 * The windows the build precomputes: the presets and every fiscal year from the first deal's creation to
 * the later of the last one and as_of (`firstDay`/`lastDay`: local dates; null when there is no deal).
 */
export function dwellRollupWindows(model: RollupModel, firstDay: string | null, lastDay: string | null): DateWindow[] {
  const windows = new Map(presetWindows(model).map((w) => [window(w), w]));
  if (firstDay && lastDay) {
    const asOfDate = dateInZone(Date.parse(model.asOf), model.tz);
    const last = fiscalYearOf(lastDay > asOfDate ? lastDay : asOfDate, model.fiscalYearStartMonth);
    for (let year = fiscalYearOf(firstDay, model.fiscalYearStartMonth); year <= last; year++) {
      const w = fiscalYear(year, model.fiscalYearStartMonth);
      windows.set(window(w), w);
    }
  }
  return [...windows.values()];
}

/**
 * Whether the stored benchmarks answer `p` exactly: the model's rollups were built at this as_of and time
 * zone, and the window is a preset's or a whole fiscal year (a fiscal year without rows is one without
 * deals, as the stints would say too). Filters do not matter: the benchmarks ignore them.
 */
export function dwellRollupAnswers(p: MetricParams): boolean {
  const model = rollupsAtAsOf(p);
  if (!model) return false;
  const asked = window(p);
  if (presetWindows(model).some((w) => window(w) === asked)) return true;
  if (!p.from) return false;
  const year = fiscalYearOf(p.from, model.fiscalYearStartMonth);
  return window(fiscalYear(year, model.fiscalYearStartMonth)) === asked;
}
