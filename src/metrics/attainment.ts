import { dealSource } from './dealCube.ts';
import type { Metric } from './metric.ts';
import type { FilterKey, TargetScopeName } from './params.ts';
import { QueryParams } from './query.ts';
import { filterSql, idOrder } from './sql.ts';

export interface AttainmentRow {
  period: string;
  scope: TargetScopeName;
  scope_id: string | null;
  period_start: string;
  period_end: string;
  target: number;
  won_amount: number;
  attainment: number | null;
}

/**
 * Attainment (docs/metrics.md, "attainment"): per target row, the won amount closed in its period (bounds resolved
 * at build with the fiscal year start) within its scope. Filters narrow the deals counted and hide
 * region/rep target rows outside the filtered regions/reps/teams; a window keeps overlapping periods;
 * `targetScopes` keeps only those scopes' rows.
 */
const SCOPES: readonly TargetScopeName[] = ['company', 'region', 'rep'];
/** The opportunity column a scope's scope_id matches (none: the company). */
const SCOPE_KEYS: Record<TargetScopeName, string | null> = { company: null, region: 'region', rep: 'owner_id' };

export const attainment: Metric<AttainmentRow> = {
  view: 'attainment',
  requires: ['opportunities', 'targets'],
  build(p) {
    const q = new QueryParams();
    const bindList = (values: readonly string[]): string => values.map((v) => q.bind(v)).join(', ');
    // Each page reads only the scopes it shows: a rep's targets are most of the rows (400 reps × 17 periods
    // a year at 1M deals), and turning 19,000 rows into objects cost the overview more than its queries.
    const scopes = SCOPES.filter((s) => p.targetScopes?.includes(s) ?? true);
    if (scopes.length === 0) throw new Error('attainment needs at least one target scope');
    const rowFilters: string[] = [];
    if (p.filters.region?.length)
      rowFilters.push(`(t.scope <> 'region' OR t.scope_id IN (${bindList(p.filters.region)}))`);
    if (p.filters.owner_id?.length)
      rowFilters.push(`(t.scope <> 'rep' OR t.scope_id IN (${bindList(p.filters.owner_id)}))`);
    if (p.filters.team?.length) {
      rowFilters.push(
        `(t.scope <> 'rep' OR t.scope_id IN (SELECT rep_id FROM reps WHERE team IN (${bindList(p.filters.team)})))`,
      );
    }
    if (p.from) rowFilters.push(`t.period_end >= CAST(${q.bind(p.from)} AS DATE)`);
    if (p.to) rowFilters.push(`t.period_start <= CAST(${q.bind(p.to)} AS DATE)`);
    // One equi-join per scope (region = scope_id, owner = scope_id) instead of one join on an OR of the
    // three: DuckDB can then hash-join, which took the query from 6 s to milliseconds in the browser at
    // 1M deals. Won amounts are summed per day first (per month in a rollup: target periods are whole
    // months, so the owner rollup answers every window), so the range join sees days, not deals.
    const scope = (name: string, key: string | null): string => `
  SELECT t.period, t.scope, t.scope_id, t.period_start, t.period_end, t.target, coalesce(sum(w.amount), 0) AS won_amount
  FROM kept t
  LEFT JOIN won w ON ${key ? `w.${key} = t.scope_id AND ` : ''}w.close_date BETWEEN t.period_start AND t.period_end
  WHERE t.scope = '${name}'
  GROUP BY ALL`;
    // Without rep targets the won amounts need no owner: the company-level rollup, 34× smaller, answers.
    const keys: FilterKey[] = scopes.includes('rep') ? ['owner_id', 'region'] : ['region'];
    const sql = `
WITH won AS (
  SELECT ${keys.map((k) => `o.${k}, `).join('')}o.close_date, sum(o.amount_sum) AS amount FROM ${dealSource(p, keys, [])} o
  WHERE o.kind = 'won' AND o.close_date IS NOT NULL AND ${filterSql(q, p.filters, 'o')}
  GROUP BY ALL
),
kept AS (
  SELECT * FROM targets t WHERE ${rowFilters.length ? rowFilters.join(' AND ') : 'TRUE'}
),
scored AS (${scopes.map((s) => scope(s, SCOPE_KEYS[s])).join('\n  UNION ALL')}
)
SELECT period, scope, scope_id, CAST(period_start AS VARCHAR) AS period_start, CAST(period_end AS VARCHAR) AS period_end,
       CAST(target AS DOUBLE) AS target, CAST(won_amount AS DOUBLE) AS won_amount,
       CAST(won_amount / nullif(target, 0) AS DOUBLE) AS attainment
FROM scored
ORDER BY CASE scope WHEN 'company' THEN 0 WHEN 'region' THEN 1 ELSE 2 END, period_start, period_end, ${idOrder('scope_id')}`;
    return q.query(sql);
  },
};
