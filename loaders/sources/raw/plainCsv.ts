import { createReadStream } from 'node:fs';
import type { NativeEngine } from '../../../src/db/native.ts';
import { sqlString } from '../../../src/db/native.ts';

/**
 * A CSV file is "plain" when DuckDB's reader and `readCsv` (csv-parse, the path that explains every
 * problem by line) must read the same records from it: UTF-8 text without NUL bytes, one record per
 * line (no blank lines, no quoted line breaks, one kind of line ending), and every line that holds a
 * quote is RFC 4180 quoting. DuckDB is lenient where csv-parse reports a problem (a quote inside an
 * unquoted field, a space after a closing quote), so such a file takes the csv-parse path, which says
 * what is wrong; a plain file is read by DuckDB, many times faster.
 */

/** One RFC 4180 record on one line: quoted fields with doubled quotes, or unquoted fields without quotes. */
const QUOTED_RECORD = /^(?:"(?:[^"]|"")*"|[^",\r\n]*)(?:,(?:"(?:[^"]|"")*"|[^",\r\n]*))*$/;

interface TextShape {
  /** Lines, counting a last line without a line break. */
  readonly lines: number;
  /** No NUL byte, one kind of line ending, and every line holding a quote is RFC 4180. */
  readonly plain: boolean;
}

/** One pass over the bytes: the line count and whether the file can be plain (see above). */
async function textShape(path: string): Promise<TextShape> {
  let lines = 0;
  let carriageReturns = 0;
  let lastByte = -1;
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (chunk.includes(0)) return { lines, plain: false };
    lastByte = chunk[chunk.length - 1]!;
    for (let i = chunk.indexOf(13); i >= 0; i = chunk.indexOf(13, i + 1)) carriageReturns++;
    // Whole lines only: the tail after the chunk's last line break waits for the next chunk.
    const text = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    const end = text.lastIndexOf(10) + 1;
    const linesBefore = lines;
    for (let i = text.indexOf(10); i >= 0 && i < end; i = text.indexOf(10, i + 1)) lines++;
    if (!quotedLinesConform(text.subarray(0, end), linesBefore === 0)) return { lines, plain: false };
    rest = Buffer.from(text.subarray(end));
  }
  if (!quotedLinesConform(rest, lines === 0)) return { lines, plain: false };
  if (lastByte !== 10 && lastByte !== -1) lines++;
  // CRLF throughout, or no carriage return at all: a lone CR would be a line break only csv-parse sees.
  const lineBreaks = lastByte === 10 ? lines : lines - 1;
  return { lines, plain: carriageReturns === 0 || carriageReturns === lineBreaks };
}

/** Every line of `text` (whole lines) that holds a quote is one RFC 4180 record. */
function quotedLinesConform(text: Buffer, fileStart: boolean): boolean {
  for (let quote = text.indexOf(34); quote >= 0;) {
    const start = text.lastIndexOf(10, quote) + 1;
    const newline = text.indexOf(10, quote);
    const end = newline < 0 ? text.length : newline;
    let line = text.toString('utf8', start, end);
    // The file's first line may start with a byte order mark, which both readers drop.
    if (fileStart && start === 0) line = line.replace(/^\uFEFF/, '');
    if (!QUOTED_RECORD.test(line.endsWith('\r') ? line.slice(0, -1) : line)) return false;
    quote = newline < 0 ? -1 : text.indexOf(34, newline);
  }
  return true;
}

export interface PlainCsvTable {
  /** The DuckDB table: `_line` (the file's line) and `column0…columnN` (VARCHAR, NULL when empty). */
  readonly table: string;
  /** The header row's cells, in column order. */
  readonly header: readonly string[];
  readonly rows: number;
}

/**
 * Reads a comma-separated UTF-8 file into `table` with DuckDB when it is plain, or returns null (and
 * leaves nothing behind) when it is not: the caller then reads it with `readCsv`, which reports why.
 */
export async function loadPlainCsv(engine: NativeEngine, path: string, table: string): Promise<PlainCsvTable | null> {
  const shape = await textShape(path);
  if (!shape.plain || shape.lines < 2) return null;
  const read = `${table}_read`;
  try {
    // Insertion order is kept (DuckDB's default), so a row's rowid is its record's position in the file.
    await engine.exec(
      `CREATE OR REPLACE TABLE ${read} AS SELECT * FROM read_csv(${sqlString(path)}, header = false,
         all_varchar = true, delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false,
         encoding = 'utf-8', max_line_size = 8388608)`,
    );
  } catch {
    // Ragged rows, invalid UTF-8, a line DuckDB's reader refuses: csv-parse reads it and names the problem.
    await engine.exec(`DROP TABLE IF EXISTS ${read}`);
    return null;
  }
  try {
    const [{ n }] = (await engine.all({ sql: `SELECT count(*)::INTEGER AS n FROM ${read}`, params: [] })) as [
      { n: number },
    ];
    // Every line one record: otherwise a line number would not be its record's.
    if (n !== shape.lines) return null;
    const [first] = await engine.all({ sql: `SELECT * FROM ${read} WHERE rowid = 0`, params: [] });
    const header = Object.values(first!).map((cell) => (cell === null ? '' : String(cell)));
    // A one-column file's blank line is a record to DuckDB and skipped by csv-parse.
    if (header.length < 2) return null;
    // DuckDB names them column0… or column00…, by count: renamed to one spelling.
    const columns = Object.keys(first!).map((name, i) => `"${name}" AS column${i}`);
    await engine.exec(
      `CREATE OR REPLACE TABLE ${table} AS SELECT CAST(rowid + 1 AS INTEGER) AS _line, ${columns.join(', ')} FROM ${read} WHERE rowid > 0`,
    );
    return { table, header, rows: n - 1 };
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${read}`);
  }
}
