import {
  BOOLEAN,
  DOUBLE,
  DuckDBInstance,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { SqlParam } from './engine.ts';
import type { BoundQuery, Row, SqlEngine } from './engine.ts';
import { toJsonValue } from './engine.ts';
import { Turns } from './oneAtATime.ts';

/** Native DuckDB behind the shared `SqlEngine` interface (build-time prerender, CLI, tests). */
export class NativeEngine implements SqlEngine {
  /**
   * A connection runs one statement at a time, and pages send their independent queries together
   * (DuckDB-WASM's worker queues them; here they queue in turn).
   */
  private readonly turns = new Turns();

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  static async open(path = ':memory:', options: Record<string, string> = {}): Promise<NativeEngine> {
    const instance = await DuckDBInstance.create(path, options);
    return new NativeEngine(instance, await instance.connect());
  }

  all<R extends object = Row>(query: BoundQuery<R>): Promise<R[]> {
    return this.turns.run(() => this.run(query));
  }

  private async run<R extends object>(query: BoundQuery<R>): Promise<R[]> {
    const reader = await this.connection.runAndReadAll(
      query.sql,
      query.params as DuckDBValue[],
      query.params.map(wasmBindingType),
    );
    const names = reader.columnNames();
    return reader.getRows().map((values) => {
      const row: Row = {};
      names.forEach((name, i) => {
        row[name] = toJsonValue(values[i]);
      });
      // The query's builder declared its columns as R; the engine only turned DuckDB's values into JSON ones.
      return row as R;
    });
  }

  /**
   * Another connection to the same database: a query streamed on it can feed an appender on the main
   * connection (one connection cannot append while a streamed result is still open).
   */
  async secondConnection(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /** Statements without results (DDL, COPY); `sql` must not contain user input. */
  async exec(sql: string): Promise<void> {
    await this.turns.run(() => this.connection.run(sql));
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/**
 * Binds parameters with the types DuckDB-WASM gives them (it passes them as JSON: every number a
 * DOUBLE, null a VARCHAR), so SQL that forgets a needed cast fails in native tests too, not only in the browser.
 */
function wasmBindingType(value: SqlParam): DuckDBType {
  if (typeof value === 'number') return DOUBLE;
  if (typeof value === 'boolean') return BOOLEAN;
  return VARCHAR;
}

/** A string literal for SQL text that cannot take a parameter (file paths in COPY/ATTACH/VIEW). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
