import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';

/** Rows are quoted in batches: one csv-stringify call per batch is far cheaper than one per row. */
const BATCH_ROWS = 2_000;
const STREAM_BUFFER_BYTES = 1 << 20;

/**
 * One CSV file written as a stream: header first, RFC 4180 quoting by csv-stringify, LF line
 * ends, and backpressure (a flush waits for the disk) so memory stays flat at any size.
 */
export class CsvFile {
  /** Data rows written so far (header excluded). */
  rows = 0;
  private batch: string[][] = [];
  private failure: Error | undefined;

  private constructor(
    readonly name: string,
    private readonly stream: WriteStream,
    private readonly onFlush: (file: CsvFile) => void,
  ) {
    // Remember a write error and raise it at the next flush, instead of crashing the process.
    stream.on('error', (error) => (this.failure ??= error));
  }

  static create(path: string, name: string, header: readonly string[], onFlush: (file: CsvFile) => void): CsvFile {
    const file = new CsvFile(name, createWriteStream(path, { highWaterMark: STREAM_BUFFER_BYTES }), onFlush);
    file.stream.write(stringify([header]));
    return file;
  }

  write(row: string[]): void {
    this.batch.push(row);
    this.rows++;
  }

  get full(): boolean {
    return this.batch.length >= BATCH_ROWS;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.batch.length === 0) return;
    const text = stringify(this.batch);
    this.batch = [];
    if (!this.stream.write(text)) await once(this.stream, 'drain');
    this.onFlush(this);
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    if (this.failure) throw this.failure;
  }

  abort(): void {
    this.stream.destroy();
  }
}
