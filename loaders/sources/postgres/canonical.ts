import type { InputFile } from '../../../src/model/manifest.ts';
import type { SourceContext } from '../source.ts';
import { RowStager, type StagedTable } from '../staging/rowStager.ts';
import { TABLES } from '../staging/tables.ts';
import type { Connection } from './connect.ts';
import { estimateRows, streamTable } from './stream.ts';

/**
 * SQLSTATE 42883: no ordering operator for a column's type (json, xml, point …). Rows are numbered in key
 * order, so a key of such a type is the schema's to change.
 */
const UNSORTABLE_TYPE = '42883';

/**
 * Canonical tables in PostgreSQL (named like the canonical files, with their columns) through the same row
 * staging as CSV. A row's "line" is its 1-based position in primary-key order, so `crm.opportunities:12`
 * is the 12th opportunity by opp_id.
 */
export async function stageCanonicalTables(
  ctx: SourceContext,
  c: Connection,
  tables: Map<string, string[]>,
): Promise<{ tables: Record<string, StagedTable>; inputs: InputFile[] }> {
  const staged: Record<string, StagedTable> = {};
  const inputs: InputFile[] = [];
  for (const spec of TABLES) {
    const name = `${c.schema}.${spec.table}`;
    const columns = tables.get(spec.table);
    if (columns === undefined) {
      if (spec.required)
        ctx.log.error({
          file: name,
          line: null,
          column: null,
          message: `required table ${spec.table} is missing from schema ${c.schema}`,
          hint: `create ${name} with the canonical columns (docs/canonical-format.md)`,
        });
      continue;
    }
    const byName = new Map(columns.map((col) => [col.toLowerCase(), col]));
    const missing = spec.columns.filter((col) => col.required && !byName.has(col.name));
    for (const col of missing)
      ctx.log.error({
        file: name,
        line: null,
        column: col.name,
        message: `required column "${col.name}" is missing (found: ${columns.join(', ')})`,
        hint: `add a ${col.name} column to ${name}`,
      });
    if (missing.length > 0) continue;
    const present = spec.columns.filter((col) => byName.has(col.name));
    const stager = await RowStager.open(ctx.engine, { spec, tz: ctx.tz, log: ctx.log, path: name });
    // A stable order makes a row's position meaningful in problems: the key, else the required columns.
    const order = (spec.key ?? spec.columns.filter((col) => col.required).map((col) => col.name)).map((k) =>
      byName.get(k)!,
    );
    const at = spec.columns.map((col) => present.indexOf(col));
    // Progress counts rows against the planner's estimate (a count(*) would read the table twice).
    const estimate = await estimateRows(c, spec.table);
    let input: InputFile;
    try {
      input = await streamTable(
        c,
        spec.table,
        present.map((col) => byName.get(col.name)!),
        order,
        (values, row) => {
          stager.add({ file: name, line: row }, (i) => (at[i]! < 0 ? null : values[at[i]!]));
          if (row % 100_000 === 0) ctx.onRead(name, row, row, Math.max(estimate, row + 1));
        },
      );
    } catch (error) {
      if ((error as { code?: string }).code !== UNSORTABLE_TYPE) throw error;
      const columns = order.join(', ');
      ctx.log.error({
        file: name,
        line: null,
        column: columns,
        message: `PostgreSQL cannot sort the rows by ${order.length === 1 ? 'this column' : 'these columns'} (${(error as Error).message})`,
        hint: `store ${columns} as text or a number`,
      });
      continue;
    }
    ctx.onRead(name, input.rows, input.rows, input.rows);
    inputs.push(input);
    staged[spec.table] = stager.finish();
  }
  return { tables: staged, inputs };
}
