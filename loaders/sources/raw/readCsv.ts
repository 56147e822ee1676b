import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, type Info } from 'csv-parse';
import iconv from 'iconv-lite';
import type { Problem } from '../../validate/problem.ts';

/** One data row: its cells in header order and the line the record starts on (the header is line 1). */
export interface CsvRecord {
  readonly cells: readonly string[];
  readonly line: number;
}

export interface CsvReadOptions {
  /** An iconv-lite encoding name (gbk, gb18030, windows-1252…); default UTF-8, which is checked strictly. */
  readonly encoding?: string | undefined;
  /** Field separator; default `,` (European Excel saves `;`). */
  readonly delimiter?: string | undefined;
}

export interface CsvReadHandlers {
  /** Receives the header cells; returns false to stop reading (e.g. a required column is missing). */
  onHeader(cells: readonly string[]): boolean;
  onRecord(record: CsvRecord): void;
  onProgress?(bytesRead: number, totalBytes: number, rows: number): void;
}

/** Thrown inside the stream to end it with a problem the user can act on. */
class CsvProblem extends Error {
  constructor(readonly problem: Omit<Problem, 'file'>) {
    super(problem.message);
  }
}

/**
 * Rejects what is not UTF-8 text before the CSV parser sees it: a NUL byte or an invalid UTF-8 sequence
 * means a binary file (an .xlsx renamed .csv, a zip) or a legacy encoding, and must not become garbage.
 */
class TextGuard extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private line = 1;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      done(this.problem('the file contains binary data (a NUL byte), not CSV text', chunk, nul));
      return;
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      done(
        this.problem(
          'the file is not valid UTF-8 text (a legacy encoding such as GBK or Windows-1252?)',
          chunk,
          firstInvalidLine(chunk),
        ),
      );
      return;
    }
    this.line += countNewlines(chunk, chunk.length);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.decode();
      done();
    } catch {
      done(
        new CsvProblem({
          line: this.line,
          column: null,
          message: 'the file ends inside a multi-byte character (not valid UTF-8)',
          hint: 'save the file again as UTF-8 CSV',
        }),
      );
    }
  }

  private problem(message: string, chunk: Buffer, upTo: number): CsvProblem {
    return new CsvProblem({
      line: this.line + countNewlines(chunk, upTo),
      column: null,
      message,
      hint: 'export the table as CSV saved in UTF-8 (Excel: "CSV UTF-8"); spreadsheets and zip files are not read here',
    });
  }
}

/** Offset of the start of the first line in `chunk` that is not valid UTF-8 on its own. */
function firstInvalidLine(chunk: Buffer): number {
  let start = 0;
  while (start < chunk.length) {
    const newline = chunk.indexOf(10, start);
    const end = newline < 0 ? chunk.length : newline + 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(start, end));
    } catch {
      return start;
    }
    start = end;
  }
  return start;
}

function countNewlines(chunk: Buffer, upTo: number): number {
  let n = 0;
  for (let i = chunk.indexOf(10); i >= 0 && i < upTo; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}

const LINE_BREAKS = /\r\n|\r|\n/g;

/**
 * Streams one RFC 4180 CSV file (BOM, CRLF, quoted commas/quotes/newlines) into the handlers, row by row,
 * without holding the file in memory. Returns a problem for a file that cannot be read as CSV at all.
 */
export async function readCsv(
  path: string,
  handlers: CsvReadHandlers,
  options: CsvReadOptions = {},
): Promise<Omit<Problem, 'file'> | null> {
  const size = (await stat(path)).size;
  let nextLine = 1;
  let rows = 0;
  let header = true;
  let stopped = false;
  let lastProgress = 0;
  const parser = parse({
    bom: true,
    raw: true,
    delimiter: options.delimiter ?? ',',
    relax_column_count: true,
    // Every line break ends a record, not only the kind the first line used: csv-parse otherwise fixes the
    // delimiter from the header's CRLF and glues an LF-terminated row (a line appended by a script or a
    // resave) to its neighbour with relax_column_count hiding it.
    record_delimiter: ['\r\n', '\n', '\r'],
    on_record: (entry: unknown, context: Info) => {
      // With `raw: true` each entry carries the record's source text beside its cells.
      const { record, raw } = entry as { record: string[]; raw: string };
      const line = nextLine;
      // Counting the record's own line breaks gives the next record's first line, quoted newlines included.
      nextLine += raw.match(LINE_BREAKS)?.length ?? 0;
      if (stopped || (record.length === 1 && record[0]!.trim() === '')) return null;
      if (header) {
        header = false;
        stopped = !handlers.onHeader(record);
        return null;
      }
      rows++;
      handlers.onRecord({ cells: record, line });
      if (handlers.onProgress && context.bytes - lastProgress > 1 << 20) {
        lastProgress = context.bytes;
        handlers.onProgress(context.bytes, size, rows);
      }
      return null;
    },
  });
  try {
    const encoding = options.encoding?.toLowerCase().replace(/[-_]/g, '');
    if (encoding === undefined || encoding === 'utf8') await pipeline(createReadStream(path), new TextGuard(), parser);
    // A legacy encoding is decoded to text first; csv-parse then reads strings (a GBK BOM-less file has no marker to strip).
    else await pipeline(createReadStream(path), iconv.decodeStream(options.encoding!), parser);
  } catch (error) {
    if (error instanceof CsvProblem) return error.problem;
    const code = (error as { code?: string }).code ?? '';
    // csv-parse names one of its parse errors without the CSV_ prefix.
    if (code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE') {
      const messages: Record<string, string> = {
        CSV_QUOTE_NOT_CLOSED: 'a quoted field starts here and its closing quote is missing',
        CSV_INVALID_CLOSING_QUOTE:
          'a quoted field in this record is not closed where it should be, or a quote inside it is not doubled',
        INVALID_OPENING_QUOTE: 'a field in this record has a quote inside it but does not start with one',
      };
      return {
        line: nextLine,
        column: null,
        message: messages[code] ?? `the CSV cannot be parsed here (${(error as Error).message})`,
        hint:
          code === 'INVALID_OPENING_QUOTE'
            ? 'put the whole field in quotes and write each quote inside it as two quotes, e.g. "Say ""hi"""'
            : 'close the quote, and write a quote inside a quoted field as two quotes ("")',
      };
    }
    throw error;
  }
  handlers.onProgress?.(size, size, rows);
  if (header) {
    return {
      line: 1,
      column: null,
      message: 'the file is empty (no header row)',
      hint: 'export the table again with its header row',
    };
  }
  return null;
}
