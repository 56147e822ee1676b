/**
 * HubSpot: the CRM v3 API shape (tests/fixtures/sources/hubspot/api, the layout `pipescope pull` writes)
 * against the same deals in canonical form, and Fivetran's HubSpot seeds in ../shared/datasets.
 * Two pipelines share the labels "Closed Won" and "Closed Lost"; built at as_of 2026-03-01T00:00:00Z.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../../src/db/native.ts';
import { REPO_ROOT, runCli, tempRoot } from '../../support/canonicalFolder.ts';
import { sharedDataset } from '../../support/sharedDatasets.ts';
import { expectSameViews, queryJson } from '../../support/sameViews.ts';

const FIXTURE = join(REPO_ROOT, 'tests', 'fixtures', 'sources', 'hubspot');
const seeds = sharedDataset('hubspot-fivetran-seeds');

let temp: Awaited<ReturnType<typeof tempRoot>>;
beforeAll(async () => {
  temp = await tempRoot('hubspot');
});
afterAll(() => temp.remove());

const build = (source: string, dir: string, name: string, asOf = '2026-03-01T00:00:00Z') => {
  const out = temp.path(name);
  return { out, ...runCli(['data', '--source', source, '--in', dir, '--out', out, '--as-of', asOf]) };
};

describe('the HubSpot API shape', { timeout: 120_000 }, () => {
  let api: string;
  let canonical: string;
  beforeAll(() => {
    const a = build('hubspot', join(FIXTURE, 'api'), 'api');
    expect(a.status, a.stderr).toBe(0);
    // 9006 is archived; 90071234567 (beyond 2^31) has no owner
    expect(a.stderr).toContain('deals.json: 1 deleted deals are left out (lines 6)');
    expect(a.stderr).toContain('1 deals have no owner and count under the rep "(no owner)"');
    const c = build('canonical', join(FIXTURE, 'canonical'), 'canonical');
    expect(c.status, c.stderr).toBe(0);
    [api, canonical] = [a.out, c.out];
  });

  it('gives the same numbers as the same deals in canonical form', () => {
    expectSameViews(api, canonical, ['funnel', 'stage_dwell', 'rep_dwell', 'cycle_times', 'kpis', 'forecast']);
  });

  it('computes the figures worked out by hand, per pipeline, never joining stages by label', () => {
    const [k] = queryJson(api, 'kpis');
    // won 9001 (1000) + 9005 (1200); lost 9002; open 9003 2000×0.4 + 9004 800×0.5 + walk-in 300×0.2
    expect(k).toMatchObject({
      won_amount: 2200,
      won_deals: 2,
      lost_deals: 1,
      open_pipeline: 3100,
      weighted_pipeline: 1260,
    });
    // 9001: 01-05 09:00 → closedwon 02-10 12:00 = 36.125 d; 9005 (epoch-ms timestamps): 01-25 10:00 → 02-20 10:00 = 26 d
    expect(k!.avg_sales_cycle_days).toBeCloseTo((36.125 + 26) / 2, 12);
    expect(queryJson(api, 'funnel').map((r) => [r.stage, r.reached])).toEqual([
      ['Renewal Due', 2],
      ['Closed Won (Renewals)', 1],
      ['Appointment Scheduled', 4],
      ['Qualified To Buy', 2],
      ['Closed Won (Sales Pipeline)', 1],
    ]);
    expect(queryJson(api, 'kpis', ['--filter', 'pipeline=Renewals'])[0]).toMatchObject({
      won_amount: 1200,
      open_pipeline: 800,
    });
  });

  it('names deals.json, the record and dealstage for a stage id no pipeline has', async () => {
    const dir = temp.path('bad');
    await cp(join(FIXTURE, 'api'), dir, { recursive: true });
    const deals = JSON.parse(await readFile(join(dir, 'deals.json'), 'utf8'));
    deals[2].properties.dealstage = 'contractsent';
    await writeFile(join(dir, 'deals.json'), JSON.stringify(deals));
    const r = build('hubspot', dir, 'bad-model');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `${join(dir, 'deals.json')}:3: dealstage: unknown stage "contractsent" (not in pipelines.json)`,
    );
  });
});

describe('the HubSpot UI deal export', { timeout: 120_000 }, () => {
  const dwell = (model: string) => queryJson(model, 'stage_dwell').map((r) => [r.opp_id, r.stage, r.entries, r.days]);

  it('gives the API shape’s numbers for the same deals (labels, owners by name, Date entered columns)', () => {
    const ui = build('hubspot', join(FIXTURE, 'ui'), 'ui');
    expect(ui.status, ui.stderr).toBe(0);
    expect(ui.stderr).toContain('a UI deal export has no stage table and keeps only the latest entry per stage');
    const api = build('hubspot', join(FIXTURE, 'api'), 'api-for-ui');
    expectSameViews(ui.out, api.out, ['funnel', 'kpis', 'forecast']);
    expect(dwell(ui.out)).toEqual(dwell(api.out));
  });

  it('loses a re-entered stage that the API shape keeps', async () => {
    // 9003 went back from Qualified To Buy (01-20) to Appointment Scheduled (01-25) and on again (02-01).
    const apiDir = temp.path('reentry-api');
    await cp(join(FIXTURE, 'api'), apiDir, { recursive: true });
    const deals = JSON.parse(await readFile(join(apiDir, 'deals.json'), 'utf8'));
    deals[2].propertiesWithHistory.dealstage = [
      { value: 'qualifiedtobuy', timestamp: '2026-02-01T00:00:00Z' },
      { value: 'appointmentscheduled', timestamp: '2026-01-25T00:00:00Z' },
      { value: 'qualifiedtobuy', timestamp: '2026-01-20T00:00:00Z' },
      { value: 'appointmentscheduled', timestamp: '2026-01-12T00:00:00Z' },
    ];
    await writeFile(join(apiDir, 'deals.json'), JSON.stringify(deals));
    // The UI export of the same deal shows only the latest date per stage.
    const uiDir = temp.path('reentry-ui');
    await cp(join(FIXTURE, 'ui'), uiDir, { recursive: true });
    const file = join(uiDir, 'hubspot-crm-exports-all-deals.csv');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        '0.4,2026-01-12 00:00,2026-01-20 00:00',
        '0.4,2026-01-25 00:00,2026-02-01 00:00',
      ),
    );
    const [api, ui] = [build('hubspot', apiDir, 'reentry-api-model'), build('hubspot', uiDir, 'reentry-ui-model')];
    const of = (model: string) =>
      Object.fromEntries(
        queryJson(model, 'stage_dwell')
          .filter((r) => r.opp_id === '9003')
          .map((r) => [r.stage, [r.entries, r.days]]),
      );
    // API: Appointment Scheduled 01-12→01-20 + 01-25→02-01 = 15 d in 2 entries; Qualified To Buy 01-20→01-25 + 02-01→03-01 = 33 d
    expect(of(api.out)).toEqual({ 'Appointment Scheduled': [2, 15], 'Qualified To Buy': [2, 33] });
    // UI: only 01-25 → 02-01 (7 d) and 02-01 → 03-01 (28 d) survive
    expect(of(ui.out)).toEqual({ 'Appointment Scheduled': [1, 7], 'Qualified To Buy': [1, 28] });
  });
});

describe.skipIf(!seeds.present)('Fivetran’s HubSpot seeds', { timeout: 60_000 }, () => {
  it('load; the anonymised deals have no stage and are reported, the rest is read as it is', async () => {
    const r = build('hubspot', seeds.dir, 'seeds', '2024-01-01T00:00:00Z');
    expect(r.status, r.stderr).toBe(0);
    // deal_data.csv: 44 deals, none with deal_pipeline_stage_id; deal_stage_data.csv: 14 changes of deals not in deal_data
    expect(r.stderr).toContain(
      'deal_data.csv: 44 deals without a deal stage cannot be placed in any funnel and are left out',
    );
    expect(r.stderr).toContain('deal_stage_data.csv: 14 stage changes belong to deals that are not in the export');
    const manifest = JSON.parse(await readFile(join(r.out, 'manifest.json'), 'utf8'));
    // 71 stage rows, 100 owners, 24 companies (none deleted)
    expect(
      Object.fromEntries(
        Object.entries(manifest.tables as Record<string, { rows: number }>).map(([t, v]) => [t, v.rows]),
      ),
    ).toMatchObject({ stages: 71, reps: 100, accounts: 24, opportunities: 0, stage_history: 0 });
    const engine = await NativeEngine.open();
    try {
      const q = (sql: string) => engine.all({ sql: sql.replaceAll('$m', r.out), params: [] });
      // deal_pipeline_stage_data.csv line 2: closed_won TRUE, probability 1.0, display_order 6
      expect(
        await q(
          `SELECT stage, stage_order, probability, kind FROM '$m/stages.parquet' WHERE stage = 'HloNyGJEOLMWtXLjmapLQw=='`,
        ),
      ).toEqual([{ stage: 'HloNyGJEOLMWtXLjmapLQw==', stage_order: 6, probability: 1, kind: 'won' }]);
      // owner_data.csv: owner 44023296; names are hashed, the same hash for first and last name
      expect(await q(`SELECT rep_name FROM '$m/reps.parquet' WHERE rep_id = '44023296'`)).toEqual([
        { rep_name: '1B2M2Y8AsgTpgAmY7PhCfg== 1B2M2Y8AsgTpgAmY7PhCfg==' },
      ]);
      expect(await q(`SELECT count(DISTINCT pipeline) AS n FROM '$m/stages.parquet'`)).toEqual([{ n: 6 }]);
    } finally {
      engine.close();
    }
  });
});
