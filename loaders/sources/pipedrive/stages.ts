import type { SourceContext } from '../source.ts';
import { RecordStager } from '../staging/recordStager.ts';
import type { RowOrigin, StagedTable } from '../staging/rowStager.ts';

export interface PipedriveStage {
  readonly id: string;
  readonly name: string;
  readonly order: number;
  /** Percent, as Pipedrive gives it (`deal_probability: 100`); null when unknown. */
  readonly probability: number | null;
  readonly pipelineId: string | null;
  readonly origin: RowOrigin;
}

/**
 * Pipedrive's stages as the model needs them. Won and lost are deal statuses, not stages, so each pipeline
 * gets a won and a lost stage after its last one. With several pipelines each stage names its pipeline and a
 * name two pipelines share is qualified (`Qualified (Renewals)`); with one, names stay as they are.
 */
export class PipedriveStages {
  private readonly byId = new Map<string, PipedriveStage>();
  private readonly names = new Map<string, string>();
  private readonly pipelineIds: string[];
  private readonly multi: boolean;

  constructor(
    stages: readonly PipedriveStage[],
    private readonly pipelineNames: ReadonlyMap<string, string>,
    dealPipelines: readonly string[],
    private readonly file: string,
  ) {
    for (const s of stages) this.byId.set(s.id, s);
    this.pipelineIds = [
      ...new Set([...stages.map((s) => s.pipelineId).filter((p): p is string => p !== null), ...dealPipelines]),
    ].sort();
    this.multi = this.pipelineIds.length > 1;
    const uses = new Map<string, number>();
    for (const s of stages) uses.set(s.name, (uses.get(s.name) ?? 0) + 1);
    for (const s of stages)
      this.names.set(
        s.id,
        this.multi && (uses.get(s.name) ?? 0) > 1 ? `${s.name} (${this.pipelineName(s.pipelineId)})` : s.name,
      );
  }

  /**
   * A stage a deal names but the stages records lack (an excerpt, or a stage deleted since): added after
   * its pipeline's known stages with probability 0 and reported, so the deal still counts and nothing is
   * invented silently.
   */
  addMissing(ctx: SourceContext, id: string, pipelineId: string | null, origin: RowOrigin): void {
    if (this.byId.has(id)) return;
    const order =
      Math.max(0, ...[...this.byId.values()].filter((s) => s.pipelineId === pipelineId).map((s) => s.order)) + 1;
    const name = `Stage ${id}`;
    this.byId.set(id, { id, name, order, probability: null, pipelineId, origin });
    this.names.set(id, name);
    if (pipelineId !== null && !this.pipelineIds.includes(pipelineId)) this.pipelineIds.push(pipelineId);
    ctx.log.warn({
      ...origin,
      column: 'stage_id',
      message: `stage_id ${id} is not among the stages records; it is kept as "${name}" with probability 0 after the pipeline's other stages`,
      hint: 'include the stages stream (GET /v1/stages) in the export, e.g. with pipescope pull',
    });
  }

  pipelineName(id: string | null): string {
    return id === null ? '' : (this.pipelineNames.get(id) ?? `Pipeline ${id}`);
  }

  pipeline(id: string | null): string | null {
    return this.multi ? this.pipelineName(id) : null;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  stageOf(id: string): PipedriveStage | undefined {
    return this.byId.get(id);
  }

  open(id: string): string {
    return this.names.get(id) ?? id;
  }

  closed(pipelineId: string | null, status: 'won' | 'lost'): string {
    const name = status === 'won' ? 'Won' : 'Lost';
    return this.multi ? `${name} (${this.pipelineName(pipelineId)})` : name;
  }

  async stage(ctx: SourceContext): Promise<StagedTable> {
    const out = await RecordStager.open(ctx, 'stages', this.file, {
      stage: 'name',
      stage_order: 'order_nr',
      probability: 'deal_probability',
      pipeline: 'pipeline_id',
    });
    const groups = this.multi ? this.pipelineIds : [this.pipelineIds[0] ?? null];
    for (const pipelineId of groups) {
      const own = [...this.byId.values()]
        .filter((s) => !this.multi || s.pipelineId === pipelineId)
        .sort((a, b) => a.order - b.order);
      for (const s of own) {
        out.put(s.origin, {
          stage: this.open(s.id),
          stage_order: s.order,
          probability: s.probability === null ? 0 : s.probability / 100,
          kind: 'open',
          pipeline: this.pipeline(pipelineId),
        });
      }
      const last = Math.max(0, ...own.map((s) => s.order));
      const origin = { file: this.file, line: null };
      out.put(origin, {
        stage: this.closed(pipelineId, 'won'),
        stage_order: last + 1,
        probability: 1,
        kind: 'won',
        pipeline: this.pipeline(pipelineId),
      });
      out.put(origin, {
        stage: this.closed(pipelineId, 'lost'),
        stage_order: last + 2,
        probability: 0,
        kind: 'lost',
        pipeline: this.pipeline(pipelineId),
      });
    }
    return out.finish();
  }
}
