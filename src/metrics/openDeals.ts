import { dwellCtes, stallP75Cte } from './dwellStints.ts';
import { limitSql } from './list.ts';
import type { Metric } from './metric.ts';
import { QueryParams } from './query.ts';
import { idOrder, isoTimestamp } from './sql.ts';

export interface OpenDealRow {
  opp_id: string;
  opp_name: string | null;
  owner_id: string;
  rep_name: string | null;
  account_id: string | null;
  account_name: string | null;
  amount: number | null;
  stage: string;
  /** When the current stint began (ISO UTC). */
  entered_at: string;
  /** The current stint up to as_of: what the stall rule measures. */
  open_stint_days: number;
  /** All days in the current stage, earlier stints included (stage_dwell's `days`). */
  days_in_stage: number;
  /** The stage's limit: its configured one, else the company-wide 75th percentile of completed stints. */
  stall_limit_days: number | null;
  stalled: boolean;
  close_date: string | null;
}

/**
 * The open deals and how long each has sat in its current stage, stalled ones first (docs/metrics.md stage_dwell's
 * stall rule). A snapshot at as_of like the open pipeline: filters apply, the window does not — a deal
 * stuck since last year is stuck now.
 */
export const openDeals: Metric<OpenDealRow> = {
  view: 'open_deals',
  requires: ['opportunities'],
  build(p) {
    const q = new QueryParams();
    const snapshot = { ...p, from: undefined, to: undefined };
    const sql = `
WITH ${stallP75Cte(p)},
${dwellCtes(q, snapshot, 'dwell', { applyFilters: true, openDealsOnly: true })}
SELECT CAST(o.opp_id AS VARCHAR) AS opp_id, CAST(o.opp_name AS VARCHAR) AS opp_name, CAST(o.owner_id AS VARCHAR) AS owner_id,
       CAST(r.rep_name AS VARCHAR) AS rep_name, CAST(o.account_id AS VARCHAR) AS account_id, CAST(a.account_name AS VARCHAR) AS account_name,
       CAST(o.amount AS DOUBLE) AS amount, CAST(s.stage AS VARCHAR) AS stage, ${isoTimestamp('s.entered_at')} AS entered_at,
       CAST(s.days AS DOUBLE) AS open_stint_days, CAST(d.days AS DOUBLE) AS days_in_stage,
       CAST(s.stall_limit AS DOUBLE) AS stall_limit_days, coalesce(s.days > s.stall_limit, false) AS stalled,
       CAST(o.close_date AS VARCHAR) AS close_date
FROM dwell_stints s
JOIN dwell d ON d.opp_id = s.opp_id AND d.stage = s.stage
-- On the owner too: opportunities are stored by region then owner, so a rep's deals bound what is read.
JOIN opportunities o ON o.opp_id = s.opp_id AND o.owner_id = s.owner_id
LEFT JOIN reps r ON r.rep_id = o.owner_id
LEFT JOIN accounts a ON a.account_id = o.account_id
WHERE s.is_open
ORDER BY stalled DESC, s.days DESC, ${idOrder('o.opp_id')}
${limitSql(q, p)}`;
    return q.query(sql);
  },
};
