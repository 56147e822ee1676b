import { findColumn, type RawTable } from '../raw/rawTable.ts';
import type { RawRow } from '../raw/rows.ts';
import { HEADERS } from './headers.ts';

type Fields<K extends keyof typeof HEADERS> = Record<keyof (typeof HEADERS)[K], string | null>;

/** The headers a file has for each field of its kind (null: the export leaves that column out). */
export function fieldsOf<K extends keyof typeof HEADERS>(raw: RawTable, kind: K): Fields<K> {
  return Object.fromEntries(
    Object.entries(HEADERS[kind]).map(([field, names]) => [field, findColumn(raw, names as readonly string[])]),
  ) as Fields<K>;
}

/** A cell's trimmed text, null when empty or when the export lacks the column. */
export const cell = (row: RawRow, header: string | null): string | null => {
  const v = header === null ? null : row.get(header);
  return v === null || v.trim() === '' ? null : v.trim();
};
