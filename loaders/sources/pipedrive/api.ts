import { lineList } from '../../validate/problem.ts';
import type { SourceContext } from '../source.ts';
import { RecordStager } from '../staging/recordStager.ts';
import type { StagedTable } from '../staging/rowStager.ts';
import { idOf, text, utc, type ApiRecord, type Records } from './records.ts';
import { PipedriveStages } from './stages.ts';

const origin = (r: ApiRecord) => ({ file: r.file, line: r.line });
const dateOf = (value: unknown): string | null => text(value)?.slice(0, 10) ?? null;

/** The deal's stage entries from its flow: the first stage at add_time, every stage_id change, then won/lost. */
function historyOf(
  deal: ApiRecord,
  flow: readonly ApiRecord[],
  stages: PipedriveStages,
): { stage: string; at: string | null; r: ApiRecord }[] {
  const d = deal.data;
  const pipelineId = idOf(d.pipeline_id);
  const changes = flow
    .map((f) => ({ f, data: (f.data.data ?? f.data) as Record<string, unknown> }))
    .filter(({ data }) => data.field_key === 'stage_id')
    .sort((a, b) => String(a.data.log_time).localeCompare(String(b.data.log_time)));
  const first = changes.length > 0 ? idOf(changes[0]!.data.old_value) : idOf(d.stage_id);
  const entries: { stage: string; at: string | null; r: ApiRecord }[] = [];
  if (first !== null && stages.has(first)) entries.push({ stage: stages.open(first), at: utc(d.add_time), r: deal });
  for (const { f, data } of changes) {
    const to = idOf(data.new_value);
    if (to !== null) entries.push({ stage: stages.has(to) ? stages.open(to) : to, at: utc(data.log_time), r: f });
  }
  if (d.status === 'won')
    entries.push({ stage: stages.closed(pipelineId, 'won'), at: utc(d.won_time ?? d.close_time), r: deal });
  if (d.status === 'lost')
    entries.push({ stage: stages.closed(pipelineId, 'lost'), at: utc(d.lost_time ?? d.close_time), r: deal });
  return entries;
}

/** API records (`*.jsonl`) → the canonical tables. */
export async function stageApiRecords(ctx: SourceContext, records: Records): Promise<Record<string, StagedTable>> {
  const tables: Record<string, StagedTable> = {};
  const pipelineNames = new Map(
    records.pipelines.map((p) => [idOf(p.data.id)!, text(p.data.name) ?? `Pipeline ${idOf(p.data.id)}`]),
  );
  const deleted = records.deals.filter((r) => r.data.status === 'deleted');
  const deals = records.deals.filter((r) => r.data.status !== 'deleted');
  const stagesFile = records.stages[0]?.file ?? records.deals[0]?.file ?? ctx.inDir;
  const stages = new PipedriveStages(
    records.stages.map((r) => ({
      id: idOf(r.data.id)!,
      name: text(r.data.name) ?? `Stage ${idOf(r.data.id)}`,
      order: Number(r.data.order_nr ?? 0),
      probability:
        r.data.deal_probability === null || r.data.deal_probability === undefined
          ? null
          : Number(r.data.deal_probability),
      pipelineId: idOf(r.data.pipeline_id),
      origin: origin(r),
    })),
    pipelineNames,
    deals.map((r) => idOf(r.data.pipeline_id)).filter((p): p is string => p !== null),
    stagesFile,
  );
  for (const r of deals) {
    const id = idOf(r.data.stage_id);
    if (id !== null) stages.addMissing(ctx, id, idOf(r.data.pipeline_id), origin(r));
  }
  tables.stages = await stages.stage(ctx);

  const opps = await RecordStager.open(ctx, 'opportunities', records.deals[0]?.file ?? ctx.inDir, {
    opp_id: 'id',
    opp_name: 'title',
    account_id: 'org_id',
    owner_id: 'user_id',
    amount: 'value',
    currency: 'currency',
    created_at: 'add_time',
    close_date: 'expected_close_date',
    stage: 'stage_id',
    pipeline: 'pipeline_id',
  });
  for (const r of deals) {
    const d = r.data;
    const pipelineId = idOf(d.pipeline_id);
    const status = d.status === 'won' || d.status === 'lost' ? d.status : 'open';
    const stageId = idOf(d.stage_id);
    opps.put(origin(r), {
      opp_id: idOf(d.id),
      opp_name: text(d.title),
      account_id: idOf(d.org_id),
      owner_id: idOf(d.user_id),
      amount: text(d.value),
      currency: text(d.currency),
      created_at: utc(d.add_time),
      // Closed deals close when they were won or lost; open ones are expected to close on expected_close_date.
      close_date:
        status === 'won'
          ? dateOf(d.won_time ?? d.close_time)
          : status === 'lost'
            ? dateOf(d.lost_time ?? d.close_time)
            : text(d.expected_close_date),
      stage: status === 'open' ? (stageId === null ? null : stages.open(stageId)) : stages.closed(pipelineId, status),
      pipeline: stages.pipeline(pipelineId),
    });
  }
  tables.opportunities = opps.finish();
  if (deleted.length > 0) {
    ctx.log.warn({
      file: deleted[0]!.file,
      line: null,
      column: 'status',
      message: `${deleted.length} deleted deals are left out (${lineList(deleted.map((r) => r.line))})`,
      hint: 'Pipedrive keeps deleted deals for 30 days; they are not part of any figure',
    });
  }

  const flowByDeal = new Map<string, ApiRecord[]>();
  for (const f of records.deal_flow) {
    const data = (f.data.data ?? f.data) as Record<string, unknown>;
    const id = idOf(data.item_id ?? f.data.item_id);
    if (id !== null) flowByDeal.set(id, [...(flowByDeal.get(id) ?? []), f]);
  }
  const history = await RecordStager.open(
    ctx,
    'stage_history',
    records.deal_flow[0]?.file ?? records.deals[0]?.file ?? ctx.inDir,
    { opp_id: 'item_id', stage: 'new_value', entered_at: 'log_time' },
  );
  for (const deal of deals) {
    const id = idOf(deal.data.id)!;
    for (const e of historyOf(deal, flowByDeal.get(id) ?? [], stages))
      history.put(origin(e.r), { opp_id: id, stage: e.stage, entered_at: e.at });
  }
  tables.stage_history = history.finish();

  if (records.users.length > 0) {
    const reps = await RecordStager.open(ctx, 'reps', records.users[0]!.file, { rep_id: 'id', rep_name: 'name' });
    for (const r of records.users) reps.put(origin(r), { rep_id: idOf(r.data.id), rep_name: text(r.data.name) });
    tables.reps = reps.finish();
  }
  if (records.organizations.length > 0) {
    const accounts = await RecordStager.open(ctx, 'accounts', records.organizations[0]!.file, {
      account_id: 'id',
      account_name: 'name',
      region: 'address_country',
    });
    for (const r of records.organizations)
      accounts.put(origin(r), {
        account_id: idOf(r.data.id),
        account_name: text(r.data.name),
        region: text(r.data.address_country),
      });
    tables.accounts = accounts.finish();
  }
  return tables;
}
