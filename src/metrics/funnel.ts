import type { Metric } from './metric.ts';
import type { MetricParams } from './params.ts';
import { QueryParams } from './query.ts';
import { filterSql, instantWindowSql } from './sql.ts';

export interface FunnelRow {
  stage: string;
  stage_order: number;
  kind: 'open' | 'won';
  reached: number;
  reached_amount: number;
  conv_from_prev: number | null;
  conv_from_top: number | null;
}

/**
 * Funnel (spec "funnel"): each opportunity's highest open stage ever entered (won = beyond all; everyone
 * reached the first open stage), counted into every step at or below it. Skipped stages count as passed.
 */
export const funnel: Metric = {
  view: 'funnel',
  requires: ['opportunities'],
  build(p: MetricParams) {
    const q = new QueryParams();
    const sql = `
WITH population AS (
  SELECT o.opp_id, o.amount, o.stage_kind FROM opportunities o
  WHERE ${filterSql(q, p.filters, 'o')} AND ${instantWindowSql(q, 'o.created_at', p)}
),
highest AS (
  SELECT p.opp_id, any_value(p.amount) AS amount, any_value(p.stage_kind) = 'won' AS won,
         greatest(max(e.stage_order) FILTER (WHERE e.stage_kind = 'open'),
                  (SELECT min(stage_order) FROM stages WHERE kind = 'open')) AS highest
  FROM population p LEFT JOIN stage_entries e ON e.opp_id = p.opp_id
  GROUP BY p.opp_id
),
by_highest AS (
  SELECT highest, won, count(*) AS n, sum(coalesce(amount, 0)) AS amount FROM highest GROUP BY ALL
),
steps AS (
  SELECT stage, stage_order, 'open' AS kind, 0 AS step_group FROM stages WHERE kind = 'open'
  UNION ALL
  SELECT * FROM (SELECT stage, stage_order, 'won', 1 FROM stages WHERE kind = 'won' ORDER BY stage_order LIMIT 1)
),
reached AS (
  SELECT s.stage, s.stage_order, s.kind, s.step_group,
         coalesce(sum(b.n), 0) AS reached,
         coalesce(sum(b.amount), 0) AS reached_amount
  FROM steps s
  LEFT JOIN by_highest b ON CASE WHEN s.kind = 'won' THEN b.won ELSE b.won OR b.highest >= s.stage_order END
  GROUP BY ALL
)
SELECT stage, CAST(stage_order AS INTEGER) AS stage_order, kind,
       CAST(reached AS INTEGER) AS reached,
       CAST(reached_amount AS DOUBLE) AS reached_amount,
       CAST(reached AS DOUBLE) / nullif(lag(reached) OVER steps_order, 0) AS conv_from_prev,
       CAST(reached AS DOUBLE) / nullif(first_value(reached) OVER steps_order, 0) AS conv_from_top
FROM reached
WINDOW steps_order AS (ORDER BY step_group, stage_order)
ORDER BY step_group, stage_order`;
    return q.query(sql);
  },
};
