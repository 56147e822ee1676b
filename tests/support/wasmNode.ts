import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker as ThreadWorker, type TransferListItem } from 'node:worker_threads';
import * as duckdb from '@duckdb/duckdb-wasm';
import { WasmEngine, attachModel } from '../../src/db/wasm.ts';

/**
 * Opens a DuckDB database file with DuckDB-WASM's Node build, set up the way the browser sets it up
 * (async worker, READ_ONLY attach as `model`, no extension downloads), so tests run the browser's
 * `WasmEngine` code path on real files.
 */
export interface WasmNodeModel {
  readonly engine: WasmEngine;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const WASM_PATH = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm');
const WORKER_PATH = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-eh.worker.cjs');

/**
 * The Node worker script talks through `globalThis.onmessage`/`postMessage` like a Web Worker. The
 * package only ships a fetch-and-blob based `createWorker`, which cannot load a local file, so this
 * bridges a `worker_threads` worker to that contract instead.
 */
const BRIDGE = `
const { parentPort, workerData } = require('node:worker_threads');
globalThis.self = globalThis;
globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
parentPort.on('message', (data) => globalThis.onmessage?.({ data }));
require(workerData.script);
`;

type Listener = (event: unknown) => void;

/** The part of the DOM `Worker` that `AsyncDuckDB` uses: listeners, postMessage, terminate. */
class NodeWebWorker {
  private readonly thread = new ThreadWorker(BRIDGE, { eval: true, workerData: { script: WORKER_PATH } });
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor() {
    this.thread.on('message', (data: unknown) => this.emit('message', { data }));
    this.thread.on('error', (error: unknown) => this.emit('error', error));
    this.thread.on('exit', () => this.emit('close', {}));
  }

  addEventListener(type: string, listener: Listener): void {
    const set = this.listeners.get(type) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  postMessage(message: unknown, transfer: readonly TransferListItem[] = []): void {
    this.thread.postMessage(message, transfer);
  }

  terminate(): void {
    void this.thread.terminate();
  }

  private emit(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

export async function openWasmModel(databasePath: string): Promise<WasmNodeModel> {
  // Structurally enough of a Worker for AsyncDuckDB; the DOM type cannot be satisfied in Node.
  const worker = new NodeWebWorker() as unknown as Worker;
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(WASM_PATH);
  await db.open({ query: { castBigIntToDouble: true } });
  // A buffer, not NODE_FS: in 1.32 a READ_ONLY attach of a NODE_FS file fails ("database does not
  // exist" for a path, "missing a file descriptor" for a registered handle). Test files are small.
  await db.registerFileBuffer('model.duckdb', new Uint8Array(await readFile(databasePath)));
  const conn = await db.connect();
  await attachModel(conn, 'model.duckdb');
  return {
    engine: new WasmEngine(conn),
    async close() {
      await conn.close();
      await db.terminate();
    },
  };
}
