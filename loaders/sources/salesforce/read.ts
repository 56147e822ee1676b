import type { NativeEngine } from '../../../src/db/native.ts';
import { findColumn, type RawTable } from '../raw/rawTable.ts';
import { forEachRawRow } from '../raw/rows.ts';
import { id18 } from './ids.ts';

/** One row of a Salesforce object, fields by API name (`StageName` also finds Fivetran's `stage_name`). */
export interface SfRow {
  readonly origin: { readonly file: string; readonly line: number | null };
  get(field: string): string | null;
  id(field: string): string | null;
  bool(field: string): boolean;
}

/** The objects read, by API name; file names may be `Opportunity.csv`, `opportunity.csv` or `sf_opportunity_data.csv`. */
export const OBJECTS = [
  'Opportunity',
  'OpportunityHistory',
  'OpportunityStage',
  'User',
  'Account',
  'Lead',
  'Campaign',
  'CampaignMember',
  'OpportunityLineItem',
  'Product2',
  'DatedConversionRate',
  'CurrencyType',
] as const;
export type SfObject = (typeof OBJECTS)[number];

/** An API name as Fivetran's snake_case (`Product2Id` → `product_2_id`), for file and table names. */
export const snake = (name: string): string =>
  name
    .replace(/([a-z])([A-Z0-9])/g, '$1_$2')
    .replace(/([0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();

/** File names an object's export may have. */
export const fileNames = (object: SfObject): string[] => [
  object,
  snake(object),
  `sf_${snake(object)}_data`,
  `sf_${snake(object)}`,
];

export interface SfRows {
  readonly raw: RawTable;
  readonly rows: SfRow[];
  /** Rows left out because `IsDeleted = true` (Salesforce's recycle bin). */
  readonly deleted: SfRow[];
  /** Earlier versions of records in a Fivetran history-mode table (`_fivetran_active = false`). */
  readonly inactive: SfRow[];
}

/**
 * Reads an object's raw table into rows. Deleted rows are set aside; in a Fivetran history-mode table only
 * the active version of each record is the record (`_fivetran_active`), unless `allVersions` (the versions
 * are the history).
 */
export async function readObject(engine: NativeEngine, raw: RawTable, allVersions = false): Promise<SfRows> {
  const headers = new Map<string, string | null>();
  const header = (field: string): string | null => {
    if (!headers.has(field)) headers.set(field, findColumn(raw, [field]));
    return headers.get(field)!;
  };
  const rows: SfRow[] = [];
  const deleted: SfRow[] = [];
  const inactive: SfRow[] = [];
  const active = header('_fivetran_active');
  await forEachRawRow(engine, raw, (r) => {
    const get = (field: string): string | null => {
      const h = header(field);
      const v = h === null ? null : r.get(h);
      return v === null || v.trim() === '' ? null : v.trim();
    };
    const bool = (field: string): boolean => ['true', '1', 'yes'].includes((get(field) ?? '').toLowerCase());
    const row: SfRow = { origin: { file: raw.file, line: r.line }, get, bool, id: (field) => id18(get(field)) };
    if (active !== null && !allVersions && get('_fivetran_active') !== null && !bool('_fivetran_active'))
      inactive.push(row);
    else if (bool('IsDeleted')) deleted.push(row);
    else rows.push(row);
  });
  return { raw, rows, deleted, inactive };
}

/** A datetime or date field as canonical text: Salesforce dates sometimes arrive as `2018-12-19 00:00:00`. */
export const dateOnly = (value: string | null): string | null => (value === null ? null : value.slice(0, 10));
