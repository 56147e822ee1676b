import { join } from 'node:path';
import type { NativeEngine } from '../../../src/db/native.ts';
import type { ProblemLog } from '../../validate/problem.ts';
import { loadFile } from '../raw/loadFile.ts';
import { findColumn, type RawTable } from '../raw/rawTable.ts';
import { forEachRawRow } from '../raw/rows.ts';
import type { LookupTable } from './fields.ts';

export interface LookupSpec {
  readonly file: string;
  readonly key: string;
  readonly value: string;
  readonly sheet?: string | undefined;
  readonly encoding?: string | undefined;
  readonly delimiter?: string | undefined;
}

/** Reads the lookup files a mapping names, once each; `files` collects what was read, for the manifest. */
export class Lookups {
  private readonly raws = new Map<string, Promise<RawTable | null>>();
  private readonly tables = new Map<string, LookupTable>();

  constructor(
    private readonly engine: NativeEngine,
    private readonly inDir: string,
    private readonly mappingFile: string,
    private readonly log: ProblemLog,
    private readonly encoding: string | undefined,
  ) {}

  readonly files: RawTable[] = [];

  async table(spec: LookupSpec, at: string): Promise<LookupTable | null> {
    const id = JSON.stringify([spec.file, spec.sheet, spec.key, spec.value]);
    const cached = this.tables.get(id);
    if (cached) return cached;
    let pending = this.raws.get(spec.file);
    if (!pending) {
      pending = loadFile(this.engine, join(this.inDir, spec.file), `lookup_${this.raws.size}`, {
        log: this.log,
        encoding: this.encoding ?? spec.encoding,
        delimiter: spec.delimiter,
        sheet: spec.sheet,
        mappedAt: { file: this.mappingFile, at: `${at}.lookup` },
      });
      this.raws.set(spec.file, pending);
      const raw = await pending;
      if (raw) this.files.push(raw);
    }
    const raw = await pending;
    if (!raw) return null;
    const key = findColumn(raw, [spec.key]);
    const value = findColumn(raw, [spec.value]);
    for (const [name, header] of [
      [spec.key, key],
      [spec.value, value],
    ] as const) {
      if (header === null)
        this.log.error({
          file: this.mappingFile,
          line: null,
          column: `${at}.lookup`,
          message: `column "${name}" is not in ${raw.file} (found: ${raw.headers.join(', ')})`,
          hint: 'name a header exactly as the lookup file writes it',
        });
    }
    if (key === null || value === null) return null;
    const map = new Map<string, string>();
    // The first row of a key wins, as a spreadsheet VLOOKUP would.
    await forEachRawRow(this.engine, raw, (row) => {
      const k = row.get(key);
      const v = row.get(value);
      if (k !== null && v !== null && !map.has(k.trim())) map.set(k.trim(), v.trim());
    });
    this.tables.set(id, map);
    return map;
  }
}
