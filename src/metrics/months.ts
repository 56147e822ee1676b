import type { MetricParams } from './params.ts';
import type { QueryParams } from './query.ts';
import { asOfDate, localMidnight, timestampText } from './sql.ts';

/** How far back an open window's months reach: CRM exports rarely hold older deals. */
const OPEN_WINDOW_YEARS = 30;
/**
 * How far past as_of (or `to`) the months reach: a deal created in the window may be won after it, and an
 * export may hold a win dated after the snapshot.
 */
const AHEAD_YEARS = 10;

const monthText = (index: number): string =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/**
 * A `months(month, starts_at)` CTE: each calendar month from the window's start to AHEAD_YEARS past
 * as_of or `to` with the UTC instant it starts at in the build's time zone, then a row with a NULL month
 * that ends the list, so a later instant gets no month rather than the last one. An ASOF join on it gives
 * an instant its local month without time-zone support in SQL, which DuckDB-WASM lacks offline. Bound as
 * one text, so the SQL shape stays the same whatever the window.
 */
export function monthsCte(q: QueryParams, p: Pick<MetricParams, 'from' | 'to' | 'asOf' | 'tz'>): string {
  const index = (date: string): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  const last = asOfDate(p);
  const first = p.from ? index(p.from) : index(last) - OPEN_WINDOW_YEARS * 12;
  const end = Math.max(index(last), p.to ? index(p.to) : 0) + AHEAD_YEARS * 12;
  const months: string[] = [];
  for (let m = first; m <= end + 1; m++) {
    const month = monthText(m);
    months.push(`${m > end ? '' : month}=${timestampText(localMidnight(`${month}-01`, p.tz))}`);
  }
  return `months AS (
  SELECT nullif(split_part(m, '=', 1), '') AS month, CAST(split_part(m, '=', 2) AS TIMESTAMP) AS starts_at
  FROM (SELECT unnest(string_split(${q.bind(months.join(','))}, ',')) AS m)
)`;
}
