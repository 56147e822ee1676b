import type { Metric } from './metric.ts';
import { CLOSED_FIGURES, closedFiguresSql, figureSql, PIPELINE_FIGURES, pipelineFiguresSql } from './kpiFigures.ts';
import { comparisonPeriod } from './period.ts';
import { QueryParams } from './query.ts';

const FIGURES = [...CLOSED_FIGURES, ...PIPELINE_FIGURES] as const;

export type KpiFigures = Record<(typeof FIGURES)[number], number | null>;
export type KpiRow = KpiFigures & { [K in keyof KpiFigures as `prev_${K}`]: number | null } & {
  period_from: string | null;
  period_to: string | null;
  prev_from: string | null;
  prev_to: string | null;
};

/**
 * Headline KPIs (docs/metrics.md, "kpis"): closed-deal figures over the close_date window, the open and weighted
 * pipeline as the as_of snapshot (filters apply, the window does not), and the same figures for the
 * comparison period. The pipeline is a snapshot, so its comparison value is the same snapshot.
 */
export const kpis: Metric<KpiRow> = {
  view: 'kpis',
  requires: ['opportunities'],
  build(p) {
    const q = new QueryParams();
    const prev = comparisonPeriod(p);
    const current = closedFiguresSql(q, p, p.from, p.to, []);
    const previous = prev ? closedFiguresSql(q, p, prev.from, prev.to, []) : null;
    const pipeline = pipelineFiguresSql(q, p, []);
    const columns = FIGURES.map((f) => {
      const snapshot = (PIPELINE_FIGURES as readonly string[]).includes(f);
      return `${figureSql(snapshot ? 'pipe' : 'cur', f)} AS ${f}, ${previous ? figureSql(snapshot ? 'pipe' : 'prev', f) : 'CAST(NULL AS DOUBLE)'} AS prev_${f}`;
    });
    const text = (value: string | undefined): string => `CAST(${q.bind(value ?? null)} AS VARCHAR)`;
    const sql = `
SELECT ${columns.join(',\n       ')},
       ${text(p.from)} AS period_from, ${text(p.to)} AS period_to,
       ${text(prev?.from)} AS prev_from, ${text(prev?.to)} AS prev_to
FROM ${current} cur CROSS JOIN ${pipeline} pipe${previous ? ` CROSS JOIN ${previous} prev` : ''}`;
    return q.query(sql);
  },
};
