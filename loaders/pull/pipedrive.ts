import { join } from 'node:path';
import { setting, type PullContext } from './context.ts';
import { httpClient } from './http.ts';
import { RecordSink } from './output.ts';

interface Page {
  data: Record<string, unknown>[] | null;
  additional_data?: { pagination?: { more_items_in_collection?: boolean; next_start?: number } };
}

/**
 * API v1: deals, stages, pipelines, users, organizations and currencies, then each deal's flow (its stage
 * changes; one call per deal, as Pipedrive offers no bulk history) — Airbyte-style records in pipedrive.jsonl.
 */
export async function pullPipedrive(ctx: PullContext): Promise<void> {
  const base = setting(ctx, 'PIPEDRIVE_BASE_URL', 'set it to https://<company>.pipedrive.com/api');
  const token = setting(ctx, 'PIPEDRIVE_API_TOKEN', 'find it in Pipedrive under Personal preferences → API');
  const redact = (url: string) => url.replace(/api_token=[^&]*/, 'api_token=***');
  const get = httpClient({
    vendor: 'Pipedrive',
    authHint: 'the API token is wrong or was regenerated: check PIPEDRIVE_API_TOKEN',
    policy: ctx.policy,
    onWait: ctx.onWait,
    redact,
  });
  const sink = new RecordSink(join(ctx.dir, 'pipedrive.jsonl'));
  const url = (path: string, start: number) =>
    `${base}/v1/${path}${path.includes('?') ? '&' : '?'}start=${start}&limit=500&api_token=${encodeURIComponent(token)}`;
  const all = async (
    path: string,
    stream: string,
    keep: (r: Record<string, unknown>) => boolean = () => true,
  ): Promise<Record<string, unknown>[]> => {
    const kept: Record<string, unknown>[] = [];
    let start = 0;
    let pages = 0;
    for (;;) {
      const page = (await get(url(path, start))) as Page;
      const records = (page.data ?? []).filter(keep);
      await sink.add(stream, records);
      kept.push(...records);
      ctx.progress(stream, kept.length, ++pages);
      const pagination = page.additional_data?.pagination;
      if (!pagination?.more_items_in_collection || pagination.next_start === undefined) return kept;
      start = pagination.next_start;
    }
  };
  try {
    const deals = await all('deals?status=all_not_deleted', 'deals');
    for (const stream of ['stages', 'pipelines', 'users', 'organizations', 'currencies']) await all(stream, stream);
    for (const deal of deals)
      await all(`deals/${String(deal.id)}/flow`, 'deal_flow', (item) => item.object === 'dealChange');
  } finally {
    await sink.close();
  }
}
