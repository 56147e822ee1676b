import type { BoundQuery } from '../db/engine.ts';
import type { MetricParams } from './params.ts';

/** A metric: one SQL definition built from typed parameters, runnable by any `SqlEngine`. */
export interface Metric {
  readonly view: string;
  /** Model tables whose source file must have been present; otherwise the view says so instead of showing zeros. */
  readonly requires: readonly string[];
  build(params: MetricParams): BoundQuery;
}
