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

/** A date's month as year × 12 + month − 1, so months are integers one apart. */
const monthIndex = (date: string): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

const monthText = (index: number): string =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/** The first and last month index `monthsCte` lists for a window. */
function monthIndexes(p: Pick<MetricParams, 'from' | 'to' | 'asOf' | 'tz'>): { first: number; end: number } {
  const last = asOfDate(p);
  const first = p.from ? monthIndex(p.from) : monthIndex(last) - OPEN_WINDOW_YEARS * 12;
  return { first, end: Math.max(monthIndex(last), p.to ? monthIndex(p.to) : 0) + AHEAD_YEARS * 12 };
}

/** The first and last month `monthsCte` lists for a window, as `YYYY-MM`: an instant outside them has no month. */
export function listedMonths(p: Pick<MetricParams, 'from' | 'to' | 'asOf' | 'tz'>): { first: string; last: string } {
  const { first, end } = monthIndexes(p);
  return { first: monthText(first), last: monthText(end) };
}

/**
 * A `months(month, starts_at)` CTE: each calendar month from the window's start to AHEAD_YEARS past
 * as_of or `to` with the UTC instant it starts at in the build's time zone, then a row with a NULL month
 * that ends the list, so a later instant gets no month rather than the last one. An ASOF join on it gives
 * an instant its local month without time-zone support in SQL, which DuckDB-WASM lacks offline. Bound as
 * one text, so the SQL shape stays the same whatever the window.
 */
export function monthsCte(q: QueryParams, p: Pick<MetricParams, 'from' | 'to' | 'asOf' | 'tz'>): string {
  const { first, end } = monthIndexes(p);
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

/** The local calendar days a table's rows were first and last created on (a rollup's months span them). */
export interface CreationSpan {
  readonly first: string;
  readonly last: string;
}

/**
 * A `month_starts` CTE for building a rollup natively, and with `localMonthOf`, each row's local month of
 * creation in `tz`: the month whose local midnight on the 1st (the instant `instantWindowSql` compares
 * with) is the last at or before the row's instant. A UTC offset is under a day, so that month is the
 * instant's UTC month or one of its neighbours; a hash join on the UTC month and one comparison on each
 * side find it. (An ASOF join did the same, but sorted the rows: 4 s for three million activities.) The
 * CTE holds every UTC month of `span` and one either side; without rows (`span` null) one placeholder
 * month keeps the rollup's columns.
 */
export function monthStartsCte(tz: string, span: CreationSpan | null): string {
  const { first, last } = span ?? { first: '2000-01-01', last: '2000-01-01' };
  const day = (index: number): string => `DATE '${monthText(index)}-01'`;
  const start = (index: number): string => `TIMESTAMP '${timestampText(localMidnight(`${monthText(index)}-01`, tz))}'`;
  const rows: string[] = [];
  for (let m = monthIndex(first) - 1; m <= monthIndex(last) + 1; m++)
    rows.push(`(${day(m)}, ${start(m)}, ${day(m - 1)}, ${start(m + 1)}, ${day(m + 1)})`);
  return `month_starts(utc_month, starts, previous_month, next_starts, next_month) AS (VALUES ${rows.join(', ')})`;
}

/** The join onto `month_starts` (as `m`, or `alias`) and the expression for `instant`'s local month (see monthStartsCte). */
export function localMonthOf(instant: string, alias = 'm'): { join: string; month: string } {
  const m = alias;
  return {
    join: `LEFT JOIN month_starts ${m} ON ${m}.utc_month = CAST(date_trunc('month', ${instant}) AS DATE)`,
    month: `CASE WHEN ${instant} < ${m}.starts THEN ${m}.previous_month WHEN ${instant} >= ${m}.next_starts THEN ${m}.next_month ELSE ${m}.utc_month END`,
  };
}
