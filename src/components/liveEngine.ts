import type { SqlEngine } from '../db/engine.ts';

/**
 * The page's one DuckDB-WASM engine, started on first need. The module that pulls in DuckDB-WASM is
 * imported only here and only then, so the prerendered page ships none of it.
 */
let engine: Promise<SqlEngine> | null = null;

export function liveEngine(databaseUrl: string): Promise<SqlEngine> {
  if (!engine) {
    engine = import('../db/browserDuckdb.ts').then((m) => m.openBrowserModel(databaseUrl));
    // A failed start (offline, blocked) must not stick: the next interaction tries again.
    engine.catch(() => {
      engine = null;
    });
  }
  return engine;
}

/** Whether the engine has been asked for, so the status line can say "loading" only the first time. */
export function engineStarted(): boolean {
  return engine !== null;
}
