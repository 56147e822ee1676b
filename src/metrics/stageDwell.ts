import { dwellCtes, stallP75Cte } from './dwellStints.ts';
import type { Metric } from './metric.ts';
import { QueryParams } from './query.ts';
import { idOrder } from './sql.ts';

export interface StageDwellRow {
  opp_id: string;
  owner_id: string;
  stage: string;
  stage_order: number;
  entries: number;
  days: number;
  is_open: boolean;
  stalled: boolean;
}

/** Stage dwell (docs/metrics.md, "stage_dwell"): days each opportunity spent in each open stage it entered. */
export const stageDwell: Metric<StageDwellRow> = {
  view: 'stage_dwell',
  requires: ['opportunities'],
  build(p) {
    const q = new QueryParams();
    const sql = `
WITH ${stallP75Cte(p)},
${dwellCtes(q, p, 'dwell', { applyFilters: true })}
SELECT opp_id, owner_id, stage, CAST(stage_order AS INTEGER) AS stage_order, CAST(entries AS INTEGER) AS entries,
       CAST(days AS DOUBLE) AS days, is_open, stalled
FROM dwell
ORDER BY ${idOrder('opp_id')}, stage_order, stage`;
    return q.query(sql);
  },
};
