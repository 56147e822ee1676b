/**
 * A local HTTP server answering like Salesforce (SOQL with nextRecordsUrl), HubSpot (CRM v3 with `after`) and
 * Pipedrive (API v1 with start/more_items_in_collection), serving the adapter fixtures so a pull can be
 * compared with the equivalent export files. Pages are small on purpose, so every test crosses pages.
 * `fail()` queues error answers (429 with Retry-After, 503) for the next matching requests.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { REPO_ROOT } from './canonicalFolder.ts';

export const GOOD_TOKEN = 'good-token';
const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'sources');
const PAGE = 3;

type Json = Record<string, unknown>;
const NUMBERS = new Set([
  'Amount',
  'TotalPrice',
  'Quantity',
  'ActualCost',
  'BudgetedCost',
  'DefaultProbability',
  'SortOrder',
  'ConversionRate',
  'Probability',
]);

function salesforceObject(name: string): { fields: string[]; records: Json[] } | null {
  let text: string;
  try {
    text = readFileSync(join(FIXTURES, 'salesforce', 'export', `${name}.csv`), 'utf8');
  } catch {
    return null;
  }
  const rows = parse(text, { columns: true }) as Record<string, string>[];
  const fields = Object.keys(rows[0] ?? {});
  const typed = (field: string, v: string): unknown =>
    v === '' ? null : v === 'true' ? true : v === 'false' ? false : NUMBERS.has(field) ? Number(v) : v;
  return { fields, records: rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typed(k, v)]))) };
}

export interface Fault {
  readonly match: string;
  readonly status: number;
  readonly retryAfter?: string;
}

export interface VendorApiServer {
  readonly url: string;
  /** Every request path served (with query), in order. */
  readonly requests: string[];
  fail(fault: Fault): void;
  close(): Promise<void>;
}

export async function startVendorApiServer(): Promise<VendorApiServer> {
  const requests: string[] = [];
  const faults: Fault[] = [];
  const cursors = new Map<string, { object: string; fields: string[]; offset: number }>();
  const hubspot = (file: string) => JSON.parse(readFileSync(join(FIXTURES, 'hubspot', 'api', file), 'utf8')) as Json[];
  const pipedrive = readFileSync(join(FIXTURES, 'pipedrive', 'api', 'pipedrive.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { stream: string; data: Json });
  const stream = (name: string) => pipedrive.filter((r) => r.stream === name).map((r) => r.data);

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const salesforcePage = (object: string, fields: string[], offset: number): Json => {
    const all = salesforceObject(object)!.records;
    const records = all.slice(offset, offset + PAGE).map((r) => ({
      attributes: { type: object, url: `/services/data/v61.0/sobjects/${object}/${String(r.Id)}` },
      ...Object.fromEntries(fields.map((f) => [f, r[f] ?? null])),
    }));
    const done = offset + PAGE >= all.length;
    const page: Json = { totalSize: all.length, done, records };
    if (!done) {
      const id = `01g${cursors.size}-${offset + PAGE}`;
      cursors.set(id, { object, fields, offset: offset + PAGE });
      page.nextRecordsUrl = `/services/data/v61.0/query/${id}`;
    }
    return page;
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname + url.search);
    const fault = faults.findIndex((f) => (url.pathname + url.search).includes(f.match));
    if (fault >= 0) {
      const [f] = faults.splice(fault, 1);
      return send(res, f!.status, { message: 'try again' }, f!.retryAfter ? { 'retry-after': f!.retryAfter } : {});
    }
    const p = url.pathname;
    if (p.startsWith('/services/')) {
      if (req.headers.authorization !== `Bearer ${GOOD_TOKEN}`)
        return send(res, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
      const describe = /\/sobjects\/(\w+)\/describe$/.exec(p);
      if (describe) {
        const object = salesforceObject(describe[1]!);
        return object
          ? send(res, 200, { name: describe[1], fields: object.fields.map((name) => ({ name })) })
          : send(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
      }
      if (p.endsWith('/queryAll')) {
        const m = /^SELECT (.+) FROM (\w+)$/i.exec(url.searchParams.get('q') ?? '');
        if (!m) return send(res, 400, [{ errorCode: 'MALFORMED_QUERY' }]);
        return send(
          res,
          200,
          salesforcePage(
            m[2]!,
            m[1]!.split(',').map((f) => f.trim()),
            0,
          ),
        );
      }
      const next = /\/query\/([\w-]+)$/.exec(p);
      const cursor = next ? cursors.get(next[1]!) : undefined;
      if (cursor) return send(res, 200, salesforcePage(cursor.object, cursor.fields, cursor.offset));
      return send(res, 404, [{ errorCode: 'NOT_FOUND' }]);
    }
    if (p.startsWith('/crm/')) {
      if (req.headers.authorization !== `Bearer ${GOOD_TOKEN}`)
        return send(res, 401, {
          status: 'error',
          message: 'Authentication credentials not found.',
          category: 'INVALID_AUTHENTICATION',
        });
      if (p === '/crm/v3/pipelines/deals') return send(res, 200, { results: hubspot('pipelines.json') });
      const source =
        p === '/crm/v3/objects/deals'
          ? 'deals.json'
          : p === '/crm/v3/owners'
            ? 'owners.json'
            : p === '/crm/v3/objects/companies'
              ? 'companies.json'
              : null;
      if (source === null) return send(res, 404, { status: 'error', message: 'not found' });
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 10), 2);
      const after = Number(url.searchParams.get('after') ?? 0);
      const all = hubspot(source).map((r) =>
        url.searchParams.has('propertiesWithHistory') ? r : { ...r, propertiesWithHistory: undefined },
      );
      const results = all.slice(after, after + limit);
      return send(res, 200, {
        results,
        ...(after + limit < all.length ? { paging: { next: { after: String(after + limit), link: 'x' } } } : {}),
      });
    }
    if (p.startsWith('/v1/')) {
      if (url.searchParams.get('api_token') !== GOOD_TOKEN)
        return send(res, 401, { success: false, error: 'unauthorized access', errorCode: 401 });
      const start = Number(url.searchParams.get('start') ?? 0);
      const flow = /^\/v1\/deals\/(\d+)\/flow$/.exec(p);
      let all: Json[];
      if (flow) {
        const items = stream('deal_flow').filter((f) => String((f.data as Json).item_id) === flow[1]);
        // The real flow mixes other updates in (activities, notes); pull keeps only the deal changes.
        all = [...items, { object: 'activity', timestamp: '2026-01-02 10:00:00', data: { id: 1, subject: 'Call' } }];
      } else {
        const name = p.slice(4);
        all = stream(name).filter(
          (r) => !(name === 'deals' && url.searchParams.get('status') === 'all_not_deleted' && r.status === 'deleted'),
        );
      }
      const data = all.slice(start, start + 2);
      return send(res, 200, {
        success: true,
        data: data.length > 0 ? data : null,
        additional_data: {
          pagination: {
            start,
            limit: 2,
            more_items_in_collection: start + 2 < all.length,
            ...(start + 2 < all.length ? { next_start: start + 2 } : {}),
          },
        },
      });
    }
    send(res, 404, { error: 'not found' });
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    fail: (f) => faults.push(f),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
