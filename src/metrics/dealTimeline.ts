import type { BoundQuery } from '../db/engine.ts';
import { stintDaysSql } from './dwellStints.ts';
import type { MetricParams } from './params.ts';
import { QueryParams } from './query.ts';
import { isoTimestamp } from './sql.ts';

/** One deal's stage entries (docs/metrics.md, "Stage entries"), for the timeline any deal list drills to. */
export interface TimelineRow {
  seq: number;
  stage: string;
  stage_kind: 'open' | 'won' | 'lost';
  /** ISO UTC instants; left_at is null for the current (last) entry. */
  entered_at: string;
  left_at: string | null;
  /** Days in the stint (an open current stint up to as_of); null for won and lost stages, which have no dwell. */
  days: number | null;
  is_open: boolean;
}

export interface DealHeader {
  opp_id: string;
  opp_name: string | null;
  owner_id: string;
  rep_name: string | null;
  account_name: string | null;
  region: string;
  product_line: string;
  amount: number | null;
  stage: string;
  stage_kind: 'open' | 'won' | 'lost';
  created_at: string;
  close_date: string | null;
}

/** The stints of one deal in order. Not a filtered view: a deal id names exactly one deal. */
export function dealTimeline(p: Pick<MetricParams, 'asOf'>, oppId: string): BoundQuery<TimelineRow> {
  const q = new QueryParams();
  const sql = `
SELECT CAST(e.seq AS INTEGER) AS seq, e.stage, e.stage_kind, ${isoTimestamp('e.entered_at')} AS entered_at,
       ${isoTimestamp('e.left_at')} AS left_at, CAST(${stintDaysSql(q, p, 'e')} AS DOUBLE) AS days, e.is_open
FROM stage_entries e
WHERE e.opp_id = ${q.bind(oppId)}
ORDER BY e.seq`;
  return q.query(sql);
}

export function dealHeader(oppId: string): BoundQuery<DealHeader> {
  const q = new QueryParams();
  const sql = `
SELECT CAST(o.opp_id AS VARCHAR) AS opp_id, CAST(o.opp_name AS VARCHAR) AS opp_name, CAST(o.owner_id AS VARCHAR) AS owner_id,
       CAST(r.rep_name AS VARCHAR) AS rep_name, CAST(a.account_name AS VARCHAR) AS account_name, o.region, o.product_line,
       CAST(o.amount AS DOUBLE) AS amount, o.stage, o.stage_kind, ${isoTimestamp('o.created_at')} AS created_at,
       CAST(o.close_date AS VARCHAR) AS close_date
FROM opportunities o
LEFT JOIN reps r ON r.rep_id = o.owner_id
LEFT JOIN accounts a ON a.account_id = o.account_id
WHERE o.opp_id = ${q.bind(oppId)}`;
  return q.query(sql);
}
