import type { BoundQuery, Row } from '../db/engine.ts';
import type { MetricParams } from './params.ts';

/** A metric: one SQL definition built from typed parameters, runnable by any `SqlEngine`, returning rows `R`. */
export interface Metric<R extends object = Row> {
  readonly view: string;
  /** Model tables whose source file must have been present; otherwise the view says so instead of showing zeros. */
  readonly requires: readonly string[];
  build(params: MetricParams): BoundQuery<R>;
}
