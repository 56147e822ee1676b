import { lineList } from '../../validate/problem.ts';
import type { InputFile } from '../../../src/model/manifest.ts';
import { describeInput } from '../inputs.ts';
import { findFile } from '../raw/findFile.ts';
import { loadFile } from '../raw/loadFile.ts';
import { findColumn, type RawTable } from '../raw/rawTable.ts';
import { forEachRawRow } from '../raw/rows.ts';
import type { Source, SourceContext, StagedSource } from '../source.ts';
import { RecordStager } from '../staging/recordStager.ts';
import type { StagedTable } from '../staging/rowStager.ts';
import { cell, fieldsOf } from './fields.ts';
import { END_STATES, FILES, MONTHS, TIERS } from './headers.ts';
import { readStages, type WukongStages } from './stages.ts';

interface Loaded {
  readonly raws: Partial<Record<keyof typeof FILES, RawTable>>;
}

async function loadAll(ctx: SourceContext): Promise<Loaded> {
  const raws: Loaded['raws'] = {};
  for (const [kind, names] of Object.entries(FILES) as [keyof typeof FILES, readonly string[]][]) {
    const path = findFile(ctx.inDir, names);
    if (path === null) continue;
    const raw = await loadFile(ctx.engine, path, `wukong_${kind}`, {
      log: ctx.log,
      encoding: ctx.encoding,
      onProgress: (rows, bytes, total) => ctx.onRead(path, rows, bytes, total),
    });
    if (raw) raws[kind] = raw;
  }
  return { raws };
}

/** 商机 → opportunities (and reps from their owners); 无效 deals are left out and counted in one warning. */
async function stageBusiness(
  ctx: SourceContext,
  raw: RawTable,
  stages: WukongStages,
  tables: Record<string, StagedTable>,
): Promise<{ oppIdByName: Map<string, string>; excludedIds: Set<string> }> {
  const f = fieldsOf(raw, 'business');
  const opps = await RecordStager.open(ctx, 'opportunities', raw.file, {
    opp_id: f.id ?? f.name ?? '商机名称',
    opp_name: f.name ?? '商机名称',
    account_id: f.customer ?? '客户名称',
    owner_id: f.owner ?? '负责人',
    amount: f.amount ?? '商机金额',
    created_at: f.created ?? '创建时间',
    close_date: f.dealDate ?? '预计成交日期',
    stage: f.stage ?? '商机阶段',
    pipeline: f.group ?? '商机状态组',
  });
  const owners = new Map<string, { team: string | null; line: number | null }>();
  const oppIdByName = new Map<string, string>();
  const excluded: number[] = [];
  const excludedIds = new Set<string>();
  await forEachRawRow(ctx.engine, raw, (row) => {
    const origin = { file: raw.file, line: row.line };
    const stageText = cell(row, f.stage);
    const state = END_STATES[cell(row, f.status) ?? ''] ?? END_STATES[stageText ?? ''] ?? 'open';
    const group = cell(row, f.group);
    const name = cell(row, f.name);
    const id = cell(row, f.id) ?? name;
    if (state === 'excluded') {
      excluded.push(row.line ?? 0);
      if (id !== null) excludedIds.add(id);
      return;
    }
    if (name !== null && id !== null) oppIdByName.set(name, id);
    const owner = cell(row, f.owner);
    if (owner !== null && !owners.has(owner)) owners.set(owner, { team: cell(row, f.dept), line: row.line });
    opps.put(origin, {
      opp_id: id,
      opp_name: name,
      account_id: cell(row, f.customer),
      owner_id: owner,
      amount: cell(row, f.amount),
      currency: 'CNY',
      created_at: cell(row, f.created),
      close_date: cell(row, f.dealDate),
      stage: state === 'open' ? stages.canonical(group, stageText) : stages.closed(group, state),
      pipeline: stages.pipeline(group),
    });
  });
  tables.opportunities = opps.finish();
  if (excluded.length > 0) {
    ctx.log.warn({
      file: raw.file,
      line: null,
      column: f.status ?? f.stage,
      message: `${excluded.length} 商机 marked 无效 (invalid) are left out of every figure (${lineList(excluded)})`,
      hint: "this is 悟空CRM's own rule for 无效; set the deal to 输单 in the CRM if it was a real loss",
    });
  }
  const reps = await RecordStager.open(ctx, 'reps', raw.file, {
    rep_id: f.owner ?? '负责人',
    team: f.dept ?? '所属部门',
  });
  for (const [name, o] of owners)
    reps.put({ file: raw.file, line: o.line }, { rep_id: name, rep_name: name, team: o.team });
  tables.reps = reps.finish();
  return { oppIdByName, excludedIds };
}

async function stageCustomers(ctx: SourceContext, raw: RawTable, tables: Record<string, StagedTable>): Promise<void> {
  const f = fieldsOf(raw, 'customer');
  const accounts = await RecordStager.open(ctx, 'accounts', raw.file, {
    account_id: f.name ?? '客户名称',
    tier: f.level ?? '客户级别',
  });
  await forEachRawRow(ctx.engine, raw, (row) => {
    const level = cell(row, f.level);
    // 地区定位 reads "广东省,深圳市,南山区": the province is the region.
    const province = cell(row, f.area)?.split(/[,，\s/]+/)[0] ?? null;
    accounts.put(
      { file: raw.file, line: row.line },
      {
        account_id: cell(row, f.name),
        account_name: cell(row, f.name),
        industry: cell(row, f.industry),
        region: province,
        tier: level === null ? null : (TIERS[level] ?? level),
      },
    );
  });
  tables.accounts = accounts.finish();
}

async function stageLeads(ctx: SourceContext, raw: RawTable, tables: Record<string, StagedTable>): Promise<void> {
  const f = fieldsOf(raw, 'leads');
  const leads = await RecordStager.open(ctx, 'leads', raw.file, {
    lead_id: f.name ?? '线索名称',
    created_at: f.created ?? '创建时间',
  });
  await forEachRawRow(ctx.engine, raw, (row) => {
    leads.put(
      { file: raw.file, line: row.line },
      {
        lead_id: cell(row, f.name),
        created_at: cell(row, f.created),
        source: cell(row, f.source),
        owner_id: cell(row, f.owner),
      },
    );
  });
  tables.leads = leads.finish();
}

/**
 * 回款计划 → invoices (one per contract instalment, `<合同编号>-<期数>`, linked to the contract's 商机), and
 * 回款 → payments of that instalment. A payment that names no instalment cannot be aged: it is reported.
 */
async function stageReceivables(
  ctx: SourceContext,
  raws: Loaded['raws'],
  oppIdByName: ReadonlyMap<string, string>,
  tables: Record<string, StagedTable>,
): Promise<void> {
  const contracts = new Map<string, { business: string | null; customer: string | null; orderDate: string | null }>();
  if (raws.contract) {
    const f = fieldsOf(raws.contract, 'contract');
    await forEachRawRow(ctx.engine, raws.contract, (row) => {
      const num = cell(row, f.num);
      if (num !== null)
        contracts.set(num, {
          business: cell(row, f.business),
          customer: cell(row, f.customer),
          orderDate: cell(row, f.orderDate),
        });
    });
  }
  if (raws.plan) {
    const raw = raws.plan;
    const f = fieldsOf(raw, 'plan');
    const invoices = await RecordStager.open(ctx, 'invoices', raw.file, {
      invoice_id: `${f.contract ?? '合同编号'}+${f.period ?? '期数'}`,
      issued_at: f.created ?? '创建时间',
      due_date: f.due ?? '计划回款日期',
      amount: f.amount ?? '计划回款金额',
    });
    await forEachRawRow(ctx.engine, raw, (row) => {
      const num = cell(row, f.contract);
      const contract = num === null ? undefined : contracts.get(num);
      const business = contract?.business ?? null;
      invoices.put(
        { file: raw.file, line: row.line },
        {
          invoice_id: num === null ? null : `${num}-${cell(row, f.period) ?? '1'}`,
          opp_id: business === null ? null : (oppIdByName.get(business) ?? business),
          account_id: contract?.customer ?? cell(row, f.customer),
          // The plan's creation is when the amount became due to us; an export without it falls back to the order date.
          issued_at: cell(row, f.created) ?? contract?.orderDate ?? null,
          due_date: cell(row, f.due)?.slice(0, 10) ?? null,
          amount: cell(row, f.amount),
        },
      );
    });
    tables.invoices = invoices.finish();
  }
  if (raws.receivables) {
    const raw = raws.receivables;
    const f = fieldsOf(raw, 'receivables');
    const payments = await RecordStager.open(ctx, 'payments', raw.file, {
      payment_id: f.number ?? '回款编号',
      invoice_id: `${f.contract ?? '合同编号'}+${f.period ?? '期数'}`,
      paid_at: f.date ?? '回款日期',
      amount: f.amount ?? '回款金额',
    });
    await forEachRawRow(ctx.engine, raw, (row) => {
      const num = cell(row, f.contract);
      const period = cell(row, f.period);
      if (period === null) {
        ctx.log.warn({
          file: raw.file,
          line: row.line,
          column: f.period ?? '期数',
          message: `回款 ${cell(row, f.number) ?? ''} names no 期数 (instalment), so it cannot be matched to a 回款计划 and is left out of receivables`,
          hint: 'link the payment to its 回款计划 in 悟空CRM',
        });
        return;
      }
      payments.put(
        { file: raw.file, line: row.line },
        {
          payment_id: cell(row, f.number),
          invoice_id: num === null ? null : `${num}-${period}`,
          paid_at: cell(row, f.date),
          amount: cell(row, f.amount),
        },
      );
    });
    tables.payments = payments.finish();
  }
}

/** 业绩目标: one row per object and year with a column per month → monthly targets. */
async function stageTargets(ctx: SourceContext, raw: RawTable, tables: Record<string, StagedTable>): Promise<void> {
  const f = fieldsOf(raw, 'targets');
  const months = MONTHS.map((names) => findColumn(raw, names));
  const targets = await RecordStager.open(ctx, 'targets', raw.file, {
    scope: f.type ?? '类型',
    scope_id: f.name ?? '名称',
    period: f.year ?? '年份',
  });
  const skipped: number[] = [];
  await forEachRawRow(ctx.engine, raw, (row) => {
    const kind = cell(row, f.kind);
    const type = cell(row, f.type);
    // 回款目标 (collection targets) measure cash, not won deals; 部门 has no scope in the canonical model.
    if ((kind !== null && kind !== '销售目标' && kind !== '1') || type === '部门' || type === '2') {
      skipped.push(row.line ?? 0);
      return;
    }
    const scope = type === '公司' || type === '1' ? 'company' : type === '员工' || type === '3' ? 'rep' : type;
    const year = cell(row, f.year);
    months.forEach((header, i) => {
      const value = cell(row, header);
      if (value === null) return;
      targets.put(
        { file: raw.file, line: row.line },
        {
          period: `${year}-${String(i + 1).padStart(2, '0')}`,
          scope,
          scope_id: scope === 'company' ? null : cell(row, f.name),
          target: value,
        },
      );
    });
  });
  tables.targets = targets.finish();
  if (skipped.length > 0) {
    ctx.log.warn({
      file: raw.file,
      line: null,
      column: f.type ?? '类型',
      message: `${skipped.length} 业绩目标 rows are department (部门) or collection (回款目标) targets and are not used (lines ${skipped.join(', ')})`,
      hint: 'Pipescope compares won amounts with company, region and rep sales targets (销售目标)',
    });
  }
}

/**
 * `--source wukong`: 悟空CRM list exports (.xls/.xlsx, or CSV in UTF-8/GBK/GB18030) with Chinese headers,
 * plus optional table dumps for the stage table and stage history. docs/sources/wukong.md.
 */
export const wukongSource: Source = {
  async stage(ctx: SourceContext): Promise<StagedSource> {
    const { raws } = await loadAll(ctx);
    const tables: Record<string, StagedTable> = {};
    if (!raws.business) {
      if (!ctx.log.hasErrors())
        ctx.log.error({
          file: ctx.inDir,
          line: null,
          column: null,
          message: 'no 商机信息 export (.xls, .xlsx or .csv) in the folder',
          hint: 'export the 商机 list from 悟空CRM (导出 → 商机信息.xls) into this folder',
        });
      return { tables, inputs: [] };
    }
    const stages = await readStages(ctx, raws.stages, raws.business);
    tables.stages = await stages.stage(ctx);
    const { oppIdByName, excludedIds } = await stageBusiness(ctx, raws.business, stages, tables);
    if (raws.customer) await stageCustomers(ctx, raws.customer, tables);
    if (raws.leads) await stageLeads(ctx, raws.leads, tables);
    await stageReceivables(ctx, raws, oppIdByName, tables);
    if (raws.targets) await stageTargets(ctx, raws.targets, tables);
    if (raws.change) tables.stage_history = await stages.history(ctx, raws.change, excludedIds);
    const inputs: InputFile[] = [];
    for (const raw of Object.values(raws)) inputs.push(await describeInput(raw.path, raw.rows));
    return { tables, inputs };
  },
};
