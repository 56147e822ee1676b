/**
 * `pipescope pull` against a local server that answers in each vendor's documented shapes (paging,
 * throttling, refused tokens), serving the adapter fixtures: the pulled folder must build the same model as
 * the equivalent export files.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../loaders/pull/http.ts';
import { fingerprint, REPO_ROOT, runCli, tempRoot } from '../support/canonicalFolder.ts';
import { expectSameViews } from '../support/sameViews.ts';
import { GOOD_TOKEN, startVendorApiServer, type VendorApiServer } from '../support/vendorApiServer.ts';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'sources');
const AS_OF = ['--as-of', '2026-03-01T00:00:00Z'];

let api: VendorApiServer;
let temp: Awaited<ReturnType<typeof tempRoot>>;
beforeAll(async () => {
  api = await startVendorApiServer();
  temp = await tempRoot('pull');
});
afterAll(async () => {
  await api.close();
  await temp.remove();
});

const env = (token = GOOD_TOKEN): Record<string, string> => ({
  SALESFORCE_INSTANCE_URL: api.url,
  SALESFORCE_ACCESS_TOKEN: token,
  HUBSPOT_BASE_URL: api.url,
  HUBSPOT_ACCESS_TOKEN: token,
  PIPEDRIVE_BASE_URL: api.url,
  PIPEDRIVE_API_TOKEN: token,
});

/** The real CLI, asynchronously: the API server answers from this same process. */
function pullCli(
  source: string,
  out: string,
  vars: Record<string, string>,
): Promise<{ status: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/pipescope.mjs', 'pull', '--source', source, '--out', out], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...vars },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stderr, ms: Date.now() - started }));
  });
}

const model = (source: string, dir: string, name: string) => {
  const out = temp.path(name);
  const r = runCli(['data', '--source', source, '--in', dir, '--out', out, ...AS_OF]);
  expect(r.status, r.stderr).toBe(0);
  return out;
};

describe('pipescope pull', { timeout: 120_000 }, () => {
  it.each([
    [
      'salesforce',
      'salesforce/export',
      ['funnel', 'stage_dwell', 'rep_dwell', 'cycle_times', 'kpis', 'forecast', 'campaign_roi'],
    ],
    ['hubspot', 'hubspot/api', ['funnel', 'stage_dwell', 'rep_dwell', 'cycle_times', 'kpis', 'forecast']],
    ['pipedrive', 'pipedrive/api', ['funnel', 'stage_dwell', 'rep_dwell', 'cycle_times', 'kpis', 'forecast']],
  ])(
    '%s: pages through every object and writes what builds the same model as the export files',
    async (source, fixture, views) => {
      const out = temp.path(`pulled-${source}`);
      const r = await pullCli(source, out, env());
      expect(r.status, r.stderr).toBe(0);
      expectSameViews(
        model(source, out, `${source}-pulled-model`),
        model(source, join(FIXTURES, fixture), `${source}-files-model`),
        views,
      );
    },
  );

  it('follows Salesforce nextRecordsUrl, HubSpot after and Pipedrive next_start across pages', () => {
    expect(api.requests.filter((r) => r.startsWith('/services/data/v61.0/query/')).length).toBeGreaterThan(3);
    expect(api.requests.some((r) => r.startsWith('/crm/v3/objects/deals') && r.includes('after=4'))).toBe(true);
    expect(api.requests.some((r) => r.startsWith('/v1/deals?') && r.includes('start=4'))).toBe(true);
    expect(api.requests.some((r) => /^\/v1\/deals\/202\/flow/.test(r))).toBe(true);
  });

  it('waits as long as a 429 Retry-After says and asks again; retries a 503', async () => {
    api.fail({ match: '/crm/v3/objects/deals', status: 429, retryAfter: '1' });
    api.fail({ match: '/crm/v3/owners', status: 503 });
    const before = api.requests.length;
    const r = await pullCli('hubspot', temp.path('throttled'), env());
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('rate limited (429): waiting 1.0 s');
    expect(r.stderr).toMatch(/server error 503: waiting/);
    expect(r.ms).toBeGreaterThanOrEqual(1000);
    const deals = api.requests
      .slice(before)
      .filter((p) => p.startsWith('/crm/v3/objects/deals') && !p.includes('after='));
    expect(deals).toHaveLength(2);
  });

  it('stops at a refused token with what to do, and leaves the previous folder as it was', async () => {
    const out = temp.path('kept');
    await mkdir(out);
    await writeFile(join(out, 'deals.json'), '[]\n');
    const before = await fingerprint(out);
    for (const source of ['salesforce', 'hubspot', 'pipedrive']) {
      const r = await pullCli(source, out, env('expired-token'));
      expect(r.status, source).toBe(1);
      expect(r.stderr).toMatch(/refused the credentials \(HTTP 401/);
      expect(r.stderr).toContain(`${out} is unchanged`);
      expect(r.stderr).not.toContain('expired-token');
    }
    expect(await fingerprint(out)).toEqual(before);
    expect(JSON.parse(await readFile(join(out, 'deals.json'), 'utf8'))).toEqual([]);
  });

  it('names the missing environment variable', async () => {
    const r = await pullCli('pipedrive', temp.path('no-token'), { PIPEDRIVE_BASE_URL: api.url });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'PIPEDRIVE_API_TOKEN is not set — find it in Pipedrive under Personal preferences → API',
    );
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:05 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(5000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });
});
