import type { BoundQuery } from '../db/engine.ts';
import type { MetricParams } from './params.ts';
import type { QueryParams } from './query.ts';

/** `LIMIT n` as a bound BIGINT for list views (DuckDB-WASM binds every number as DOUBLE); '' for the whole list. */
export function limitSql(q: QueryParams, p: Pick<MetricParams, 'limit'>): string {
  if (p.limit === undefined) return '';
  if (!(Number.isSafeInteger(p.limit) && p.limit >= 0))
    throw new Error(`limit must be a non-negative integer, got ${String(p.limit)}`);
  return `LIMIT CAST(${q.bind(p.limit)} AS BIGINT)`;
}

/** How many rows a query gives in all: a list's total beside its first page, from the list's own SQL. */
export function countQuery(query: BoundQuery<object>): BoundQuery<{ rows: number }> {
  return { sql: `SELECT CAST(count(*) AS INTEGER) AS rows FROM (${query.sql})`, params: query.params };
}
