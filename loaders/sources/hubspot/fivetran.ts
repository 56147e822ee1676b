import type { NativeEngine } from '../../../src/db/native.ts';
import { findColumn, type RawTable } from '../raw/rawTable.ts';
import { forEachRawRow, type RawRow } from '../raw/rows.ts';
import { hubspotDate, hubspotTime, truthy, type HubspotData } from './model.ts';

/** Fivetran's HubSpot tables this adapter reads (files are named `<table>.csv` or `<table>_data.csv`). */
export const FIVETRAN_TABLES = [
  'deal',
  'deal_stage',
  'deal_pipeline',
  'deal_pipeline_stage',
  'owner',
  'company',
  'deal_company',
  'merged_deal',
  'team',
  'owner_team',
] as const;

const val = (row: RawRow, raw: RawTable, names: readonly string[]): string | null => {
  const h = findColumn(raw, names);
  const v = h === null ? null : row.get(h);
  return v === null || v.trim() === '' ? null : v.trim();
};

async function rows(
  engine: NativeEngine,
  raw: RawTable | undefined,
  visit: (row: RawRow, origin: { file: string; line: number | null }, raw: RawTable) => void,
): Promise<void> {
  if (raw) await forEachRawRow(engine, raw, (row) => visit(row, { file: raw.file, line: row.line }, raw));
}

/**
 * A Fivetran-synced HubSpot schema (CSV seeds or PostgreSQL tables loaded as raw tables), keyed by table
 * name without `_data`. Deals carry `deal_pipeline_stage_id`; history is the `deal_stage` table.
 */
export async function readFivetranShape(
  engine: NativeEngine,
  raws: ReadonlyMap<string, RawTable>,
): Promise<HubspotData> {
  const deal = raws.get('deal')!;
  const teams = new Map<string, string>();
  await rows(engine, raws.get('team'), (r, _o, raw) => {
    const id = val(r, raw, ['team_id', 'id']);
    if (id !== null) teams.set(id, val(r, raw, ['name']) ?? id);
  });
  const ownerTeam = new Map<string, string>();
  await rows(engine, raws.get('owner_team'), (r, _o, raw) => {
    const owner = val(r, raw, ['owner_id']);
    const team = val(r, raw, ['team_id']);
    if (
      owner !== null &&
      team !== null &&
      (!ownerTeam.has(owner) || truthy(val(r, raw, ['is_team_primary', 'primary'])))
    )
      ownerTeam.set(owner, teams.get(team) ?? team);
  });
  const dealCompany = new Map<string, string>();
  await rows(engine, raws.get('deal_company'), (r, _o, raw) => {
    const d = val(r, raw, ['deal_id']);
    const c = val(r, raw, ['company_id']);
    if (d !== null && c !== null && !dealCompany.has(d)) dealCompany.set(d, c);
  });
  const data: HubspotData = {
    pipelines: [],
    stages: [],
    owners: [],
    companies: [],
    deals: [],
    history: [],
    mergedAway: new Set(),
    files: {
      deals: deal.file,
      stages: raws.get('deal_pipeline_stage')?.file ?? deal.file,
      history: raws.get('deal_stage')?.file ?? deal.file,
    },
    labels: {
      opp_id: 'deal_id',
      opp_name: 'property_dealname',
      owner_id: 'owner_id',
      amount: 'property_amount',
      currency: 'property_deal_currency_code',
      created_at: 'property_createdate',
      close_date: 'property_closedate',
      stage: 'deal_pipeline_stage_id',
      pipeline: 'deal_pipeline_id',
    },
  };
  await rows(engine, raws.get('deal_pipeline'), (r, _o, raw) => {
    if (truthy(val(r, raw, ['_fivetran_deleted']))) return;
    data.pipelines.push({
      id: val(r, raw, ['pipeline_id'])!,
      label: val(r, raw, ['label']) ?? val(r, raw, ['pipeline_id'])!,
      order: Number(val(r, raw, ['display_order']) ?? 0),
    });
  });
  await rows(engine, raws.get('deal_pipeline_stage'), (r, origin, raw) => {
    const id = val(r, raw, ['stage_id']);
    if (id === null) return;
    data.stages.push({
      id,
      label: val(r, raw, ['label']) ?? id,
      pipelineId: val(r, raw, ['pipeline_id']) ?? '',
      order: Number(val(r, raw, ['display_order']) ?? 0),
      probability: val(r, raw, ['probability']),
      isClosed: truthy(val(r, raw, ['is_closed'])),
      closedWon: truthy(val(r, raw, ['closed_won'])),
      origin,
    });
  });
  await rows(engine, raws.get('owner'), (r, origin, raw) => {
    const id = val(r, raw, ['owner_id']);
    if (id === null) return;
    const name = [val(r, raw, ['first_name']), val(r, raw, ['last_name'])].filter((x) => x !== null).join(' ');
    data.owners.push({
      id,
      name: name === '' ? val(r, raw, ['email']) : name,
      team: ownerTeam.get(id) ?? null,
      origin,
    });
  });
  await rows(engine, raws.get('company'), (r, origin, raw) => {
    if (truthy(val(r, raw, ['is_deleted']))) return;
    const id = val(r, raw, ['id', 'company_id']);
    if (id !== null)
      data.companies.push({
        id,
        name: val(r, raw, ['property_name']),
        country: val(r, raw, ['property_country']),
        industry: val(r, raw, ['property_industry']),
        origin,
      });
  });
  await rows(engine, deal, (r, origin, raw) => {
    const id = val(r, raw, ['deal_id'])!;
    data.deals.push({
      id,
      name: val(r, raw, ['property_dealname']),
      amount: val(r, raw, ['property_amount']),
      currency: val(r, raw, ['property_deal_currency_code']),
      created: hubspotTime(val(r, raw, ['property_createdate'])),
      closeDate: hubspotDate(val(r, raw, ['property_closedate'])),
      stageId: val(r, raw, ['deal_pipeline_stage_id', 'property_dealstage']),
      pipelineId: val(r, raw, ['deal_pipeline_id', 'property_pipeline']),
      ownerId: val(r, raw, ['owner_id', 'property_hubspot_owner_id']),
      companyId: dealCompany.get(id) ?? null,
      deleted: truthy(val(r, raw, ['is_deleted'])),
      origin,
    });
  });
  await rows(engine, raws.get('merged_deal'), (r, _o, raw) => {
    const merged = val(r, raw, ['merged_deal_id']);
    if (merged !== null) (data.mergedAway as Set<string>).add(merged);
  });
  await rows(engine, raws.get('deal_stage'), (r, origin, raw) => {
    const dealId = val(r, raw, ['deal_id']);
    const stageId = val(r, raw, ['value']);
    if (dealId !== null && stageId !== null)
      data.history.push({ dealId, stageId, at: hubspotTime(val(r, raw, ['date_entered'])), origin });
  });
  return data;
}
