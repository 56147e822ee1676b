import type { BoundQuery, Row, SqlEngine } from './engine.ts';

/**
 * An engine that asks one query at a time: each starts once the previous one has settled, and one whose
 * signal was aborted while it waited never starts. Background work (the warm-up's exercise) then leaves
 * at most one query in DuckDB-WASM's worker ahead of the user's own, where a page sends its queries together.
 */
export class OneAtATime implements SqlEngine {
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly engine: SqlEngine) {}

  all<R extends object = Row>(query: BoundQuery<R>, signal?: AbortSignal): Promise<R[]> {
    const rows = this.last.then(() => {
      signal?.throwIfAborted();
      return this.engine.all(query, signal);
    });
    this.last = rows.catch(() => undefined);
    return rows;
  }
}
