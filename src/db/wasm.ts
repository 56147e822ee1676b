import { DataType, util, type Field, type Table } from 'apache-arrow';
import type { AsyncDuckDBConnection, AsyncPreparedStatement } from '@duckdb/duckdb-wasm';
import type { BoundQuery, Row, SqlEngine } from './engine.ts';
import { settleOrAbort, toJsonValue } from './engine.ts';

/** The schema every page queries; the database file is attached under this name. */
const MODEL_SCHEMA = 'model';

/**
 * DuckDB-WASM behind the shared `SqlEngine` interface. The DuckDB import is type-only, so the same
 * class serves the browser build and the Node build the tests use.
 *
 * Binding differs from native DuckDB: DuckDB-WASM passes parameters as JSON, so every JS number binds
 * as DOUBLE (native binds 3 as INTEGER) and null binds as a VARCHAR NULL. Where the SQL type of a
 * parameter matters (`to_days($1)`, `round(x, $1)`, `list[$1]`, `date + $1`), the SQL must cast it.
 */
export class WasmEngine implements SqlEngine {
  private readonly statements: StatementCache;

  constructor(conn: AsyncDuckDBConnection) {
    this.statements = new StatementCache(conn);
  }

  /**
   * Runs one query. Aborting `signal` rejects at once with the signal's reason so a newer request can
   * take over. The statement itself still runs to the end in the worker: in DuckDB-WASM 1.32
   * `cancelSent()` only interrupts `conn.send()` text queries, never prepared statements.
   */
  async all<R extends object = Row>(query: BoundQuery<R>, signal?: AbortSignal): Promise<R[]> {
    signal?.throwIfAborted();
    const rows = this.run(query);
    return signal ? settleOrAbort(rows, signal) : rows;
  }

  private async run<R extends object>(query: BoundQuery<R>): Promise<R[]> {
    // The query's builder declared its columns as R; the rows are Arrow's values turned into JSON ones.
    return this.statements.use(query.sql, async (statement) => toRows(await statement.query(...query.params)) as R[]);
  }
}

interface Statement {
  statement: Promise<AsyncPreparedStatement>;
  /** The statement once prepared: used without awaiting, so the query reaches the worker in the caller's task. */
  prepared: AsyncPreparedStatement | null;
  users: number;
  evicted: boolean;
}

/** Prepared statements kept for reuse; the least recently used beyond this are closed. */
const MAX_STATEMENTS = 64;

/**
 * A page re-runs the same few SQL texts with new parameters on every filter change. Preparing parses,
 * binds and plans the SQL in the worker, which for the overview's four views cost 65 % of a filter
 * change (186 ms per change prepared each time, 67 ms reusing them, demo model in DuckDB-WASM on Node).
 * A statement is closed only when evicted and no query is using it.
 */
class StatementCache {
  private readonly entries = new Map<string, Statement>();

  constructor(private readonly conn: AsyncDuckDBConnection) {}

  async use<T>(sql: string, work: (statement: AsyncPreparedStatement) => Promise<T>): Promise<T> {
    let entry = this.entries.get(sql);
    if (entry) this.entries.delete(sql);
    else {
      const created: Statement = { statement: this.conn.prepare(sql), prepared: null, users: 0, evicted: false };
      created.statement.then((statement) => (created.prepared = statement)).catch(() => undefined);
      entry = created;
    }
    // Map order is recency: re-inserted last on every use.
    this.entries.set(sql, entry);
    entry.users += 1;
    this.evict();
    try {
      return await work(entry.prepared ?? (await entry.statement));
    } catch (error) {
      // A statement that failed (to prepare, or on these parameters) is not kept: closed once unused.
      if (this.entries.get(sql) === entry) this.entries.delete(sql);
      entry.evicted = true;
      throw error;
    } finally {
      entry.users -= 1;
      if (entry.evicted && entry.users === 0) close(entry.statement);
    }
  }

  private evict(): void {
    for (const [sql, entry] of this.entries) {
      if (this.entries.size <= MAX_STATEMENTS) return;
      this.entries.delete(sql);
      entry.evicted = true;
      if (entry.users === 0) close(entry.statement);
    }
  }
}

function close(statement: Promise<AsyncPreparedStatement>): void {
  statement.then((s) => s.close()).catch(() => undefined);
}

/**
 * Attaches a registered database file read-only as `model`, makes it the default schema, then closes
 * every door to the network. The eh build has only core functions statically linked. With
 * autoinstall/autoload off a missing json/parquet function fails fast, but time-zone functions
 * (`AT TIME ZONE`, `timezone()`, TIMESTAMPTZ `date_trunc`) still try to fetch ICU from
 * extensions.duckdb.org; only `enable_external_access = false` stops that.
 */
export async function attachModel(conn: AsyncDuckDBConnection, registeredFileName: string): Promise<void> {
  await conn.query('SET autoinstall_known_extensions = false');
  await conn.query('SET autoload_known_extensions = false');
  await conn.query(`ATTACH '${registeredFileName.replaceAll("'", "''")}' AS ${MODEL_SCHEMA} (READ_ONLY)`);
  await conn.query(`USE ${MODEL_SCHEMA}`);
  await conn.query('SET enable_external_access = false');
}

/**
 * Arrow's columns as row objects, a column at a time: each column converts with one function chosen from
 * its type and is read with its own iterator. Reading cell by cell (`column.get(row)`, the type tested
 * per cell) cost the reps page ~45 ms per filter change at 1M deals for its 6,400 target rows.
 */
function toRows(table: Table): Row[] {
  const rows: Row[] = Array.from({ length: table.numRows }, () => ({}));
  table.schema.fields.forEach((field, i) => {
    const column = table.getChildAt(i);
    const convert = converterFor(field);
    let r = 0;
    for (const value of column ?? []) {
      rows[r]![field.name] = value === null || value === undefined ? null : convert(value);
      r += 1;
    }
  });
  return rows;
}

/** How a non-null Arrow cell of `field` becomes the value native DuckDB yields for the same SQL (see `NativeEngine`). */
function converterFor(field: Field): (value: unknown) => Row[string] {
  const type = field.type;
  // DECIMAL and HUGEINT (which arrives as DECIMAL(38,0)) come as 128-bit words. Rounded to a double
  // like native does; Arrow's own bigNumToNumber throws beyond 2^53 instead.
  if (DataType.isDecimal(type)) return (value) => Number(util.bigNumToBigInt(value as never)) / 10 ** type.scale;
  if (DataType.isTimestamp(type)) {
    const withZone = Boolean(type.timezone);
    return (value) => timestampText(Number(value), withZone);
  }
  // Arrow dates are milliseconds at UTC midnight.
  if (DataType.isDate(type)) return (value) => new Date(Number(value)).toISOString().slice(0, 10);
  return toJsonValue;
}

/**
 * DuckDB's own text for a timestamp (`CAST(ts AS VARCHAR)`: "2024-01-02 03:04:05.12"), which is also
 * what native DuckDB returns, so both engines agree. Arrow gives milliseconds with a microsecond
 * fraction.
 */
function timestampText(epochMs: number, withZone: boolean): string {
  const micros = Math.round(epochMs * 1000);
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  const base = new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
  const decimals = fraction ? `.${String(fraction).padStart(6, '0').replace(/0+$/, '')}` : '';
  return `${base}${decimals}${withZone ? '+00' : ''}`;
}
