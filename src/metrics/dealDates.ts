import type { BoundQuery, SqlEngine } from '../db/engine.ts';
import { dateInZone } from '../time/zone.ts';
import type { MetricParams } from './params.ts';
import { QueryParams } from './query.ts';
import { asOfDate, dateParam, isoTimestamp, tsParam } from './sql.ts';

/** Per deal owner: the last instant a deal was created and the last date one was closed, up to as_of. */
export interface DealDatesRow {
  owner_id: string;
  last_created_at: string | null;
  last_closed_on: string | null;
}

/**
 * When each owner's deals last moved into or out of a window: a period "has data" when a deal was created
 * or closed in it — the two dates every window of the views reads. What happened after as_of is not in
 * the data yet.
 */
export function dealDates(p: Pick<MetricParams, 'asOf' | 'tz'>): BoundQuery<DealDatesRow> {
  const q = new QueryParams();
  const sql = `
SELECT CAST(owner_id AS VARCHAR) AS owner_id,
       ${isoTimestamp(`max(created_at) FILTER (WHERE created_at <= ${tsParam(q, p.asOf)})`)} AS last_created_at,
       CAST(max(close_date) FILTER (WHERE stage_kind <> 'open' AND close_date <= ${dateParam(q, asOfDate(p))}) AS VARCHAR) AS last_closed_on
FROM opportunities
GROUP BY owner_id`;
  return q.query(sql);
}

/** The latest local date of a row's two dates, in the build's time zone; null when it has neither. */
function latestDate(row: DealDatesRow, tz: string): string | null {
  const created = row.last_created_at === null ? null : dateInZone(Date.parse(row.last_created_at), tz);
  if (created === null || (row.last_closed_on !== null && row.last_closed_on > created)) return row.last_closed_on;
  return created;
}

/** The latest date a deal was created or closed on, of the whole model and of each owner (build time). */
export async function loadLatestDealDates(
  engine: SqlEngine,
  p: Pick<MetricParams, 'asOf' | 'tz'>,
): Promise<{ all: string | null; byOwner: Map<string, string | null> }> {
  const rows = await engine.all(dealDates(p));
  const byOwner = new Map(rows.map((r) => [r.owner_id, latestDate(r, p.tz)]));
  const all = [...byOwner.values()].reduce<string | null>(
    (max, d) => (d !== null && (max === null || d > max) ? d : max),
    null,
  );
  return { all, byOwner };
}
