import type { DuckDBAppender } from '@duckdb/node-api';
import type { NativeEngine } from '../../../src/db/native.ts';
import type { ProblemLog } from '../../validate/problem.ts';
import { detectEncoding } from './encoding.ts';
import { cleanHeaders, createRawTable, type RawTable } from './rawTable.ts';
import { readCsv, type CsvRecord } from './readCsv.ts';

export interface CsvTableOptions {
  readonly log: ProblemLog;
  /** `--encoding`; detected when absent. */
  readonly encoding?: string | undefined;
  readonly delimiter?: string | undefined;
  readonly onProgress?: (rows: number, bytes: number, totalBytes: number) => void;
}

/**
 * Streams a vendor CSV (any encoding, BOM, CRLF, RFC 4180 quoting) into `raw_<name>`. Returns null after
 * logging the problem when the file cannot be read as CSV at all.
 */
export async function loadCsvTable(
  engine: NativeEngine,
  path: string,
  name: string,
  o: CsvTableOptions,
): Promise<RawTable | null> {
  const encoding = await detectEncoding(path, o.encoding);
  if (!encoding.ok) {
    o.log.error({ file: path, ...encoding.problem });
    return null;
  }
  let headers: string[] = [];
  let appender: DuckDBAppender | null = null;
  let ready: Promise<string> | null = null;
  let rows = 0;
  // Records arrive synchronously while the table is created asynchronously: the few that come before
  // it exists wait here, then everything streams straight into the appender.
  const pending: CsvRecord[] = [];
  const append = ({ line, cells }: CsvRecord): void => {
    rows++;
    appender!.appendInteger(line);
    headers.forEach((_, i) => {
      const cell = cells[i];
      if (cell === undefined || cell === '') appender!.appendNull();
      else appender!.appendVarchar(cell);
    });
    appender!.endRow();
  };
  const flush = (): void => {
    for (const record of pending.splice(0)) append(record);
  };
  const problem = await readCsv(
    path,
    {
      onHeader(cells) {
        headers = cleanHeaders(cells);
        ready = createRawTable(engine, name, headers).then(async (table) => {
          appender = await engine.connection.createAppender(table);
          flush();
          return table;
        });
        return true;
      },
      onRecord(record) {
        if (appender === null) pending.push(record);
        else append(record);
      },
      onProgress: (bytes, total, n) => o.onProgress?.(n, bytes, total),
    },
    { encoding: encoding.encoding, delimiter: o.delimiter },
  );
  const table = ready === null ? await createRawTable(engine, name, headers) : await ready;
  flush();
  (appender as DuckDBAppender | null)?.closeSync();
  if (problem) {
    o.log.error({ file: path, ...problem });
    return null;
  }
  return { table, file: path, path, headers, rows };
}
