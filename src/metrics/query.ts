import type { BoundQuery, Row, SqlParam } from '../db/engine.ts';

/**
 * Collects bound parameters while a metric assembles its SQL. Metric code writes `q.bind(value)` where a
 * value belongs; user input therefore only ever reaches the engine as a parameter, never as SQL text.
 * Each bind gets its own placeholder so DuckDB infers every parameter's type from one use only.
 */
export class QueryParams {
  private readonly values: SqlParam[] = [];

  bind(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** The finished query; `R` is the row its SQL returns, declared by the metric that wrote it. */
  query<R extends object = Row>(sql: string): BoundQuery<R> {
    return { sql, params: [...this.values] };
  }
}
