import type { Metric } from './metric.ts';
import type { MetricParams } from './params.ts';
import { activitiesInWindow, openDealsActivity } from './activityRollup.ts';
import { QueryParams } from './query.ts';
import { dateOfEpochDay, epochDay } from '../time/zone.ts';
import { days, idOrder, localMidnight, tsParam } from './sql.ts';

export interface RepActivityRow {
  owner_id: string;
  activities: number;
  activities_per_week: number | null;
  open_deals: number;
  idle_open_deals: number;
}

/**
 * Activity per rep from the optional activities table: activities logged in the window (by `at`) and
 * per week of the time the window has run (from its first local midnight — or, when open, the first
 * activity shown — to the end of its last day or as_of, whichever comes first: nothing is logged in the
 * future; at least one day), and the open deals with no
 * activity in the last `idleDays` days before as_of. Rep filters apply to the activity's owner; deal
 * filters (region, product line…) keep only activities on a matching opportunity.
 */
export const repActivity: Metric<RepActivityRow> = {
  view: 'rep_activity',
  requires: ['opportunities', 'activities'],
  build(p: MetricParams) {
    const q = new QueryParams();
    const asOf = tsParam(q, p.asOf);
    const start = p.from ? tsParam(q, localMidnight(p.from, p.tz)) : '(SELECT min(first_at) FROM in_window)';
    const end = p.to ? `least(${asOf}, ${tsParam(q, localMidnight(dateOfEpochDay(epochDay(p.to) + 1), p.tz))})` : asOf;
    const sql = `
WITH in_window AS (
  SELECT a.owner_id, sum(a.activities) AS activities, min(a.first_at) AS first_at
  FROM (${activitiesInWindow(q, p)}) a
  GROUP BY a.owner_id
),
weeks AS (
  SELECT greatest(1, coalesce(${days(start, end)}, 1)) / 7.0 AS weeks
),
open_counts AS (
  SELECT d.owner_id, sum(d.open_deals) AS open_deals, sum(d.idle_open_deals) AS idle_open_deals
  FROM (${openDealsActivity(q, p)}) d
  GROUP BY d.owner_id
),
k AS (SELECT owner_id FROM in_window UNION SELECT owner_id FROM open_counts)
SELECT CAST(k.owner_id AS VARCHAR) AS owner_id,
       CAST(coalesce(w.activities, 0) AS INTEGER) AS activities,
       CAST(coalesce(w.activities, 0) / (SELECT weeks FROM weeks) AS DOUBLE) AS activities_per_week,
       CAST(coalesce(c.open_deals, 0) AS INTEGER) AS open_deals,
       CAST(coalesce(c.idle_open_deals, 0) AS INTEGER) AS idle_open_deals
FROM k
LEFT JOIN in_window w ON w.owner_id = k.owner_id
LEFT JOIN open_counts c ON c.owner_id = k.owner_id
ORDER BY ${idOrder('k.owner_id')}`;
    return q.query(sql);
  },
};
