import { lineList } from '../../validate/problem.ts';
import type { SourceContext } from '../source.ts';
import { RecordStager } from '../staging/recordStager.ts';
import type { StagedTable } from '../staging/rowStager.ts';
import { id18 } from './ids.ts';
import { dateOnly, type SfObject, type SfRow, type SfRows } from './read.ts';
import { stagesFromMetadata, stagesFromOpportunities } from './stages.ts';

export type SfObjects = Partial<Record<SfObject, SfRows>> & { targets?: SfRows };

/** The line items' answer to "which product line is this deal": the Family of its largest line (ties: lowest line id). */
function productLines(objects: SfObjects): Map<string, string> {
  const family = new Map((objects.Product2?.rows ?? []).map((p) => [p.id('Id')!, p.get('Family')]));
  const best = new Map<string, { total: number; id: string; family: string | null }>();
  for (const li of objects.OpportunityLineItem?.rows ?? []) {
    const opp = li.id('OpportunityId');
    if (opp === null) continue;
    const total = Number(li.get('TotalPrice') ?? 0);
    const id = li.id('Id') ?? '';
    const current = best.get(opp);
    if (!current || total > current.total || (total === current.total && id < current.id))
      best.set(opp, { total, id, family: family.get(li.id('Product2Id') ?? '') ?? null });
  }
  return new Map([...best].flatMap(([opp, b]) => (b.family === null ? [] : [[opp, b.family]])));
}

/** A lead's campaign: its earliest CampaignMember row (first touch), ties by member id. */
function firstTouch(objects: SfObjects): Map<string, string> {
  const first = new Map<string, { at: string; id: string; campaign: string }>();
  for (const m of objects.CampaignMember?.rows ?? []) {
    const lead = m.id('LeadId');
    const campaign = m.id('CampaignId');
    if (lead === null || campaign === null) continue;
    const at = m.get('CreatedDate') ?? '';
    const id = m.id('Id') ?? '';
    const current = first.get(lead);
    if (!current || at < current.at || (at === current.at && id < current.id)) first.set(lead, { at, id, campaign });
  }
  return new Map([...first].map(([lead, f]) => [lead, f.campaign]));
}

/**
 * Multi-currency orgs: the opportunity's Amount in its CurrencyIsoCode, converted to the corporate currency
 * with the DatedConversionRate whose [StartDate, NextStartDate) holds the CloseDate (Salesforce's own rule for
 * opportunities). Without dated rates amounts stay as written, and several currencies fail the canonical check.
 */
function converter(objects: SfObjects): {
  corporate: string | null;
  convert(
    amount: string | null,
    currency: string | null,
    closeDate: string | null,
  ): { amount: string | null; currency: string | null };
} {
  const rates = (objects.DatedConversionRate?.rows ?? []).map((r) => ({
    iso: r.get('IsoCode'),
    rate: Number(r.get('ConversionRate')),
    start: dateOnly(r.get('StartDate')) ?? '0000',
    next: dateOnly(r.get('NextStartDate')) ?? '9999',
  }));
  const corporate =
    (objects.CurrencyType?.rows ?? []).find((c) => c.bool('IsCorporate'))?.get('IsoCode') ??
    rates.find((r) => r.rate === 1)?.iso ??
    null;
  return {
    corporate,
    convert(amount, currency, closeDate) {
      if (rates.length === 0 || amount === null || currency === null || corporate === null) return { amount, currency };
      const day = closeDate ?? '9999';
      const rate = rates.find((r) => r.iso === currency && r.start <= day && day < r.next);
      if (!rate) return { amount, currency };
      return { amount: String(Number(amount) / rate.rate), currency: corporate };
    },
  };
}

const put = async (
  ctx: SourceContext,
  table: string,
  rows: SfRows | undefined,
  labels: Record<string, string>,
  record: (r: SfRow) => Record<string, string | number | null> | null,
  tables: Record<string, StagedTable>,
) => {
  if (!rows) return;
  const out = await RecordStager.open(ctx, table, rows.raw.file, labels);
  for (const r of rows.rows) {
    const rec = record(r);
    if (rec) out.put(r.origin, rec);
  }
  tables[table] = out.finish();
};

/** Salesforce objects (already read, deleted rows set aside) → the canonical tables. */
export async function stageSalesforceObjects(
  ctx: SourceContext,
  objects: SfObjects,
): Promise<Record<string, StagedTable>> {
  const tables: Record<string, StagedTable> = {};
  const opps = objects.Opportunity!;
  for (const [name, rows] of Object.entries(objects)) {
    if (rows && rows.deleted.length > 0) {
      ctx.log.warn({
        file: rows.raw.file,
        line: null,
        column: 'IsDeleted',
        message: `${rows.deleted.length} deleted ${name} rows are left out (${lineList(rows.deleted.map((r) => r.origin.line))})`,
        hint: 'rows in the Salesforce recycle bin (IsDeleted = true) are not part of any figure',
      });
    }
  }

  const stages = objects.OpportunityStage
    ? stagesFromMetadata(objects.OpportunityStage)
    : stagesFromOpportunities(opps, ctx.log);
  const stageOut = await RecordStager.open(ctx, 'stages', objects.OpportunityStage?.raw.file ?? opps.raw.file, {
    stage: 'MasterLabel',
    stage_order: 'SortOrder',
    probability: 'DefaultProbability',
    kind: 'IsClosed/IsWon',
  });
  for (const s of stages) stageOut.put(s.origin, s.record);
  tables.stages = stageOut.finish();

  const accounts = new Map((objects.Account?.rows ?? []).map((a) => [a.id('Id')!, a]));
  const regionOfAccount = (a: SfRow | undefined) => (a ? (a.get('Region__c') ?? a.get('BillingCountry')) : null);
  const lines = productLines(objects);
  const money = converter(objects);
  await put(
    ctx,
    'opportunities',
    opps,
    {
      opp_id: 'Id',
      opp_name: 'Name',
      account_id: 'AccountId',
      owner_id: 'OwnerId',
      amount: 'Amount',
      currency: 'CurrencyIsoCode',
      created_at: 'CreatedDate',
      close_date: 'CloseDate',
      stage: 'StageName',
      campaign_id: 'CampaignId',
      region: 'Region__c',
      product_line: 'Product_Line__c',
    },
    (r) => {
      const id = r.id('Id');
      const closeDate = dateOnly(r.get('CloseDate'));
      const { amount, currency } = money.convert(r.get('Amount'), r.get('CurrencyIsoCode'), closeDate);
      return {
        opp_id: id,
        opp_name: r.get('Name'),
        account_id: r.id('AccountId'),
        owner_id: r.id('OwnerId'),
        region: r.get('Region__c') ?? regionOfAccount(accounts.get(r.id('AccountId') ?? '')),
        product_line: r.get('Product_Line__c') ?? lines.get(id ?? '') ?? null,
        amount,
        currency: currency ?? money.corporate,
        created_at: r.get('CreatedDate'),
        close_date: closeDate,
        stage: r.get('StageName'),
        campaign_id: r.id('CampaignId'),
      };
    },
    tables,
  );

  // OpportunityHistory logs every save that changes amount, close date, probability or stage. Every row is
  // kept: the model reads a repeat of the previous StageName as an edit, not an entry (as the canonical
  // format does), but its time shows the deal was still in that stage, which is where a current stage the
  // history has not caught up with is appended. History of deleted opportunities goes with them.
  const deletedOpps = new Set(opps.deleted.map((r) => r.id('Id')));
  const history = objects.OpportunityHistory;
  if (history) {
    const isSnapshot =
      history.raw.headers.some((h) => h.toLowerCase() === '_fivetran_start') &&
      !history.raw.headers.some((h) => h.toLowerCase().replace(/_/g, '') === 'opportunityid');
    const oppField = isSnapshot ? 'Id' : 'OpportunityId';
    const timeField = isSnapshot ? '_fivetran_start' : 'CreatedDate';
    const out = await RecordStager.open(ctx, 'stage_history', history.raw.file, {
      opp_id: oppField,
      stage: 'StageName',
      entered_at: timeField,
    });
    for (const r of history.rows) {
      if (!deletedOpps.has(r.id(oppField)))
        out.put(r.origin, { opp_id: r.id(oppField), stage: r.get('StageName'), entered_at: r.get(timeField) });
    }
    tables.stage_history = out.finish();
  }

  const campaignOfLead = firstTouch(objects);
  await put(
    ctx,
    'leads',
    objects.Lead,
    { lead_id: 'Id', created_at: 'CreatedDate', opp_id: 'ConvertedOpportunityId', converted_at: 'ConvertedDate' },
    (r) => ({
      lead_id: r.id('Id'),
      created_at: r.get('CreatedDate'),
      source: r.get('LeadSource'),
      campaign_id: campaignOfLead.get(r.id('Id') ?? '') ?? null,
      owner_id: r.id('OwnerId'),
      converted_at: r.get('ConvertedDate'),
      opp_id: deletedOpps.has(r.id('ConvertedOpportunityId')) ? null : r.id('ConvertedOpportunityId'),
    }),
    tables,
  );
  await put(
    ctx,
    'campaigns',
    objects.Campaign,
    { campaign_id: 'Id', cost: 'ActualCost/BudgetedCost' },
    (r) => ({
      campaign_id: r.id('Id'),
      campaign_name: r.get('Name'),
      channel: r.get('Type'),
      // ActualCost once the campaign has run; until then the budget is the best known cost.
      cost: r.get('ActualCost') ?? r.get('BudgetedCost'),
      start_date: dateOnly(r.get('StartDate')),
      end_date: dateOnly(r.get('EndDate')),
    }),
    tables,
  );
  await put(
    ctx,
    'reps',
    objects.User,
    { rep_id: 'Id', team: 'Department' },
    (r) => ({ rep_id: r.id('Id'), rep_name: r.get('Name'), manager_id: r.id('ManagerId'), team: r.get('Department') }),
    tables,
  );
  await put(
    ctx,
    'accounts',
    objects.Account,
    { account_id: 'Id' },
    (r) => ({
      account_id: r.id('Id'),
      account_name: r.get('Name'),
      region: regionOfAccount(r),
      industry: r.get('Industry'),
      tier: r.get('Tier__c') ?? r.get('Account_Tier__c'),
    }),
    tables,
  );
  await put(
    ctx,
    'targets',
    objects.targets,
    {},
    (r) => {
      const scope = r.get('scope');
      return {
        period: r.get('period'),
        scope,
        scope_id: scope === 'rep' ? id18(r.get('scope_id')) : r.get('scope_id'),
        target: r.get('target'),
      };
    },
    tables,
  );
  return tables;
}
