/**
 * The Maven "CRM + Sales Opportunities" sample through examples/maven/mapping.json. Its well-known totals:
 * 8,800 opportunities; Won 4238, Lost 2473, Engaging 1589, Prospecting 500; won ÷ (won + lost) =
 * 4238 / 6711 = 63.2%; won amount 10,005,534 (Σ close_value of Won rows).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../../src/db/native.ts';
import { mappedSource } from '../../../loaders/sources/mapped/index.ts';
import { ProblemLog } from '../../../loaders/validate/problem.ts';
import { REPO_ROOT, runCli, tempRoot } from '../../support/canonicalFolder.ts';
import { sharedDataset } from '../../support/sharedDatasets.ts';

const maven = sharedDataset('maven-crm-sales-opportunities');
const MAPPING = join(REPO_ROOT, 'examples', 'maven', 'mapping.json');
const VARIANT = join(REPO_ROOT, 'examples', 'maven', 'mapping-excel-variant.json');
const AS_OF = '2018-01-01T00:00:00Z';
const PIPELINE = join(maven.dir, 'original-zip-contents', 'sales_pipeline.csv');

describe.skipIf(!maven.present)('the Maven sample through a mapping file', { timeout: 60_000 }, () => {
  let temp: Awaited<ReturnType<typeof tempRoot>>;
  const kpis = (model: string) => JSON.parse(runCli(['query', 'kpis', '--data', model, '--format', 'json']).stdout)[0];

  beforeAll(async () => {
    temp = await tempRoot('maven');
  });
  afterAll(() => temp.remove());

  it('loads all 8,800 opportunities with the dataset’s win rate and won amount', () => {
    const model = temp.path('model');
    const r = runCli([
      'data',
      '--source',
      'mapped',
      '--in',
      maven.dir,
      '--config',
      MAPPING,
      '--out',
      model,
      '--as-of',
      AS_OF,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const k = kpis(model);
    expect(k.won_deals).toBe(4238);
    expect(k.lost_deals).toBe(2473);
    expect(k.win_rate).toBeCloseTo(4238 / 6711, 12);
    expect(Math.round(k.win_rate * 1000) / 10).toBe(63.2);
    expect(k.won_amount).toBe(10_005_534);
    const funnel = JSON.parse(runCli(['query', 'funnel', '--data', model, '--format', 'json']).stdout);
    // every deal reached Prospecting; all but the 500 still prospecting reached Engaging; 4238 won
    expect(funnel.map((f: { stage: string; reached: number }) => [f.stage, f.reached])).toEqual([
      ['Prospecting', 8800],
      ['Engaging', 8300],
      ['Won', 4238],
    ]);
    // The suppressed warnings are summarised per column, and the manifest counts them all: 1480 + 1425 + 500.
    expect(r.stderr).toMatch(/sales_pipeline\.csv: product: \d+ more warnings not shown/);
    expect(JSON.parse(readFileSync(join(model, 'manifest.json'), 'utf8')).warnings).toBe(3405);
  });

  it('gives the same figures for the Excel re-saved copy with M/D/YYYY dates', () => {
    const original = temp.path('original');
    const variant = temp.path('variant');
    expect(
      runCli([
        'data',
        '--source',
        'mapped',
        '--in',
        maven.dir,
        '--config',
        MAPPING,
        '--out',
        original,
        '--as-of',
        AS_OF,
      ]).status,
    ).toBe(0);
    const r = runCli([
      'data',
      '--source',
      'mapped',
      '--in',
      maven.dir,
      '--config',
      VARIANT,
      '--out',
      variant,
      '--as-of',
      AS_OF,
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(kpis(variant)).toEqual(kpis(original));
    for (const view of ['funnel', 'cycle_times', 'stage_dwell']) {
      const q = (m: string) => JSON.parse(runCli(['query', view, '--data', m, '--format', 'json']).stdout);
      expect(q(variant), view).toEqual(q(original));
    }
  });

  it('reports every product missing from products.csv and every deal without an account, with its line', async () => {
    const engine = await NativeEngine.open();
    const log = new ProblemLog(100_000);
    try {
      const staged = await mappedSource.stage({
        engine,
        inDir: maven.dir,
        tz: 'UTC',
        log,
        config: MAPPING,
        onRead: () => {},
      });
      expect(log.errors).toEqual([]);
      expect(staged.tables.opportunities!.rows).toBe(8800);
      const counts = await engine.all({
        sql: 'SELECT stage, count(*) AS n FROM stg_opportunities GROUP BY stage ORDER BY stage',
        params: [],
      });
      expect(counts).toEqual([
        { stage: 'Engaging', n: 1589 },
        { stage: 'Lost', n: 2473 },
        { stage: 'Prospecting', n: 500 },
        { stage: 'Won', n: 4238 },
      ]);
    } finally {
      engine.close();
    }
    const of = (column: string) => log.warnings.filter((w) => w.column === column);
    // "GTXPro" in the pipeline vs "GTX Pro" in products.csv: never joined silently. First on line 3 (header = 1).
    expect(of('product')).toHaveLength(1480);
    expect(of('product')[0]).toMatchObject({
      file: PIPELINE,
      line: 3,
      message: '"GTXPro" is not a product in original-zip-contents/products.csv, so the field stays empty',
    });
    expect(of('account')).toHaveLength(1425);
    expect(of('account')[0]).toMatchObject({ file: PIPELINE, line: 11 });
    // Prospecting rows have no engage_date: the mapping's documented stand-in date, reported each time.
    expect(of('engage_date')).toHaveLength(500);
    expect(of('engage_date')[0]).toMatchObject({ line: 8302, message: 'engage_date is empty; "2017-12-31" is used' });
  });
});
