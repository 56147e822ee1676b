import type { Random } from './rng.ts';
import { AS_OF_MS, DAY_MS, HISTORY_START_MS } from './time.ts';

/** The business grows about 30% a year, so later quarters see more new deals. */
const YEARLY_GROWTH = 1.3;
const WEEKEND_FACTOR = 0.12;
const HOLIDAY_FACTOR = 0.45;

/**
 * Creation days of the deals, in id order: deal i lands at quantile (i + jitter) / total of a
 * daily volume curve (growth, quiet weekends and holidays). Ids therefore follow creation
 * order, and the days are produced one by one without holding the deals in memory.
 */
export class CreationCalendar {
  private readonly cumulative: Float64Array;
  private day = 0;

  constructor(private readonly total: number) {
    const days = Math.round((AS_OF_MS - HISTORY_START_MS) / DAY_MS);
    this.cumulative = new Float64Array(days);
    let sum = 0;
    for (let d = 0; d < days; d++) {
      sum += dailyVolume(HISTORY_START_MS + d * DAY_MS);
      this.cumulative[d] = sum;
    }
  }

  /** Midnight UTC of deal `index`'s creation day; call with increasing indexes. */
  dayOf(index: number, random: Random): number {
    const target = ((index + random.float()) / this.total) * (this.cumulative[this.cumulative.length - 1] ?? 0);
    while (this.day < this.cumulative.length - 1 && (this.cumulative[this.day] ?? 0) < target) this.day++;
    return HISTORY_START_MS + this.day * DAY_MS;
  }
}

function dailyVolume(dayMs: number): number {
  const date = new Date(dayMs);
  const years = (dayMs - HISTORY_START_MS) / (365.25 * DAY_MS);
  const weekday = date.getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? WEEKEND_FACTOR : 1;
  const month = date.getUTCMonth();
  const dayOfMonth = date.getUTCDate();
  const holidays = (month === 11 && dayOfMonth >= 22) || (month === 0 && dayOfMonth <= 2) ? HOLIDAY_FACTOR : 1;
  return YEARLY_GROWTH ** years * weekend * holidays;
}
