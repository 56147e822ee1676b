import type { NativeEngine } from '../../../src/db/native.ts';

/**
 * A vendor file loaded as it is into DuckDB: `raw_<name>` with `_line` (the file's line, or the sheet's
 * row) and one VARCHAR column per header, so an adapter maps it to canonical columns in SQL and every
 * canonical row still knows the vendor line it came from.
 */
export interface RawTable {
  /** The DuckDB table, `raw_<name>`. */
  readonly table: string;
  /** What problems name: the file path, or `path[sheet]` for a spreadsheet. */
  readonly file: string;
  /** The file on disk (hashed into the manifest). */
  readonly path: string;
  /** Column names as created: the headers, cleaned (see `cleanHeaders`). */
  readonly headers: readonly string[];
  readonly rows: number;
}

/**
 * Headers as the user wrote them, minus what only decorates them: a BOM, surrounding spaces, and the `*`
 * an import template puts before required fields (悟空CRM's `*客户名称`). Empty and repeated headers get a
 * position or a suffix so each column stays addressable.
 */
export function cleanHeaders(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, i) => {
    let name = cell
      .replace(/^\uFEFF/, '')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\*\s*/, '');
    if (name === '') name = `column ${i + 1}`;
    const n = (seen.get(name.toLowerCase()) ?? 0) + 1;
    seen.set(name.toLowerCase(), n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export async function createRawTable(engine: NativeEngine, name: string, headers: readonly string[]): Promise<string> {
  const table = `raw_${name}`;
  const columns = headers.map((h) => `${quoteIdent(h)} VARCHAR`).join(', ');
  await engine.exec(`CREATE OR REPLACE TABLE ${quoteIdent(table)} (_line INTEGER${columns ? `, ${columns}` : ''})`);
  return table;
}

/** Comparison key for header synonyms: case, spaces, underscores and hyphens do not matter. */
const headerKey = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, '');

/** The first of `names` that the table has (API name, label, snake_case…), or null. */
export function findColumn(raw: RawTable, names: readonly string[]): string | null {
  const byKey = new Map(raw.headers.map((h) => [headerKey(h), h]));
  for (const name of names) {
    const found = byKey.get(headerKey(name));
    if (found !== undefined) return found;
  }
  return null;
}
