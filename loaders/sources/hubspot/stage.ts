import { lineList } from '../../validate/problem.ts';
import type { SourceContext } from '../source.ts';
import { RecordStager } from '../staging/recordStager.ts';
import type { StagedTable } from '../staging/rowStager.ts';
import type { HubspotData, HubspotDeal } from './model.ts';

/** Deals that are not part of any figure, and why; each reason is reported once with its count. */
function excluded(data: HubspotData): Map<string, { reason: string; deals: HubspotDeal[] }> {
  const out = new Map<string, { reason: string; deals: HubspotDeal[] }>();
  const add = (key: string, reason: string, d: HubspotDeal) => {
    const entry = out.get(key) ?? { reason, deals: [] };
    entry.deals.push(d);
    out.set(key, entry);
  };
  for (const d of data.deals) {
    if (d.deleted) add('deleted', 'deleted deals are left out', d);
    else if (data.mergedAway.has(d.id))
      add('merged', 'deals merged into another deal are left out (the surviving deal counts)', d);
    else if (d.stageId === null)
      add('stageless', 'deals without a deal stage cannot be placed in any funnel and are left out', d);
  }
  return out;
}

/**
 * HubSpot's objects → the canonical tables. Stage ids are per pipeline and are never matched by label: a
 * label two pipelines share becomes `<label> (<pipeline>)`, and with several pipelines `pipeline` is a filter.
 */
export async function stageHubspot(ctx: SourceContext, data: HubspotData): Promise<Record<string, StagedTable>> {
  const tables: Record<string, StagedTable> = {};
  const pipelineLabel = new Map(data.pipelines.map((p) => [p.id, p.label]));
  const pipelineIds = [...new Set(data.stages.map((s) => s.pipelineId))];
  const multi = pipelineIds.length > 1;
  const labelOf = (id: string) => pipelineLabel.get(id) ?? id;
  const uses = new Map<string, Set<string>>();
  for (const s of data.stages) uses.set(s.label, (uses.get(s.label) ?? new Set()).add(s.pipelineId));
  const stageName = new Map(
    data.stages.map((s) => [
      s.id,
      multi && uses.get(s.label)!.size > 1 ? `${s.label} (${labelOf(s.pipelineId)})` : s.label,
    ]),
  );
  const stageById = new Map(data.stages.map((s) => [s.id, s]));
  const pipelineOf = (id: string | null) => (multi && id !== null ? labelOf(id) : null);

  const stages = await RecordStager.open(ctx, 'stages', data.files.stages, {
    stage: data.labels.stage_label ?? 'label',
    stage_order: 'displayOrder',
    probability: 'probability',
  });
  for (const s of data.stages) {
    const kind = s.isClosed ? (s.closedWon ? 'won' : 'lost') : 'open';
    stages.put(s.origin, {
      stage: stageName.get(s.id),
      stage_order: s.order,
      probability: kind === 'won' ? 1 : kind === 'lost' ? 0 : s.probability,
      kind,
      pipeline: pipelineOf(s.pipelineId),
    });
  }
  tables.stages = stages.finish();

  const left = excluded(data);
  const out = new Set([...left.values()].flatMap((e) => e.deals.map((d) => d.id)));
  let ownerless = 0;
  const opps = await RecordStager.open(ctx, 'opportunities', data.files.deals, data.labels);
  for (const d of data.deals) {
    if (out.has(d.id)) continue;
    if (d.ownerId === null) ownerless++;
    opps.put(d.origin, {
      opp_id: d.id,
      opp_name: d.name,
      account_id: d.companyId,
      // HubSpot deals may have no owner; they count under one "(no owner)" rep instead of failing the build.
      owner_id: d.ownerId ?? '(no owner)',
      amount: d.amount,
      currency: d.currency,
      created_at: d.created,
      close_date: d.closeDate,
      stage: d.stageId === null ? null : (stageName.get(d.stageId) ?? d.stageId),
      pipeline: pipelineOf(d.pipelineId ?? stageById.get(d.stageId ?? '')?.pipelineId ?? null),
    });
  }
  tables.opportunities = opps.finish();
  for (const { reason, deals } of left.values()) {
    ctx.log.warn({
      file: deals[0]!.origin.file,
      line: null,
      column: null,
      message: `${deals.length} ${reason} (${lineList(deals.map((d) => d.origin.line))})`,
      hint: 'this follows HubSpot: see docs/sources/hubspot.md',
    });
  }
  if (ownerless > 0)
    ctx.log.warn({
      file: data.files.deals,
      line: null,
      column: data.labels.owner_id ?? null,
      message: `${ownerless} deals have no owner and count under the rep "(no owner)"`,
      hint: 'assign an owner in HubSpot to see them under their rep',
    });

  const kept = new Set(data.deals.filter((d) => !out.has(d.id)).map((d) => d.id));
  const history = await RecordStager.open(ctx, 'stage_history', data.files.history, {
    opp_id: 'deal_id',
    stage: 'dealstage',
    entered_at: 'timestamp',
  });
  const orphans: (number | null)[] = [];
  const seen = new Set<string>();
  for (const h of data.history) {
    if (!kept.has(h.dealId)) {
      orphans.push(h.origin.line);
      continue;
    }
    const key = `${h.dealId}\u0000${h.stageId}\u0000${h.at}`;
    if (seen.has(key)) continue;
    seen.add(key);
    history.put(h.origin, { opp_id: h.dealId, stage: stageName.get(h.stageId) ?? h.stageId, entered_at: h.at });
  }
  tables.stage_history = history.finish();
  if (orphans.length > 0) {
    ctx.log.warn({
      file: data.files.history,
      line: null,
      column: null,
      message: `${orphans.length} stage changes belong to deals that are not in the export or were left out (${lineList(orphans)})`,
      hint: 'a warehouse keeps the history of deleted and merged deals; it does not count',
    });
  }

  if (data.owners.length > 0) {
    const reps = await RecordStager.open(ctx, 'reps', data.owners[0]!.origin.file, { rep_id: 'owner_id' });
    for (const o of data.owners) reps.put(o.origin, { rep_id: o.id, rep_name: o.name, team: o.team });
    if (ownerless > 0)
      reps.put({ file: data.files.deals, line: null }, { rep_id: '(no owner)', rep_name: '(no owner)' });
    tables.reps = reps.finish();
  }
  if (data.companies.length > 0) {
    const accounts = await RecordStager.open(ctx, 'accounts', data.companies[0]!.origin.file, { account_id: 'id' });
    for (const c of data.companies)
      accounts.put(c.origin, { account_id: c.id, account_name: c.name, region: c.country, industry: c.industry });
    tables.accounts = accounts.finish();
  }
  return tables;
}
