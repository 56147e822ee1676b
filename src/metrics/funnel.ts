import type { Metric } from './metric.ts';
import type { MetricParams } from './params.ts';
import { QueryParams } from './query.ts';
import { funnelCounts } from './funnelRollup.ts';
import { samePipeline } from './reached.ts';
import { filterSql } from './sql.ts';

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
 * Funnel (docs/metrics.md, "funnel"): each opportunity's highest open stage ever entered (won = beyond all; everyone
 * reached the first open stage), counted into every step at or below it. Skipped stages count as passed.
 * Reads the opportunities table only (the highest stage was taken from the history at build), or its
 * rollup when that answers the filters and window (src/metrics/funnelRollup.ts).
 * A model with several pipelines (our extension) gets one funnel per pipeline, one after the other: each
 * pipeline's open stages and its first won stage, counting only that pipeline's deals.
 */
export const funnel: Metric<FunnelRow> = {
  view: 'funnel',
  requires: ['opportunities'],
  build(p: MetricParams) {
    const q = new QueryParams();
    const sql = `
WITH by_highest AS (
  ${funnelCounts(q, p)}
),
pipeline_stages AS (SELECT * FROM stages s WHERE ${filterSql(q, { pipeline: p.filters.pipeline }, 's')}),
steps AS (
  SELECT stage, stage_order, 'open' AS kind, 0 AS step_group, pipeline FROM pipeline_stages WHERE kind = 'open'
  UNION ALL
  SELECT arg_min(stage, (stage_order, stage)), min(stage_order), 'won', 1, pipeline FROM pipeline_stages WHERE kind = 'won' GROUP BY pipeline
),
reached AS (
  SELECT s.stage, s.stage_order, s.kind, s.step_group, s.pipeline,
         coalesce(sum(b.n), 0) AS reached,
         coalesce(sum(b.amount), 0) AS reached_amount
  FROM steps s
  LEFT JOIN by_highest b ON ${samePipeline('b', 's')} AND CASE WHEN s.kind = 'won' THEN b.won ELSE b.won OR b.highest >= s.stage_order END
  GROUP BY ALL
)
SELECT stage, CAST(stage_order AS INTEGER) AS stage_order, kind,
       CAST(reached AS INTEGER) AS reached,
       CAST(reached_amount AS DOUBLE) AS reached_amount,
       CAST(reached AS DOUBLE) / nullif(lag(reached) OVER steps_order, 0) AS conv_from_prev,
       CAST(reached AS DOUBLE) / nullif(first_value(reached) OVER steps_order, 0) AS conv_from_top
FROM reached
WINDOW steps_order AS (PARTITION BY pipeline ORDER BY step_group, stage_order)
ORDER BY pipeline NULLS FIRST, step_group, stage_order`;
    return q.query(sql);
  },
};
