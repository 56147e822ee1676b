import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ProblemLog } from '../../validate/problem.ts';
import { unreadableFile } from '../raw/readable.ts';

/** One API record with where it was read: the .jsonl file and line. */
export interface ApiRecord {
  readonly file: string;
  readonly line: number;
  readonly data: Readonly<Record<string, unknown>>;
}

export const STREAMS = ['deals', 'stages', 'pipelines', 'users', 'organizations', 'currencies', 'deal_flow'] as const;
export type Stream = (typeof STREAMS)[number];

/** Records by stream; `ignored` counts streams Pipescope does not read, `perFile` the records of each file. */
export type Records = Record<Stream, ApiRecord[]> & { ignored: Map<string, number>; perFile: Map<string, number> };

/**
 * Reads every `*.jsonl` in the folder: Airbyte-style lines `{"stream": …, "data": {…}}` as `pipescope pull`
 * writes them and as Airbyte's Pipedrive connector emits them. Streams Pipescope does not use are counted.
 */
export async function readRecords(dir: string, log: ProblemLog): Promise<Records | null> {
  const files = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.jsonl'))
    .sort();
  if (files.length === 0) return null;
  const records = Object.fromEntries(STREAMS.map((s) => [s, []])) as unknown as Records;
  records.ignored = new Map();
  records.perFile = new Map();
  for (const name of files) {
    const file = join(dir, name);
    const unreadable = unreadableFile(file);
    if (unreadable) {
      log.error(unreadable);
      continue;
    }
    let line = 0;
    for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
      line++;
      if (text.trim() === '') continue;
      let parsed: { stream?: unknown; data?: unknown };
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        log.error({
          file,
          line,
          column: null,
          message: `the line is not JSON (${(error as Error).message})`,
          hint: 'each line must be one record {"stream": …, "data": {…}}; pull the data again',
        });
        continue;
      }
      const stream = String(parsed.stream ?? '');
      records.perFile.set(file, (records.perFile.get(file) ?? 0) + 1);
      if (typeof parsed.data !== 'object' || parsed.data === null) {
        log.error({
          file,
          line,
          column: 'data',
          message: 'the record has no "data" object',
          hint: 'each line must be one record {"stream": …, "data": {…}}',
        });
        continue;
      }
      if ((STREAMS as readonly string[]).includes(stream))
        records[stream as Stream].push({ file, line, data: parsed.data as Record<string, unknown> });
      else records.ignored.set(stream, (records.ignored.get(stream) ?? 0) + 1);
    }
  }
  return records;
}

/** An id field that the API gives as a number, or as an object `{ value | id, name }` when expanded. */
export function idOf(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return idOf(o.value ?? o.id);
  }
  return String(value);
}

export const text = (value: unknown): string | null =>
  value === null || value === undefined || value === '' ? null : String(value);

/** API v1 datetimes are UTC without a zone marker (`2023-02-22 08:27:53`); ISO ones pass as they are. */
export function utc(value: unknown): string | null {
  const t = text(value);
  if (t === null) return null;
  return /^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}(:\d{2})?$/.test(t) ? `${t.replace(' ', 'T')}Z` : t;
}
