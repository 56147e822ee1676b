import { createHash } from 'node:crypto';
import Cursor from 'pg-cursor';
import type { InputFile } from '../../../src/model/manifest.ts';
import type { Connection } from './connect.ts';

const BATCH = 10_000;

export const quotePg = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * Streams a table's rows in `orderBy` order through a server-side cursor, a batch at a time, so a
 * million-row table never sits in memory. Returns what the manifest records: rows, bytes of text read, and a
 * SHA-256 over the rows (a later refresh can tell unchanged tables).
 */
export async function streamTable(
  c: Connection,
  table: string,
  columns: readonly string[],
  orderBy: readonly string[],
  visit: (values: readonly (string | null)[], row: number) => void | Promise<void>,
): Promise<InputFile> {
  const order = orderBy.length > 0 ? ` ORDER BY ${orderBy.map(quotePg).join(', ')}` : '';
  const sql = `SELECT ${columns.map(quotePg).join(', ')} FROM ${quotePg(c.schema)}.${quotePg(table)}${order}`;
  const cursor = c.client.query(new Cursor(sql, [], { rowMode: 'array' }));
  const hash = createHash('sha256');
  let rows = 0;
  let bytes = 0;
  try {
    for (;;) {
      const batch = (await cursor.read(BATCH)) as (string | null)[][];
      if (batch.length === 0) break;
      for (const values of batch) {
        rows++;
        const line = `${values.map((v) => v ?? '\\N').join('\t')}\n`;
        bytes += Buffer.byteLength(line);
        hash.update(line);
        await visit(values, rows);
      }
    }
  } finally {
    await cursor.close();
  }
  return { file: `${c.schema}.${table}`, sha256: hash.digest('hex'), bytes, rows };
}

/** The planner's row count of a table (0 before its first ANALYZE). */
export async function estimateRows(c: Connection, table: string): Promise<number> {
  const { rows } = await c.client.query<{ n: string | null }>(
    `SELECT c.reltuples::bigint AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
    [c.schema, table],
  );
  return Math.max(0, Number(rows[0]?.n ?? 0));
}
