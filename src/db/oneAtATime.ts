import type { BoundQuery, Row, SqlEngine } from './engine.ts';

/** Work done one piece at a time: each piece starts once the previous one has settled, failed or not. */
export class Turns {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.last.then(work);
    this.last = result.catch(() => undefined);
    return result;
  }
}

/**
 * An engine that asks one query at a time: each starts once the previous one has settled, and one whose
 * signal was aborted while it waited never starts. Background work (the warm-up's exercise) then leaves
 * at most one query in DuckDB-WASM's worker ahead of the user's own, where a page sends its queries together.
 */
export class OneAtATime implements SqlEngine {
  private readonly turns = new Turns();

  constructor(private readonly engine: SqlEngine) {}

  all<R extends object = Row>(query: BoundQuery<R>, signal?: AbortSignal): Promise<R[]> {
    return this.turns.run(() => {
      signal?.throwIfAborted();
      return this.engine.all(query, signal);
    });
  }
}
