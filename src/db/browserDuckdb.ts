/**
 * The one place the browser starts DuckDB-WASM. The eh bundle is self-hosted (Vite copies the wasm and
 * worker into the build), so nothing is fetched from a CDN; only this page's database file is read,
 * with HTTP range requests.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { CachedEngine } from './cachedEngine.ts';
import type { SqlEngine } from './engine.ts';
import { WasmEngine, attachModel } from './wasm.ts';

const REGISTERED_NAME = 'model.duckdb';

/** One instance per database file, so islands on the same page share the worker and its block cache. */
const models = new Map<string, Promise<SqlEngine>>();

export function openBrowserModel(databaseUrl: string): Promise<SqlEngine> {
  const url = new URL(databaseUrl, location.href).href;
  let model = models.get(url);
  if (!model) {
    model = open(url);
    models.set(url, model);
    // A failed start (e.g. offline) must not stick: the next call tries again.
    model.catch(() => models.delete(url));
  }
  return model;
}

async function open(url: string): Promise<SqlEngine> {
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(workerUrl));
  try {
    await db.instantiate(wasmUrl);
    // Without these, DuckDB-WASM downloads the whole file with one GET instead of range reads.
    await db.open({
      query: { castBigIntToDouble: true },
      filesystem: { reliableHeadRequests: true, allowFullHTTPReads: false, forceFullHTTPReads: false },
    });
    await db.registerFileURL(REGISTERED_NAME, url, duckdb.DuckDBDataProtocol.HTTP, false);
    const conn = await db.connect();
    await attachModel(conn, REGISTERED_NAME);
    return new CachedEngine(new WasmEngine(conn));
  } catch (error) {
    await db.terminate();
    throw error;
  }
}
