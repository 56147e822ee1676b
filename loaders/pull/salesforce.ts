import { join } from 'node:path';
import { setting, type PullContext } from './context.ts';
import { ApiError, httpClient } from './http.ts';
import { CsvSink } from './output.ts';

/** Fields each object's export carries for the Salesforce adapter (intersected with what the org has). */
const OBJECTS: Readonly<Record<string, readonly string[]>> = {
  Opportunity: [
    'Id',
    'IsDeleted',
    'Name',
    'AccountId',
    'OwnerId',
    'StageName',
    'Amount',
    'CloseDate',
    'CreatedDate',
    'CampaignId',
    'IsClosed',
    'IsWon',
    'Probability',
    'CurrencyIsoCode',
    'Region__c',
    'Product_Line__c',
  ],
  OpportunityHistory: ['Id', 'IsDeleted', 'OpportunityId', 'CreatedDate', 'StageName', 'Amount', 'CloseDate'],
  OpportunityStage: [
    'Id',
    'MasterLabel',
    'ApiName',
    'SortOrder',
    'DefaultProbability',
    'IsClosed',
    'IsWon',
    'IsActive',
  ],
  User: ['Id', 'Name', 'Department', 'ManagerId', 'IsActive'],
  Account: ['Id', 'IsDeleted', 'Name', 'BillingCountry', 'Region__c', 'Industry', 'Tier__c'],
  Lead: [
    'Id',
    'IsDeleted',
    'CreatedDate',
    'LeadSource',
    'OwnerId',
    'IsConverted',
    'ConvertedDate',
    'ConvertedOpportunityId',
  ],
  Campaign: ['Id', 'IsDeleted', 'Name', 'Type', 'ActualCost', 'BudgetedCost', 'StartDate', 'EndDate'],
  CampaignMember: ['Id', 'IsDeleted', 'CampaignId', 'LeadId', 'CreatedDate'],
  OpportunityLineItem: ['Id', 'IsDeleted', 'OpportunityId', 'Product2Id', 'Quantity', 'TotalPrice'],
  Product2: ['Id', 'IsDeleted', 'Name', 'Family'],
  DatedConversionRate: ['Id', 'IsoCode', 'ConversionRate', 'StartDate', 'NextStartDate'],
  CurrencyType: ['Id', 'IsoCode', 'IsCorporate', 'ConversionRate'],
};

interface QueryPage {
  records: Record<string, unknown>[];
  done: boolean;
  nextRecordsUrl?: string;
}

/**
 * Every object through SOQL `queryAll` (deleted rows included, so the export matches a Data Loader
 * "Export All"; the adapter leaves them out), following `nextRecordsUrl`. Each object's fields are
 * intersected with its describe, so custom fields and multi-currency fields are read only where they exist.
 */
export async function pullSalesforce(ctx: PullContext): Promise<void> {
  const instance = setting(
    ctx,
    'SALESFORCE_INSTANCE_URL',
    "set it to your org's URL, e.g. https://acme.my.salesforce.com",
  );
  const token = setting(
    ctx,
    'SALESFORCE_ACCESS_TOKEN',
    'create one with a connected app (OAuth) or `sf org display --verbose`',
  );
  const version = setting(ctx, 'SALESFORCE_API_VERSION', '', '61.0');
  const get = httpClient({
    vendor: 'Salesforce',
    authHint: 'the access token is wrong or expired: get a new SALESFORCE_ACCESS_TOKEN',
    headers: { authorization: `Bearer ${token}` },
    policy: ctx.policy,
    onWait: ctx.onWait,
  });
  const api = `${instance}/services/data/v${version}`;
  for (const [object, wanted] of Object.entries(OBJECTS)) {
    let describe: { fields: { name: string }[] };
    try {
      describe = (await get(`${api}/sobjects/${object}/describe`)) as { fields: { name: string }[] };
    } catch (error) {
      // Objects of features the org does not use (multi-currency, stage metadata access) are simply not there.
      if (error instanceof ApiError && /HTTP 404|NOT_FOUND|INVALID_TYPE/.test(error.message)) continue;
      throw error;
    }
    const has = new Set(describe.fields.map((f) => f.name.toLowerCase()));
    const fields = wanted.filter((f) => has.has(f.toLowerCase()));
    const sink = new CsvSink(join(ctx.dir, `${object}.csv`), fields);
    await sink.start();
    let url: string | undefined =
      `${api}/queryAll?q=${encodeURIComponent(`SELECT ${fields.join(', ')} FROM ${object}`)}`;
    let records = 0;
    let pages = 0;
    while (url !== undefined) {
      const page = (await get(url)) as QueryPage;
      await sink.add(page.records);
      records += page.records.length;
      ctx.progress(object, records, ++pages);
      url = page.done || page.nextRecordsUrl === undefined ? undefined : `${instance}${page.nextRecordsUrl}`;
    }
    await sink.close();
  }
}
