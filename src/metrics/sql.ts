import { dateInZone, dateOfEpochDay, epochDay, wallTimeToUtc } from '../time/zone.ts';
import type { Filters, FilterKey, MetricParams } from './params.ts';
import { FILTER_KEYS } from './params.ts';
import type { QueryParams } from './query.ts';

/** Fractional days between two TIMESTAMP expressions (seconds / 86400, as docs/metrics.md defines durations). */
export const days = (from: string, to: string): string => `(date_diff('microsecond', ${from}, ${to}) / 86400000000.0)`;

/** A TIMESTAMP as the ISO UTC string every engine returns identically. */
export const isoTimestamp = (expr: string): string => `strftime(${expr}, '%Y-%m-%dT%H:%M:%S.%gZ')`;

/** An ISO UTC instant as the text a plain (zone-less) TIMESTAMP cast reads in every engine. */
export const timestampText = (iso: string): string => iso.replace('T', ' ').replace(/Z$/, '');

/** A bound parameter read as TIMESTAMP / DATE. */
export const tsParam = (q: QueryParams, iso: string | null): string =>
  `CAST(${q.bind(iso === null ? null : timestampText(iso))} AS TIMESTAMP)`;
export const dateParam = (q: QueryParams, date: string | null): string => `CAST(${q.bind(date)} AS DATE)`;

/** Where each filter key lives on the opportunities table (team and tier are resolved there at build). */
const OPPORTUNITY_COLUMNS: Record<FilterKey, string> = {
  region: 'region',
  product_line: 'product_line',
  owner_id: 'owner_id',
  team: 'team',
  campaign_id: 'campaign_id',
  tier: 'tier',
  pipeline: 'pipeline',
};

/**
 * The filter predicate for a row source: `alias.column IN ($a, $b)` per active key, ANDed. The SQL shape
 * depends only on how many values each key has; the values themselves are always bound.
 */
export function filterSql(
  q: QueryParams,
  filters: Filters,
  alias: string,
  overrides: Partial<Record<FilterKey, string>> = {},
): string {
  const clauses = FILTER_KEYS.flatMap((key) => {
    const values = filters[key] ?? [];
    if (values.length === 0) return [];
    const column = overrides[key] ?? `${alias}.${OPPORTUNITY_COLUMNS[key]}`;
    return [`${column} IN (${values.map((v) => q.bind(v)).join(', ')})`];
  });
  return clauses.length === 0 ? 'TRUE' : clauses.join(' AND ');
}

/** `column` (a DATE) within the inclusive calendar window; open ends are unbounded. */
export function dateWindowSql(
  q: QueryParams,
  column: string,
  from: string | undefined,
  to: string | undefined,
): string {
  const parts = [];
  if (from) parts.push(`${column} >= ${dateParam(q, from)}`);
  if (to) parts.push(`${column} <= ${dateParam(q, to)}`);
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

/** The UTC instant a calendar date (`YYYY-MM-DD`) starts at in the build's time zone, as ISO text. */
export const localMidnight = (date: string, tz: string): string =>
  new Date(wallTimeToUtc(epochDay(date) * 86_400_000, tz)).toISOString();

/**
 * `column` (a UTC TIMESTAMP) within the window's calendar days as seen in the build's time zone:
 * [from 00:00 local, the day after `to` 00:00 local), converted to UTC here so SQL needs no time-zone support.
 */
export function instantWindowSql(q: QueryParams, column: string, p: Pick<MetricParams, 'from' | 'to' | 'tz'>): string {
  const { start, end } = windowInstants(p);
  const parts = [];
  if (start) parts.push(`${column} >= ${tsParam(q, start)}`);
  if (end) parts.push(`${column} < ${tsParam(q, end)}`);
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

/** The window's first instant and the instant after its last day, as ISO UTC text (null: unbounded). */
export function windowInstants(p: Pick<MetricParams, 'from' | 'to' | 'tz'>): {
  start: string | null;
  end: string | null;
} {
  return {
    start: p.from ? localMidnight(p.from, p.tz) : null,
    end: p.to ? localMidnight(dateOfEpochDay(epochDay(p.to) + 1), p.tz) : null,
  };
}

/** The as_of instant's calendar date in the build's time zone (receivables count overdue days from it). */
export function asOfDate(p: Pick<MetricParams, 'asOf' | 'tz'>): string {
  return dateInZone(Date.parse(p.asOf), p.tz);
}

/**
 * How ids are ordered everywhere ("ordered by opp_id", "the lowest lead_id"): whole-number ids as
 * numbers (9 before 10), other ids as text (L-10 before L-9) — the way a spreadsheet sorts them.
 * `desc` is its exact reverse.
 */
export const idOrder = (column: string, dir: 'asc' | 'desc' = 'asc'): string =>
  dir === 'asc'
    ? `try_cast(${column} AS BIGINT) NULLS LAST, ${column}`
    : `try_cast(${column} AS BIGINT) DESC NULLS FIRST, ${column} DESC`;
