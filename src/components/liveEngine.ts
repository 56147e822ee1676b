import type { SqlEngine } from '../db/engine.ts';

/** Whether the engine has been asked for, so the status line can say "loading" only the first time. */
let started = false;

/**
 * The page's DuckDB-WASM engine, started on first need (`openBrowserModel` keeps one per database and
 * forgets a failed start). The module that pulls in DuckDB-WASM is imported only here and only then, so
 * the prerendered page ships none of it.
 */
export function liveEngine(databaseUrl: string): Promise<SqlEngine> {
  started = true;
  const engine = import('../db/browserDuckdb.ts').then((m) => m.openBrowserModel(databaseUrl));
  // A failed start (offline, blocked) must not stick: the next interaction says "loading" again.
  engine.catch(() => {
    started = false;
  });
  return engine;
}

export function engineStarted(): boolean {
  return started;
}
