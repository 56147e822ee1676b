import { findColumn, quoteIdent, type RawTable } from '../raw/rawTable.ts';
import { forEachRawRow } from '../raw/rows.ts';
import type { SourceContext } from '../source.ts';
import { RecordStager } from '../staging/recordStager.ts';
import type { StagedTable } from '../staging/rowStager.ts';
import { DEFAULT_STAGES, HEADERS } from './headers.ts';
import { cell, fieldsOf } from './fields.ts';

interface WukongStage {
  readonly group: string | null;
  readonly name: string;
  readonly rate: string | null;
  readonly order: number;
  readonly id: string | null;
  readonly line: number | null;
}

/** Where the stage table came from, for problems (the defaults have no file). */
const DEFAULTS_FILE = '悟空CRM default stages (no 商机阶段 export given)';

/**
 * 商机阶段 as the model needs them. Each 商机状态组 (stage group) is a pipeline when there are several;
 * 赢单/输单 are end states in 悟空CRM, not stages, so each group gets its own won and lost stage after its
 * last one. A stage name used by two groups is qualified with the group, e.g. `方案/报价 (渠道商机组)`.
 */
export class WukongStages {
  private readonly multi: boolean;
  private readonly names = new Map<string, string>();

  constructor(
    private readonly stages: readonly WukongStage[],
    private readonly groups: readonly string[],
    private readonly file: string,
  ) {
    this.multi = groups.length > 1;
    const uses = new Map<string, number>();
    for (const s of stages) uses.set(s.name, (uses.get(s.name) ?? 0) + 1);
    for (const s of stages)
      this.names.set(this.key(s.group, s.name), (uses.get(s.name) ?? 0) > 1 ? `${s.name} (${s.group})` : s.name);
  }

  private key(group: string | null, name: string): string {
    return `${this.multi ? (group ?? '') : ''}\u0000${name}`;
  }

  /** The model's name of an open stage of a group (an unknown name passes through, for the stage check to report). */
  canonical(group: string | null, name: string | null): string | null {
    return name === null ? null : (this.names.get(this.key(group, name)) ?? name);
  }

  closed(group: string | null, state: 'won' | 'lost'): string {
    const name = state === 'won' ? '赢单' : '输单';
    return this.multi ? `${name} (${group ?? ''})` : name;
  }

  pipeline(group: string | null): string | null {
    return this.multi ? group : null;
  }

  async stage(ctx: SourceContext): Promise<StagedTable> {
    const out = await RecordStager.open(ctx, 'stages', this.file, {
      stage: '阶段名称',
      probability: '赢单率',
      stage_order: '排序',
    });
    for (const group of this.multi ? this.groups : [null]) {
      const own = this.stages.filter((s) => !this.multi || s.group === group);
      for (const s of own) {
        const rate = s.rate === null ? null : Number(s.rate.replace('%', '')) / 100;
        out.put(
          { file: this.file, line: s.line },
          {
            stage: this.canonical(group, s.name),
            stage_order: s.order,
            probability: rate === null || Number.isNaN(rate) ? s.rate : rate,
            kind: 'open',
            pipeline: this.pipeline(group),
          },
        );
      }
      const last = Math.max(0, ...own.map((s) => s.order));
      out.put(
        { file: this.file, line: null },
        {
          stage: this.closed(group, 'won'),
          stage_order: last + 1,
          probability: 1,
          kind: 'won',
          pipeline: this.pipeline(group),
        },
      );
      out.put(
        { file: this.file, line: null },
        {
          stage: this.closed(group, 'lost'),
          stage_order: last + 2,
          probability: 0,
          kind: 'lost',
          pipeline: this.pipeline(group),
        },
      );
    }
    return out.finish();
  }

  /**
   * The `wk_crm_business_change` dump: one row per stage advance (business_id, status_id, create_time).
   * Winning or losing writes no row in 悟空CRM, so the won/lost entry comes from the deal's end state.
   * Changes of 无效 deals go with them (`excluded`).
   */
  async history(ctx: SourceContext, raw: RawTable, excluded: ReadonlySet<string>): Promise<StagedTable> {
    const f = fieldsOf(raw, 'change');
    const byId = new Map(this.stages.filter((s) => s.id !== null).map((s) => [s.id!, s]));
    const out = await RecordStager.open(ctx, 'stage_history', raw.file, {
      opp_id: f.business ?? 'business_id',
      stage: f.status ?? 'status_id',
      entered_at: f.time ?? 'create_time',
    });
    if (byId.size === 0) {
      ctx.log.error({
        file: raw.file,
        line: null,
        column: f.status ?? 'status_id',
        message: 'the stage changes name stages by status_id, and no stage table with status_id was given',
        hint: 'add the wk_crm_business_status dump (status_id, type_id, name, rate, order_num) to the folder',
      });
      return out.finish();
    }
    await forEachRawRow(ctx.engine, raw, (row) => {
      if (excluded.has(cell(row, f.business) ?? '')) return;
      const id = cell(row, f.status);
      const stage = id === null ? undefined : byId.get(id);
      if (id !== null && stage === undefined) {
        ctx.log.error({
          file: raw.file,
          line: row.line,
          column: f.status ?? 'status_id',
          message: `status_id ${id} is not in the stage table`,
          hint: 'export wk_crm_business_status again, with every stage group',
        });
        return;
      }
      out.put(
        { file: raw.file, line: row.line },
        {
          opp_id: cell(row, f.business),
          stage: stage ? this.canonical(stage.group, stage.name) : null,
          entered_at: cell(row, f.time),
        },
      );
    });
    return out.finish();
  }
}

/** Reads the stage table (an export or the table dump), or falls back to 悟空CRM's defaults. */
export async function readStages(
  ctx: SourceContext,
  raw: RawTable | undefined,
  business: RawTable,
): Promise<WukongStages> {
  const groupColumn = findColumn(business, HEADERS.business.group);
  const businessGroups =
    groupColumn === null
      ? []
      : (
          await ctx.engine.all({
            sql: `SELECT DISTINCT ${quoteIdent(groupColumn)} AS g FROM ${quoteIdent(business.table)} WHERE ${quoteIdent(groupColumn)} IS NOT NULL ORDER BY 1`,
            params: [],
          })
        ).map((r) => String(r.g));
  if (raw === undefined) {
    const stages = DEFAULT_STAGES.map((s) => ({
      group: businessGroups[0] ?? null,
      name: s.name,
      rate: String(s.rate),
      order: s.order,
      id: null,
      line: null,
    }));
    if (businessGroups.length > 1) {
      ctx.log.error({
        file: business.file,
        line: null,
        column: groupColumn,
        message: `the 商机 use ${businessGroups.length} 商机状态组 (${businessGroups.join(', ')}) and there is no stage table`,
        hint: 'export the stage table (商机阶段: 商机状态组, 阶段名称, 赢单率, 排序) into the folder',
      });
    }
    return new WukongStages(stages, businessGroups.slice(0, 1), DEFAULTS_FILE);
  }
  const f = fieldsOf(raw, 'stages');
  const stages: WukongStage[] = [];
  await forEachRawRow(ctx.engine, raw, (row) => {
    const name = cell(row, f.name);
    if (name === null) return;
    stages.push({
      group: cell(row, f.group),
      name,
      rate: cell(row, f.rate),
      order: Number(cell(row, f.order) ?? stages.length + 1),
      id: cell(row, f.id),
      line: row.line,
    });
  });
  const groups = [...new Set(stages.map((s) => s.group).filter((g): g is string => g !== null))].sort();
  return new WukongStages(stages, groups.length > 0 ? groups : businessGroups.slice(0, 1), raw.file);
}
