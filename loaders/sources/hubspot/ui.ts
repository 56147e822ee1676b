import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ProblemLog } from '../../validate/problem.ts';
import type { SourceContext } from '../source.ts';
import { loadFile } from '../raw/loadFile.ts';
import { findColumn, type RawTable } from '../raw/rawTable.ts';
import { forEachRawRow } from '../raw/rows.ts';
import type { HubspotData } from './model.ts';

/** `Date entered "Closed Won (Sales Pipeline)"`, with straight or curly quotes. */
const DATE_ENTERED = /^Date entered\s*["“](.+)\s\((.+)\)["”]$/i;

const COLUMNS = {
  id: ['Record ID', 'Deal ID'],
  name: ['Deal Name'],
  stage: ['Deal Stage'],
  pipeline: ['Pipeline'],
  amount: ['Amount'],
  currency: ['Currency', 'Deal currency code'],
  close: ['Close Date'],
  created: ['Create Date'],
  owner: ['Deal owner', 'Deal Owner', 'HubSpot Owner'],
  company: ['Associated Company', 'Company name'],
  probability: ['Deal probability'],
} as const;

/** The deals export: the first CSV/XLSX in the folder with `Record ID` and `Deal Stage` headers. */
export async function findUiExport(ctx: SourceContext): Promise<RawTable | null> {
  for (const name of readdirSync(ctx.inDir).sort()) {
    if (!['.csv', '.xlsx', '.xls'].includes(extname(name).toLowerCase())) continue;
    const raw = await loadFile(ctx.engine, join(ctx.inDir, name), 'hubspot_ui', {
      log: ctx.log,
      encoding: ctx.encoding,
    });
    if (raw && findColumn(raw, COLUMNS.id) !== null && findColumn(raw, COLUMNS.stage) !== null) return raw;
  }
  return null;
}

const id = (pipeline: string, label: string) => `${pipeline}\u0000${label}`;

/**
 * The UI deal export: labels instead of ids, owners by name, and per stage a `Date entered "<Stage>
 * (<Pipeline>)"` column holding only the **latest** entry. It has no stage table: stages are ordered as those
 * columns are (HubSpot writes them in pipeline order), a stage's probability is the one its current deals
 * carry, a stage with probability 1 is won and one labelled "lost" with probability 0 is lost. A warning says
 * so; the API shape (`pipescope pull`) has the real metadata and the full history.
 */
export async function readUiShape(ctx: SourceContext, raw: RawTable, log: ProblemLog): Promise<HubspotData> {
  const col = Object.fromEntries(Object.entries(COLUMNS).map(([k, names]) => [k, findColumn(raw, names)])) as Record<
    keyof typeof COLUMNS,
    string | null
  >;
  const entered = raw.headers.flatMap((h) => {
    const m = DATE_ENTERED.exec(h);
    return m ? [{ header: h, label: m[1]!.trim(), pipeline: m[2]!.trim() }] : [];
  });
  const data: HubspotData = {
    pipelines: [],
    stages: [],
    owners: [],
    companies: [],
    deals: [],
    history: [],
    mergedAway: new Set(),
    files: { deals: raw.file, stages: raw.file, history: raw.file },
    labels: {
      opp_id: col.id ?? 'Record ID',
      opp_name: col.name ?? 'Deal Name',
      owner_id: col.owner ?? 'Deal owner',
      amount: col.amount ?? 'Amount',
      created_at: col.created ?? 'Create Date',
      close_date: col.close ?? 'Close Date',
      stage: col.stage ?? 'Deal Stage',
      pipeline: col.pipeline ?? 'Pipeline',
    },
  };
  const probabilities = new Map<string, Map<number, number>>();
  const owners = new Map<string, number | null>();
  const companies = new Map<string, number | null>();
  const text = (v: string | null) => (v === null || v.trim() === '' ? null : v.trim());
  await forEachRawRow(ctx.engine, raw, (row) => {
    const origin = { file: raw.file, line: row.line };
    const get = (h: string | null) => (h === null ? null : text(row.get(h)));
    const dealId = get(col.id);
    const pipeline = get(col.pipeline) ?? 'Sales Pipeline';
    const stage = get(col.stage);
    const owner = get(col.owner);
    const company = get(col.company);
    if (owner !== null && !owners.has(owner)) owners.set(owner, row.line);
    if (company !== null && !companies.has(company)) companies.set(company, row.line);
    const p = get(col.probability);
    if (stage !== null && p !== null && !Number.isNaN(Number(p))) {
      const key = id(pipeline, stage);
      const counts = probabilities.get(key) ?? new Map<number, number>();
      const value = Number(p) > 1 ? Number(p) / 100 : Number(p);
      counts.set(value, (counts.get(value) ?? 0) + 1);
      probabilities.set(key, counts);
    }
    data.deals.push({
      id: dealId ?? '',
      name: get(col.name),
      amount: get(col.amount),
      currency: get(col.currency),
      created: get(col.created),
      closeDate: get(col.close)?.slice(0, 10) ?? null,
      stageId: stage === null ? null : id(pipeline, stage),
      pipelineId: pipeline,
      ownerId: owner,
      companyId: company,
      deleted: false,
      origin,
    });
    for (const e of entered) {
      const at = get(e.header);
      if (at !== null && dealId !== null) data.history.push({ dealId, stageId: id(e.pipeline, e.label), at, origin });
    }
  });
  const stageKeys = [
    ...new Set([
      ...entered.map((e) => id(e.pipeline, e.label)),
      ...data.deals.flatMap((d) => (d.stageId === null ? [] : [d.stageId])),
    ]),
  ];
  const order = new Map<string, number>();
  for (const key of stageKeys) {
    const [pipeline, label] = key.split('\u0000') as [string, string];
    order.set(pipeline, (order.get(pipeline) ?? -1) + 1);
    const counts = [...(probabilities.get(key) ?? new Map<number, number>())].sort(
      (a, b) => b[1] - a[1] || a[0] - b[0],
    );
    const probability = counts[0]?.[0] ?? null;
    const won = probability === 1;
    const lost = !won && /lost/i.test(label) && (probability === null || probability === 0);
    data.stages.push({
      id: key,
      label,
      pipelineId: pipeline,
      order: order.get(pipeline)!,
      probability: probability === null ? (lost ? '0' : null) : String(probability),
      isClosed: won || lost,
      closedWon: won,
      origin: { file: raw.file, line: 1 },
    });
  }
  for (const pipeline of order.keys())
    data.pipelines.push({ id: pipeline, label: pipeline, order: data.pipelines.length });
  for (const [name, line] of owners) data.owners.push({ id: name, name, team: null, origin: { file: raw.file, line } });
  for (const [name, line] of companies)
    data.companies.push({ id: name, name, country: null, industry: null, origin: { file: raw.file, line } });
  log.warn({
    file: raw.file,
    line: null,
    column: null,
    message:
      'a UI deal export has no stage table and keeps only the latest entry per stage: stage order follows its "Date entered" columns, probabilities are the ones deals carry, and re-entries are lost',
    hint: 'for exact stages and full history use pipescope pull --source hubspot',
  });
  return data;
}
