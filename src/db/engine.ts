/**
 * The one query interface both engines implement: native DuckDB (build time, CLI) and DuckDB-WASM
 * (browser). Metric modules only produce `BoundQuery` values; they never see an engine.
 */

/** A value bound to a `$n` placeholder. Dates and timestamps travel as ISO strings and are CAST in SQL. */
export type SqlParam = string | number | boolean | null;

/** A result row as plain JSON-safe values: numbers, strings, booleans or null. */
export type Row = Record<string, number | string | boolean | null>;

/**
 * SQL text with positional `$1…$n` placeholders and the values for them, in order, and the type of the
 * rows it returns (`R`): the metric that builds the SQL names its columns, so `engine.all(query)` is typed.
 */
export interface BoundQuery<R extends object = Row> {
  readonly sql: string;
  readonly params: readonly SqlParam[];
  /** Never set: carries `R` from the query's builder to the engine's result. */
  readonly rows?: R;
}

export interface SqlEngine {
  /** `signal` lets a newer request take over (the browser); engines that finish quickly may ignore it. */
  all<R extends object = Row>(query: BoundQuery<R>, signal?: AbortSignal): Promise<R[]>;
}

/**
 * Engines return BIGINT as bigint (native) or number (WASM with castBigIntToDouble); metric SQL casts
 * its outputs to INTEGER/DOUBLE/VARCHAR/BOOLEAN, and this keeps the two engines' rows identical anyway.
 */
export function toJsonValue(value: unknown): number | string | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/** `work`'s outcome, or a rejection with the signal's reason as soon as it aborts (the work itself runs on). */
export function settleOrAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
