import { join } from 'node:path';
import type { InputFile } from '../../../src/model/manifest.ts';
import { describeInput } from '../inputs.ts';
import { loadFile } from '../raw/loadFile.ts';
import type { RawTable } from '../raw/rawTable.ts';
import { forEachRawRow } from '../raw/rows.ts';
import type { Source, SourceContext, StagedSource } from '../source.ts';
import { RowStager, type StagedTable } from '../staging/rowStager.ts';
import { TABLES, type TableSpec } from '../staging/tables.ts';
import { compileField, type CompiledField } from './fields.ts';
import { Lookups } from './lookups.ts';
import { readMapping } from './readMapping.ts';
import type { Mapping, TableMapping } from './schema.ts';

const specOf = (table: string): TableSpec => TABLES.find((t) => t.table === table)!;

/** The fixed stage table of the mapping file, staged like a stages file (problems point at the mapping). */
async function stageFixedStages(ctx: SourceContext, mapping: Mapping, file: string): Promise<StagedTable> {
  const stager = await RowStager.open(ctx.engine, { spec: specOf('stages'), tz: ctx.tz, log: ctx.log, path: file });
  for (const s of mapping.stages!) {
    const cells = [s.stage, String(s.order), String(s.probability), s.kind, s.pipeline ?? null];
    stager.add({ file, line: null }, (i) => cells[i]);
  }
  return stager.finish();
}

interface MappedTable {
  readonly raw: RawTable;
  readonly fields: (CompiledField | null)[];
}

/** Loads a table's source file and compiles its fields; null when the file or a column is missing. */
async function compileTable(
  ctx: SourceContext,
  mapping: Mapping,
  table: string,
  m: TableMapping,
  lookups: Lookups,
  file: string,
): Promise<MappedTable | null> {
  const spec = specOf(table);
  const raw = await loadFile(ctx.engine, join(ctx.inDir, m.file), `mapped_${table}`, {
    log: ctx.log,
    encoding: ctx.encoding ?? m.encoding,
    delimiter: m.delimiter,
    sheet: m.sheet,
    headerRow: m.headerRow,
    mappedAt: { file, at: `tables.${table}` },
    onProgress: (rows, bytes, total) => ctx.onRead(m.file, rows, bytes, total),
  });
  if (!raw) return null;
  const fields: (CompiledField | null)[] = [];
  let complete = true;
  for (const column of spec.columns) {
    const source = m.columns[column.name];
    if (source === undefined) {
      fields.push(null);
      continue;
    }
    const at = `tables.${table}.columns.${column.name}`;
    const lookupSpec = typeof source === 'string' ? undefined : source.lookup;
    const lookup = lookupSpec === undefined ? undefined : await lookups.table(lookupSpec, at);
    if (lookup === null) complete = false;
    const field = compileField(source, {
      raw,
      log: ctx.log,
      mappingFile: file,
      at,
      type: column.type,
      dateFormat: mapping.dateFormat,
      number: mapping.number,
      lookup: lookup && lookupSpec ? { table: lookup, file: lookupSpec.file, key: lookupSpec.key } : undefined,
    });
    if (field === null) complete = false;
    fields.push(field);
  }
  return complete ? { raw, fields } : null;
}

async function stageMapped(ctx: SourceContext, table: string, t: MappedTable): Promise<StagedTable> {
  const labels = Object.fromEntries(
    specOf(table).columns.flatMap((c, i) => (t.fields[i] ? [[c.name, t.fields[i]!.label]] : [])),
  );
  const stager = await RowStager.open(ctx.engine, {
    spec: specOf(table),
    tz: ctx.tz,
    log: ctx.log,
    path: t.raw.file,
    labels,
  });
  await forEachRawRow(ctx.engine, t.raw, (row) => {
    const origin = { file: t.raw.file, line: row.line };
    const cells = t.fields.map((f) => (f === null ? null : f.resolve(row, origin)));
    stager.add(origin, (i) => cells[i]);
  });
  return stager.finish();
}

/**
 * Stage history from date columns on the opportunity rows (`stageHistory`: stage → column). A won or lost
 * stage's date counts only for deals now in that stage: Maven's `close_date` is the date a deal was won
 * *or* lost, and a lost deal never entered the won stage.
 */
async function stageHistoryFromColumns(
  ctx: SourceContext,
  mapping: Mapping,
  opps: MappedTable,
  file: string,
): Promise<StagedTable | null> {
  const m = mapping.tables.opportunities!;
  const kinds = new Map(
    (await ctx.engine.all({ sql: 'SELECT stage, kind FROM stg_stages', params: [] })).map((r) => [
      String(r.stage),
      String(r.kind),
    ]),
  );
  const spec = specOf('opportunities');
  const oppId = opps.fields[spec.columns.findIndex((c) => c.name === 'opp_id')]!;
  const stage = opps.fields[spec.columns.findIndex((c) => c.name === 'stage')]!;
  const entries: { stage: string; field: CompiledField }[] = [];
  for (const [name, source] of Object.entries(m.stageHistory!)) {
    const at = `tables.opportunities.stageHistory.${name}`;
    if (!kinds.has(name)) {
      ctx.log.error({
        file,
        line: null,
        column: at,
        message: `"${name}" is not a stage`,
        hint: `use one of: ${[...kinds.keys()].join(', ')}`,
      });
      continue;
    }
    const field = compileField(typeof source === 'string' ? { column: source, ifEmpty: 'ignore' } : source, {
      raw: opps.raw,
      log: ctx.log,
      mappingFile: file,
      at,
      type: 'timestamp',
      dateFormat: mapping.dateFormat,
    });
    if (field) entries.push({ stage: name, field });
  }
  if (ctx.log.hasErrors()) return null;
  const stager = await RowStager.open(ctx.engine, {
    spec: specOf('stage_history'),
    tz: ctx.tz,
    log: ctx.log,
    path: opps.raw.file,
    labels: { opp_id: oppId.label, stage: 'stageHistory', entered_at: entries.map((e) => e.field.label).join(' / ') },
  });
  await forEachRawRow(ctx.engine, opps.raw, (row) => {
    const origin = { file: opps.raw.file, line: row.line };
    // Problems with the id and the stage were reported when the opportunities were staged.
    const id = row.get(oppId.label);
    const current = stage.resolve(row, origin);
    for (const e of entries) {
      const kind = kinds.get(e.stage);
      if (kind !== 'open' && current !== e.stage) continue;
      const at = e.field.resolve(row, origin);
      if (at !== null && id !== null) stager.add(origin, (i) => [id, e.stage, at][i]);
    }
  });
  return stager.finish();
}

/**
 * `--source mapped`: any CSV/XLSX export described by a mapping file (docs/sources/mapped.md). Each mapped
 * file is loaded as it is, every field converted as the mapping says, and the rows then meet the canonical
 * validation with the source file, line and header in every problem.
 */
export const mappedSource: Source = {
  async stage(ctx: SourceContext): Promise<StagedSource> {
    const mapping = await readMapping(ctx.config, ctx.log);
    if (mapping === null) return { tables: {}, inputs: [] };
    const file = ctx.config!;
    const lookups = new Lookups(ctx.engine, ctx.inDir, file, ctx.log, ctx.encoding);
    const tables: Record<string, StagedTable> = {};
    const loaded: RawTable[] = [];
    if (mapping.stages) tables.stages = await stageFixedStages(ctx, mapping, file);
    let opportunities: MappedTable | null = null;
    // Stages first: stage history from columns needs to know which stages are won or lost.
    const order = [...TABLES.map((t) => t.table)].sort((a, b) => Number(b === 'stages') - Number(a === 'stages'));
    for (const table of order) {
      const m = mapping.tables[table];
      if (m === undefined) continue;
      const mapped = await compileTable(ctx, mapping, table, m, lookups, file);
      if (mapped === null) continue;
      loaded.push(mapped.raw);
      tables[table] = await stageMapped(ctx, table, mapped);
      if (table === 'opportunities') opportunities = mapped;
    }
    if (opportunities && mapping.tables.opportunities?.stageHistory && !ctx.log.hasErrors()) {
      const history = await stageHistoryFromColumns(ctx, mapping, opportunities, file);
      if (history) tables.stage_history = history;
    }
    const inputs: InputFile[] = [await describeInput(file, 0)];
    for (const raw of [...loaded, ...lookups.files]) inputs.push(await describeInput(raw.path, raw.rows));
    return { tables, inputs };
  },
};
