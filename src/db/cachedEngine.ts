import { settleOrAbort, type BoundQuery, type Row, type SqlEngine } from './engine.ts';

/** How many rows the page keeps in all (about 10 MB of row objects at the widest views). */
const MAX_ROWS = 50_000;
/** A result larger than this (a long deal list) is not kept: it would push out many small ones. */
const MAX_RESULT_ROWS = 10_000;

interface Entry {
  readonly rows: Promise<Row[]>;
  /** Its row count once answered (0 while running). */
  size: number;
}

/**
 * The answers a page has already had, by SQL text and parameters, as Mosaic's coordinator keeps them: the
 * database file of a page never changes while it is open, so going back to a region, a period or a stage
 * seen before shows it without asking DuckDB-WASM again (a DuckDB-WASM query plans for 5–30 ms even on
 * a rollup of a few thousand rows). Identical queries running at once share one run. The least recently
 * used answers go first beyond `MAX_ROWS`; failures are never kept.
 *
 * Rows are shared between callers: page code derives new arrays from them and never changes them.
 */
export class CachedEngine implements SqlEngine {
  private readonly entries = new Map<string, Entry>();
  private rows = 0;

  constructor(private readonly engine: SqlEngine) {}

  /** The same engine without the cache, for queries whose answers the page will never show (the warm-up's). */
  get uncached(): SqlEngine {
    return this.engine;
  }

  all<R extends object = Row>(query: BoundQuery<R>, signal?: AbortSignal): Promise<R[]> {
    signal?.throwIfAborted();
    const key = `${JSON.stringify(query.params)}\n${query.sql}`;
    let entry = this.entries.get(key);
    if (entry) {
      // Map order is recency: re-inserted last on every use.
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      // Run without the caller's signal: a later caller may still want the answer.
      entry = { rows: this.engine.all(query as BoundQuery<Row>), size: 0 };
      this.entries.set(key, entry);
      this.settle(key, entry);
    }
    const rows = entry.rows as Promise<R[]>;
    return signal ? settleOrAbort(rows, signal) : rows;
  }

  private settle(key: string, entry: Entry): void {
    entry.rows.then(
      (rows) => {
        if (this.entries.get(key) !== entry) return;
        if (rows.length > MAX_RESULT_ROWS) {
          this.entries.delete(key);
          return;
        }
        entry.size = rows.length;
        this.rows += rows.length;
        this.evict();
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.rows <= MAX_ROWS) return;
      this.entries.delete(key);
      this.rows -= entry.size;
    }
  }
}
