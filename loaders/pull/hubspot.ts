import { join } from 'node:path';
import { setting, type PullContext } from './context.ts';
import { httpClient } from './http.ts';
import { JsonArraySink } from './output.ts';

const DEAL_PROPERTIES = [
  'dealname',
  'amount',
  'closedate',
  'createdate',
  'dealstage',
  'pipeline',
  'hubspot_owner_id',
  'deal_currency_code',
  'hs_is_closed_won',
  'hs_is_closed',
  'hs_merged_object_ids',
];

interface Page {
  results: unknown[];
  paging?: { next?: { after?: string } };
}

/**
 * CRM v3: deals with their stage history (`propertiesWithHistory=dealstage`; HubSpot then returns at most 50
 * per page) and company associations, the deal pipelines with their stages, owners and companies — written
 * as the JSON arrays the HubSpot adapter reads.
 */
export async function pullHubspot(ctx: PullContext): Promise<void> {
  const token = setting(
    ctx,
    'HUBSPOT_ACCESS_TOKEN',
    'create a private app in HubSpot (Settings → Integrations → Private apps) with crm.objects.deals.read, crm.objects.companies.read and crm.objects.owners.read',
  );
  const base = setting(ctx, 'HUBSPOT_BASE_URL', '', 'https://api.hubapi.com');
  const get = httpClient({
    vendor: 'HubSpot',
    authHint: 'the private app token is wrong, revoked, or lacks a scope: check HUBSPOT_ACCESS_TOKEN',
    headers: { authorization: `Bearer ${token}` },
    policy: ctx.policy,
    onWait: ctx.onWait,
  });
  const paged = async (name: string, file: string, first: string): Promise<void> => {
    const sink = new JsonArraySink(join(ctx.dir, file));
    await sink.start();
    let after: string | undefined;
    let records = 0;
    let pages = 0;
    do {
      const page = (await get(after === undefined ? first : `${first}&after=${encodeURIComponent(after)}`)) as Page;
      await sink.add(page.results);
      records += page.results.length;
      ctx.progress(name, records, ++pages);
      after = page.paging?.next?.after;
    } while (after !== undefined);
    await sink.close();
  };
  await paged(
    'deals',
    'deals.json',
    `${base}/crm/v3/objects/deals?limit=50&properties=${DEAL_PROPERTIES.join(',')}&propertiesWithHistory=dealstage&associations=companies`,
  );
  const pipelines = (await get(`${base}/crm/v3/pipelines/deals`)) as Page;
  const sink = new JsonArraySink(join(ctx.dir, 'pipelines.json'));
  await sink.start();
  await sink.add(pipelines.results);
  await sink.close();
  ctx.progress('pipelines', pipelines.results.length, 1);
  await paged('owners', 'owners.json', `${base}/crm/v3/owners?limit=100`);
  await paged(
    'companies',
    'companies.json',
    `${base}/crm/v3/objects/companies?limit=100&properties=name,country,industry`,
  );
}
