import type { SqlEngine } from '../db/engine.ts';

/** Whether the engine has been asked for, so the status line can say "loading" only the first time. */
let started = false;

/** The engine once it has started, by database URL, for callers that must not wait a microtask for it. */
const ready = new Map<string, SqlEngine>();

/**
 * The page's DuckDB-WASM engine, started on first need (`openBrowserModel` keeps one per database and
 * forgets a failed start). The module that pulls in DuckDB-WASM is imported only here and only then, so
 * the prerendered page ships none of it.
 */
export function liveEngine(databaseUrl: string): Promise<SqlEngine> {
  started = true;
  const engine = import('../db/browserDuckdb.ts').then((m) => m.openBrowserModel(databaseUrl));
  void engine.then((e) => ready.set(databaseUrl, e)).catch(() => undefined);
  // A failed start (offline, blocked) must not stick: the next interaction says "loading" again.
  engine.catch(() => {
    started = false;
  });
  return engine;
}

export function engineStarted(): boolean {
  return started;
}

/**
 * The started engine, synchronously; null until it is. A filter change sends its first query from the
 * change event itself: awaiting the engine first let Svelte's update and often a whole rendering frame
 * (10–40 ms at 1M deals) run before the worker received any work.
 */
export function readyEngine(databaseUrl: string): SqlEngine | null {
  return ready.get(databaseUrl) ?? null;
}
