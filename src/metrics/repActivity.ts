import type { Metric } from './metric.ts';
import { FILTER_KEYS, type Filters, type MetricParams } from './params.ts';
import { QueryParams } from './query.ts';
import { dateOfEpochDay, epochDay } from '../time/zone.ts';
import { days, filterSql, idOrder, instantWindowSql, localMidnight, tsParam } from './sql.ts';

/** Days without an activity after which an open deal counts as idle, unless set (`--idle-days`). */
export const DEFAULT_IDLE_DAYS = 14;

export interface RepActivityRow {
  owner_id: string;
  activities: number;
  activities_per_week: number | null;
  open_deals: number;
  idle_open_deals: number;
}

/** Filters that describe the rep (owner, team) and those that describe a deal. */
function splitFilters(filters: Filters): { rep: Filters; deal: Filters } {
  const rep: Filters = {};
  const deal: Filters = {};
  for (const key of FILTER_KEYS) {
    const values = filters[key];
    if (!values?.length) continue;
    if (key === 'owner_id' || key === 'team') rep[key] = values;
    else deal[key] = values;
  }
  return { rep, deal };
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
    const { rep, deal } = splitFilters(p.filters);
    const dealFiltered = Object.keys(deal).length > 0;
    const asOf = tsParam(q, p.asOf);
    const idleDays = p.idleDays ?? DEFAULT_IDLE_DAYS;
    const start = p.from ? tsParam(q, localMidnight(p.from, p.tz)) : '(SELECT min(first_at) FROM in_window)';
    const end = p.to ? `least(${asOf}, ${tsParam(q, localMidnight(dateOfEpochDay(epochDay(p.to) + 1), p.tz))})` : asOf;
    const sql = `
WITH logged AS (
  SELECT a.owner_id, a.opp_id, a."at"
  FROM activities a
  LEFT JOIN reps r ON r.rep_id = a.owner_id
  ${dealFiltered ? 'JOIN' : 'LEFT JOIN'} opportunities o ON o.opp_id = a.opp_id
  WHERE a."at" <= ${asOf} AND ${filterSql(q, rep, 'a', { team: 'r.team' })} AND ${filterSql(q, deal, 'o')}
),
in_window AS (
  SELECT owner_id, count(*) AS activities, min("at") AS first_at FROM logged WHERE ${instantWindowSql(q, 'logged."at"', p)} GROUP BY owner_id
),
weeks AS (
  SELECT greatest(1, coalesce(${days(start, end)}, 1)) / 7.0 AS weeks
),
open_deals AS (
  SELECT o.owner_id, o.opp_id FROM opportunities o WHERE o.stage_kind = 'open' AND ${filterSql(q, p.filters, 'o')}
),
recent AS (
  SELECT DISTINCT a.opp_id FROM activities a
  WHERE a.opp_id IS NOT NULL AND a."at" <= ${asOf} AND a."at" > ${asOf} - to_days(CAST(${q.bind(idleDays)} AS INTEGER))
),
open_counts AS (
  SELECT d.owner_id, count(*) AS open_deals, count(*) FILTER (WHERE r.opp_id IS NULL) AS idle_open_deals
  FROM open_deals d LEFT JOIN recent r ON r.opp_id = d.opp_id
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
