/**
 * Pipedrive: API records (tests/fixtures/sources/pipedrive/api/pipedrive.jsonl, the layout `pipescope pull`
 * writes), the same deals written by hand in canonical form, the list-view export, and Airbyte's sandbox
 * records in ../shared/datasets. Built at as_of 2026-03-01T00:00:00Z.
 */
import { copyFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../../src/db/native.ts';
import { REPO_ROOT, runCli, tempRoot } from '../../support/canonicalFolder.ts';
import { sharedDataset } from '../../support/sharedDatasets.ts';
import { expectSameViews, queryJson } from '../../support/sameViews.ts';

const FIXTURE = join(REPO_ROOT, 'tests', 'fixtures', 'sources', 'pipedrive');
const AS_OF = ['--as-of', '2026-03-01T00:00:00Z'];
const sandbox = sharedDataset('pipedrive-airbyte-sandbox');

let temp: Awaited<ReturnType<typeof tempRoot>>;
beforeAll(async () => {
  temp = await tempRoot('pipedrive');
});
afterAll(() => temp.remove());

const build = (source: string, dir: string, name: string, extra: readonly string[] = AS_OF) => {
  const out = temp.path(name);
  return { out, ...runCli(['data', '--source', source, '--in', dir, '--out', out, ...extra]) };
};

describe('Pipedrive API records', { timeout: 120_000 }, () => {
  let api: string;
  let canonical: string;
  beforeAll(() => {
    const a = build('pipedrive', join(FIXTURE, 'api'), 'api');
    expect(a.status, a.stderr).toBe(0);
    // deal 105 is deleted: left out, said once
    expect(a.stderr).toContain('pipedrive.jsonl: status: 1 deleted deals are left out (lines 16)');
    const c = build('canonical', join(FIXTURE, 'canonical'), 'canonical');
    expect(c.status, c.stderr).toBe(0);
    [api, canonical] = [a.out, c.out];
  });

  it('give the same numbers as the same deals in canonical form', () => {
    expectSameViews(api, canonical, ['funnel', 'stage_dwell', 'rep_dwell', 'cycle_times', 'kpis', 'forecast']);
  });

  it('compute the figures worked out by hand: won and lost are statuses, one funnel per pipeline', () => {
    const [k] = queryJson(api, 'kpis');
    // won 101 (1000) + 202 (1200); lost 102; open 103 2000×0.8 + 104 300×0.2 + 201 800×0.7
    expect(k).toMatchObject({
      won_amount: 2200,
      won_deals: 2,
      lost_deals: 1,
      open_pipeline: 3100,
      weighted_pipeline: 2220,
    });
    // 101: 01-05 09:00 → won 02-10 12:00 = 36.125 days; 202: 01-25 10:00 → 02-20 10:00 = 26 days
    expect(k!.avg_sales_cycle_days).toBeCloseTo((36.125 + 26) / 2, 12);
    expect(queryJson(api, 'funnel').map((r) => [r.stage, r.reached])).toEqual([
      ['Qualified (Partners)', 2],
      ['Contract', 2],
      ['Won (Partners)', 1],
      // 103 skipped Demo (flow 1 → 3) and still counts there; 104 never left Qualified
      ['Qualified (Sales)', 4],
      ['Demo', 3],
      ['Negotiation', 2],
      ['Won (Sales)', 1],
    ]);
    expect(queryJson(api, 'kpis', ['--filter', 'pipeline=Partners'])[0]).toMatchObject({
      won_amount: 1200,
      open_pipeline: 800,
    });
  });

  it('name the .jsonl file, line and field of a bad value', async () => {
    const dir = temp.path('bad-api');
    await mkdir(dir);
    const text = (await readFile(join(FIXTURE, 'api', 'pipedrive.jsonl'), 'utf8'))
      .replace('"value": 2000,', '"value": "2.000,00",')
      .replace(
        '"stage_id": 1, "pipeline_id": 1, "status": "open", "add_time": "2026-02-01',
        '"stage_id": 99, "pipeline_id": 1, "status": "open", "add_time": "2026-02-01',
      );
    await writeFile(join(dir, 'pipedrive.jsonl'), text);
    const r = build('pipedrive', dir, 'bad-api-model');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'pipedrive.jsonl')}:14: value: "2.000,00" is not a number`);
    // An unknown stage is kept (reported) so the deal still counts; see docs/sources/pipedrive.md.
    expect(r.stderr).toContain(
      `warning: ${join(dir, 'pipedrive.jsonl')}:15: stage_id: stage_id 99 is not among the stages records`,
    );
  });
});

describe('the Pipedrive list-view export', { timeout: 60_000 }, () => {
  it('agrees with the API records on counts, amounts and win rate, but has no stage history', () => {
    const ui = build('pipedrive', join(FIXTURE, 'ui'), 'ui');
    expect(ui.status, ui.stderr).toBe(0);
    const api = build('pipedrive', join(FIXTURE, 'api'), 'api-for-ui');
    const pick = (k: Record<string, unknown>) => ({
      won_amount: k.won_amount,
      won_deals: k.won_deals,
      lost_deals: k.lost_deals,
      win_rate: k.win_rate,
      open_pipeline: k.open_pipeline,
      weighted_pipeline: k.weighted_pipeline,
      avg_sales_cycle_days: k.avg_sales_cycle_days,
    });
    expect(pick(queryJson(ui.out, 'kpis')[0]!)).toEqual(pick(queryJson(api.out, 'kpis')[0]!));
    // Without history each open deal has one stint, its current stage since creation: 103 shows no Qualified stint.
    const dwell = queryJson(ui.out, 'stage_dwell').map((r) => [r.opp_id, r.stage]);
    expect(dwell).toEqual([
      ['103', 'Negotiation'],
      ['104', 'Qualified (Sales)'],
      ['201', 'Contract'],
    ]);
    expect(queryJson(api.out, 'stage_dwell').length).toBeGreaterThan(dwell.length);
  });

  it('asks for the stage table when the export comes alone', async () => {
    const dir = temp.path('ui-alone');
    await mkdir(dir);
    await copyFile(join(FIXTURE, 'ui', 'deals.csv'), join(dir, 'deals.csv'));
    const r = build('pipedrive', dir, 'ui-alone-model');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'stages.csv: the deals export has no stage order or probabilities, and stages.csv is missing',
    );
  });
});

describe.skipIf(!sandbox.present)('Airbyte’s Pipedrive sandbox records', { timeout: 60_000 }, () => {
  it('load, with every deal, stage and user of the excerpt', async () => {
    const dir = temp.path('sandbox');
    await cp(sandbox.dir, dir, { recursive: true });
    const r = build('pipedrive', dir, 'sandbox-model', ['--as-of', '2023-03-01T00:00:00Z']);
    expect(r.status, r.stderr).toBe(0);
    // The excerpt's deals sit in stage 1 of pipeline 1, neither of which is among its 3 stage and 3 pipeline records.
    expect(r.stderr).toContain(
      'expected_records.excerpt.jsonl:4: stage_id: stage_id 1 is not among the stages records',
    );
    const manifest = JSON.parse(await readFile(join(r.out, 'manifest.json'), 'utf8'));
    // 3 deals; stages: 3 records + the missing stage 1 + Won/Lost for each of the 2 pipelines with stages or deals; 3 users
    expect(manifest.tables.opportunities.rows).toBe(3);
    expect(manifest.tables.stages.rows).toBe(3 + 1 + 2 * 2);
    expect(manifest.tables.reps.rows).toBe(3);
    const engine = await NativeEngine.open();
    try {
      const q = async (sql: string) => engine.all({ sql: sql.replaceAll('$m', r.out), params: [] });
      expect(
        await q(
          `SELECT opp_id, opp_name, amount, currency, owner_id, stage, pipeline FROM '$m/opportunities.parquet' WHERE opp_id = '11'`,
        ),
      ).toEqual([
        {
          opp_id: '11',
          opp_name: 'Test Organization 2 deal',
          amount: 1500,
          currency: 'USD',
          owner_id: '11884360',
          stage: 'Stage 1',
          pipeline: 'Pipeline 1',
        },
      ]);
      expect(await q(`SELECT rep_name FROM '$m/reps.parquet' WHERE rep_id = '11884360'`)).toEqual([
        { rep_name: 'Team Airbyte' },
      ]);
      // deal_probability 100 (percent) → 1; stage 11 belongs to pipeline 2, "New pipeline"
      expect(
        await q(`SELECT stage, probability, pipeline FROM '$m/stages.parquet' WHERE stage = 'Negotiations Started'`),
      ).toEqual([{ stage: 'Negotiations Started', probability: 1, pipeline: 'New pipeline' }]);
    } finally {
      engine.close();
    }
  });
});
