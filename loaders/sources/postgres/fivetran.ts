import type { InputFile } from '../../../src/model/manifest.ts';
import { stageHubspotRaw } from '../hubspot/index.ts';
import { FIVETRAN_TABLES as HUBSPOT_TABLES } from '../hubspot/fivetran.ts';
import { createRawTable, type RawTable } from '../raw/rawTable.ts';
import { stageSalesforceRaw } from '../salesforce/index.ts';
import { OBJECTS as SALESFORCE_OBJECTS, snake } from '../salesforce/read.ts';
import type { SourceContext } from '../source.ts';
import type { StagedTable } from '../staging/rowStager.ts';
import type { Connection } from './connect.ts';
import { streamTable } from './stream.ts';

export type SchemaKind = 'canonical' | 'salesforce' | 'hubspot';

/** Which kind of schema the tables are: canonical tables, or a Fivetran Salesforce or HubSpot copy. */
export function schemaKind(tables: ReadonlyMap<string, string[]>): SchemaKind | null {
  if (tables.has('opportunities') && tables.has('stages')) return 'canonical';
  if (tables.has('opportunity')) return 'salesforce';
  if (tables.has('deal') && tables.has('deal_pipeline_stage')) return 'hubspot';
  return null;
}

/** A whole table into a raw table (`raw_<name>`), a cursor batch at a time: `_line` is the row's position. */
async function loadTable(
  ctx: SourceContext,
  c: Connection,
  table: string,
  columns: readonly string[],
  name: string,
): Promise<{ raw: RawTable; input: InputFile }> {
  const duck = await createRawTable(ctx.engine, name, columns);
  const appender = await ctx.engine.connection.createAppender(duck);
  const input = await streamTable(c, table, columns, [], (values, row) => {
    appender.appendInteger(row);
    for (const v of values) {
      if (v === null || v === '') appender.appendNull();
      else appender.appendVarchar(v);
    }
    appender.endRow();
  });
  appender.closeSync();
  return {
    raw: {
      table: duck,
      file: `${c.schema}.${table}`,
      path: `${c.schema}.${table}`,
      headers: [...columns],
      rows: input.rows,
    },
    input,
  };
}

/**
 * A Fivetran copy: each table the vendor's adapter reads is loaded as a raw table and handed to that adapter,
 * so a warehouse copy and a file export of the same CRM are read by one mapping.
 */
export async function stageFivetran(
  ctx: SourceContext,
  c: Connection,
  kind: 'salesforce' | 'hubspot',
  tables: ReadonlyMap<string, string[]>,
): Promise<{ tables: Record<string, StagedTable>; inputs: InputFile[] }> {
  const raws = new Map<string, RawTable>();
  const inputs: InputFile[] = [];
  const wanted: [string, string][] =
    kind === 'salesforce' ? SALESFORCE_OBJECTS.map((o) => [snake(o), o]) : HUBSPOT_TABLES.map((t) => [t, t]);
  for (const [table, key] of wanted) {
    const columns = tables.get(table);
    if (columns === undefined) continue;
    const { raw, input } = await loadTable(ctx, c, table, columns, `pg_${table}`);
    ctx.onRead(`${c.schema}.${table}`, raw.rows, raw.rows, raw.rows);
    raws.set(key, raw);
    inputs.push(input);
  }
  const staged = kind === 'salesforce' ? await stageSalesforceRaw(ctx, raws) : await stageHubspotRaw(ctx, raws);
  return { tables: staged, inputs };
}
