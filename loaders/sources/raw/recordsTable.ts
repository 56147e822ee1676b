import type { NativeEngine } from '../../../src/db/native.ts';
import { createRawTable, type RawTable } from './rawTable.ts';

/** One record of a JSON/API source, flattened by its adapter to text cells in `columns` order. */
export interface RawRecord {
  readonly line: number | null;
  readonly values: readonly (string | null | undefined)[];
}

/**
 * Loads records an adapter read from JSON (API responses, JSON Lines) into `raw_<name>` with the columns it
 * names, so JSON and CSV exports of the same CRM share one SQL mapping.
 */
export async function loadRecordsTable(
  engine: NativeEngine,
  name: string,
  file: string,
  columns: readonly string[],
  records: Iterable<RawRecord> | AsyncIterable<RawRecord>,
): Promise<RawTable> {
  const table = await createRawTable(engine, name, columns);
  const appender = await engine.connection.createAppender(table);
  let rows = 0;
  for await (const record of records) {
    rows++;
    if (record.line === null) appender.appendNull();
    else appender.appendInteger(record.line);
    columns.forEach((_, i) => {
      const value = record.values[i];
      if (value === null || value === undefined || value === '') appender.appendNull();
      else appender.appendVarchar(value);
    });
    appender.endRow();
  }
  appender.closeSync();
  return { table, file, path: file, headers: [...columns], rows };
}
