import { lineList } from '../../validate/problem.ts';
import { existsSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describeInput } from '../inputs.ts';
import { loadFile } from '../raw/loadFile.ts';
import { findColumn, type RawTable } from '../raw/rawTable.ts';
import { forEachRawRow, type RawRow } from '../raw/rows.ts';
import type { SourceContext, StagedSource } from '../source.ts';
import { RecordStager } from '../staging/recordStager.ts';
import type { StagedTable } from '../staging/rowStager.ts';
import { PipedriveStages, type PipedriveStage } from './stages.ts';

/** `Deal - Stage`, `Deal – Stage`, `Deal - Stage (pipeline)` → one key. */
const uiKey = (header: string): string =>
  header
    .replace(/[–—]/g, '-')
    .replace(/\s*\(.*\)\s*$/, '')
    .trim()
    .toLowerCase();

const UI = {
  id: 'deal - id',
  title: 'deal - title',
  value: 'deal - value',
  currency: 'deal - currency',
  pipeline: 'deal - pipeline',
  stage: 'deal - stage',
  status: 'deal - status',
  owner: 'deal - owner',
  created: 'deal - deal created',
  won: 'deal - won time',
  lost: 'deal - lost time',
  expected: 'deal - expected close date',
  org: 'organization - name',
  dealOrg: 'deal - organization',
} as const;

type UiFields = Record<keyof typeof UI, string | null>;

function uiFields(raw: RawTable): UiFields {
  const byKey = new Map(raw.headers.map((h) => [uiKey(h), h]));
  return Object.fromEntries(Object.entries(UI).map(([k, key]) => [k, byKey.get(key) ?? null])) as UiFields;
}

const get = (row: RawRow, header: string | null): string | null => {
  const v = header === null ? null : row.get(header);
  return v === null || v.trim() === '' ? null : v.trim();
};

/** The export file: the first CSV/XLSX in the folder whose headers are `Deal - …`. */
async function findExport(ctx: SourceContext): Promise<RawTable | null> {
  for (const name of readdirSync(ctx.inDir).sort()) {
    if (!['.csv', '.xlsx', '.xls'].includes(extname(name).toLowerCase()) || name.toLowerCase() === 'stages.csv')
      continue;
    const raw = await loadFile(ctx.engine, join(ctx.inDir, name), 'pipedrive_deals', {
      log: ctx.log,
      encoding: ctx.encoding,
    });
    if (raw && uiFields(raw).id !== null) return raw;
  }
  return null;
}

/**
 * stages.csv beside a UI export: Pipeline, Stage, Order, Probability (percent, as pipeline settings show it).
 * Null when it cannot be read (the problem is logged).
 */
async function readStageTable(
  ctx: SourceContext,
  path: string,
  pipelines: Map<string, string>,
): Promise<{ stages: PipedriveStage[]; raw: RawTable } | null> {
  const raw = await loadFile(ctx.engine, path, 'pipedrive_stages', { log: ctx.log, encoding: ctx.encoding });
  if (raw === null) return null;
  const pipeline = findColumn(raw, ['Pipeline']);
  const stage = findColumn(raw, ['Stage']);
  const order = findColumn(raw, ['Order', 'order_nr']);
  const probability = findColumn(raw, ['Probability', 'deal_probability']);
  const stages: PipedriveStage[] = [];
  await forEachRawRow(ctx.engine, raw, (row) => {
    const p = get(row, pipeline);
    if (p !== null && !pipelines.has(p)) pipelines.set(p, p);
    const name = get(row, stage);
    if (name !== null)
      stages.push({
        id: `${p ?? ''}\u0000${name}`,
        name,
        order: Number(get(row, order) ?? stages.length + 1),
        probability: get(row, probability) === null ? null : Number(get(row, probability)),
        pipelineId: p,
        origin: { file: raw.file, line: row.line },
      });
  });
  return { stages, raw };
}

/**
 * The list-view export. It holds each deal's current stage and status but no history: stage order and
 * probabilities come from stages.csv beside it, and the only stage entries are the won or lost moments.
 */
export async function stageUiExport(ctx: SourceContext): Promise<StagedSource> {
  const raw = await findExport(ctx);
  if (raw === null) {
    if (!ctx.log.hasErrors())
      ctx.log.error({
        file: ctx.inDir,
        line: null,
        column: null,
        message: 'found neither Pipedrive API records (*.jsonl) nor a deals export (CSV/XLSX with "Deal - ID" …)',
        hint: 'run pipescope pull --source pipedrive, or export the deals list view (Export → CSV) into the folder',
      });
    return { tables: {}, inputs: [] };
  }
  const f = uiFields(raw);
  const pipelines = new Map<string, string>();
  const stagesPath = join(ctx.inDir, 'stages.csv');
  if (!existsSync(stagesPath)) {
    ctx.log.error({
      file: stagesPath,
      line: null,
      column: null,
      message: 'the deals export has no stage order or probabilities, and stages.csv is missing',
      hint: 'add stages.csv (Pipeline, Stage, Order, Probability in %) from Settings → Pipelines, or use pipescope pull --source pipedrive',
    });
    return { tables: {}, inputs: [] };
  }
  const table = await readStageTable(ctx, stagesPath, pipelines);
  if (table === null) return { tables: {}, inputs: [] };
  const dealPipelines = new Set<string>();
  await forEachRawRow(ctx.engine, raw, (row) => {
    const p = get(row, f.pipeline);
    if (p !== null) dealPipelines.add(p);
  });
  for (const p of dealPipelines) if (!pipelines.has(p)) pipelines.set(p, p);
  const stages = new PipedriveStages(table.stages, pipelines, [...dealPipelines], table.raw.file);
  const tables: Record<string, StagedTable> = { stages: await stages.stage(ctx) };
  const labels = {
    opp_id: f.id!,
    opp_name: f.title ?? 'Deal - Title',
    owner_id: f.owner ?? 'Deal - Owner',
    amount: f.value ?? 'Deal - Value',
    created_at: f.created ?? 'Deal - Deal created',
    stage: f.stage ?? 'Deal - Stage',
    close_date: f.expected ?? 'Deal - Expected close date',
  };
  const opps = await RecordStager.open(ctx, 'opportunities', raw.file, labels);
  const history = await RecordStager.open(ctx, 'stage_history', raw.file, {
    opp_id: f.id!,
    stage: f.status ?? 'Deal - Status',
    entered_at: 'Deal - Won time / Deal - Lost time',
  });
  const owners = new Map<string, number | null>();
  const deleted: (number | null)[] = [];
  await forEachRawRow(ctx.engine, raw, (row) => {
    const origin = { file: raw.file, line: row.line };
    const status = (get(row, f.status) ?? 'open').toLowerCase();
    if (status === 'deleted') {
      deleted.push(row.line);
      return;
    }
    const pipeline = get(row, f.pipeline);
    const stageName = get(row, f.stage);
    const id = `${pipeline ?? ''}\u0000${stageName ?? ''}`;
    const owner = get(row, f.owner);
    if (owner !== null && !owners.has(owner)) owners.set(owner, row.line);
    const closedAt = status === 'won' ? get(row, f.won) : status === 'lost' ? get(row, f.lost) : null;
    opps.put(origin, {
      opp_id: get(row, f.id),
      opp_name: get(row, f.title),
      account_id: get(row, f.org) ?? get(row, f.dealOrg),
      owner_id: owner,
      amount: get(row, f.value),
      currency: get(row, f.currency),
      created_at: get(row, f.created),
      close_date: status === 'open' ? get(row, f.expected) : (closedAt?.slice(0, 10) ?? null),
      stage:
        status === 'won' || status === 'lost'
          ? stages.closed(pipeline, status)
          : stages.has(id)
            ? stages.open(id)
            : stageName,
      pipeline: stages.pipeline(pipeline),
    });
    if (closedAt !== null && (status === 'won' || status === 'lost'))
      history.put(origin, { opp_id: get(row, f.id), stage: stages.closed(pipeline, status), entered_at: closedAt });
  });
  tables.opportunities = opps.finish();
  tables.stage_history = history.finish();
  const reps = await RecordStager.open(ctx, 'reps', raw.file, { rep_id: labels.owner_id });
  for (const [name, line] of owners) reps.put({ file: raw.file, line }, { rep_id: name, rep_name: name });
  tables.reps = reps.finish();
  if (deleted.length > 0)
    ctx.log.warn({
      file: raw.file,
      line: null,
      column: f.status,
      message: `${deleted.length} deleted deals are left out (${lineList(deleted)})`,
      hint: 'deleted deals are not part of any figure',
    });
  return {
    tables,
    inputs: [await describeInput(raw.path, raw.rows), await describeInput(table.raw.path, table.raw.rows)],
  };
}
