import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';

/** Writes a file as records arrive, waiting when the disk is slower than the API. */
class Sink {
  protected readonly stream: WriteStream;
  constructor(path: string) {
    this.stream = createWriteStream(path);
  }
  protected async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/** A CSV with a fixed header: Data Loader's layout (API names, booleans true/false, nulls empty). */
export class CsvSink extends Sink {
  constructor(
    path: string,
    private readonly fields: readonly string[],
  ) {
    super(path);
  }
  async start(): Promise<void> {
    await this.write(stringify([this.fields]));
  }
  async add(records: readonly Record<string, unknown>[]): Promise<void> {
    const cell = (v: unknown): string =>
      v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    if (records.length > 0) await this.write(stringify(records.map((r) => this.fields.map((f) => cell(r[f])))));
  }
}

/** A JSON array written element by element, so a large object never has to be held whole. */
export class JsonArraySink extends Sink {
  private first = true;
  async start(): Promise<void> {
    await this.write('[');
  }
  async add(records: readonly unknown[]): Promise<void> {
    for (const r of records) {
      await this.write(`${this.first ? '\n' : ',\n'}${JSON.stringify(r)}`);
      this.first = false;
    }
  }
  override async close(): Promise<void> {
    await this.write(this.first ? ']\n' : '\n]\n');
    await super.close();
  }
}

/** JSON Lines of Airbyte-style records: `{"stream", "data", "emitted_at"}`. */
export class RecordSink extends Sink {
  async add(stream: string, records: readonly unknown[]): Promise<void> {
    const at = Date.now();
    for (const data of records) await this.write(`${JSON.stringify({ stream, data, emitted_at: at })}\n`);
  }
  async start(): Promise<void> {}
}
