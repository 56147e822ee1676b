import type { NativeEngine } from '../../../src/db/native.ts';
import { quoteIdent, type RawTable } from './rawTable.ts';

/** One raw row: its line and its cells by header. */
export interface RawRow {
  readonly line: number | null;
  get(header: string): string | null;
}

/**
 * Streams a raw table's rows in file order to `visit`, chunk by chunk on a second connection, so the
 * visitor may append to staging tables on the main connection while the table is read. `where` (SQL of
 * ours, never user input) keeps only some rows.
 */
export async function forEachRawRow(
  engine: NativeEngine,
  raw: Pick<RawTable, 'table'>,
  visit: (row: RawRow) => void,
  where = 'TRUE',
): Promise<void> {
  const reader = await engine.secondConnection();
  try {
    const result = await reader.stream(`SELECT * FROM ${quoteIdent(raw.table)} WHERE ${where} ORDER BY _line`);
    const names = result.columnNames();
    const index = new Map(names.map((n, i) => [n, i]));
    for (
      let chunk = await result.fetchChunk();
      chunk !== null && chunk.rowCount > 0;
      chunk = await result.fetchChunk()
    ) {
      for (const values of chunk.getRows()) {
        const line = values[0];
        visit({
          line: line === null || line === undefined ? null : Number(line),
          get: (header) => {
            const i = index.get(header);
            const v = i === undefined ? null : values[i];
            return v === null || v === undefined ? null : String(v);
          },
        });
      }
    }
  } finally {
    reader.closeSync();
  }
}
