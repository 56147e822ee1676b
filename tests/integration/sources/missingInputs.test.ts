/**
 * A file, folder, sheet or header row the user named or left out is the user's to fix: every source says
 * what it expected where and what to do, with exit 1 — never "internal error … report it".
 */
import { chmod, copyFile, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import {
  canonicalFolder,
  REPO_ROOT,
  runCli,
  STACK_LINE,
  tempRoot,
  UNPRIVILEGED,
  UNPRIVILEGED_RUNS,
  type CliRun,
} from '../../support/canonicalFolder.ts';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'sources');

const DEALS = ['id,owner,stage,created,amount', 'D1,anna,Won,2026-01-05,100', 'D2,ben,Open,2026-01-10,200'].join('\n');

const MAPPING = {
  stages: [
    { stage: 'Open', order: 1, probability: 0.5, kind: 'open' },
    { stage: 'Won', order: 2, probability: 1, kind: 'won' },
  ],
  tables: {
    opportunities: {
      file: 'deals.csv',
      columns: {
        opp_id: 'id',
        owner_id: 'owner',
        stage: 'stage',
        created_at: 'created',
        amount: 'amount',
        currency: { value: 'EUR' },
      },
    },
  },
};

/** The rejection every case must be: exit 1, no stack trace, no "internal error". */
function expectUserError(r: CliRun): void {
  expect(r.status, r.stderr).toBe(1);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr).not.toMatch(STACK_LINE);
}

describe('missing and unreadable inputs', { timeout: 60_000 }, () => {
  let temp: Awaited<ReturnType<typeof tempRoot>>;
  beforeAll(async () => {
    temp = await tempRoot('missing-inputs');
  });
  afterAll(() => temp.remove());

  /** A mapped export (deals.csv, team.xlsx with sheets Reps and Notes) read through `mapping`. */
  const mapped = async (name: string, mapping: object): Promise<CliRun & { dir: string; config: string }> => {
    const dir = temp.path(name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'deals.csv'), DEALS);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['rep', 'team'],
        ['anna', 'North'],
        ['ben', 'South'],
      ]),
      'Reps',
    );
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['written by hand']]), 'Notes');
    XLSX.writeFile(book, join(dir, 'team.xlsx'));
    const config = join(dir, 'mapping.json');
    await writeFile(config, JSON.stringify(mapping));
    return {
      dir,
      config,
      ...runCli(['data', '--source', 'mapped', '--in', dir, '--config', config, '--out', join(dir, 'model')]),
    };
  };
  const withTable = (table: string, spec: object) => ({ ...MAPPING, tables: { ...MAPPING.tables, [table]: spec } });

  it('names the mapping key, the path it expected and what the folder holds when a mapped file is not under --in', async () => {
    const r = await mapped('mapped-missing-file', {
      ...MAPPING,
      tables: { opportunities: { ...MAPPING.tables.opportunities, file: 'deal.csv' } },
    });
    expectUserError(r);
    expect(r.stderr).toContain(
      `${r.config}: tables.opportunities.file: ${join(r.dir, 'deal.csv')} does not exist; ${r.dir} holds deals.csv, mapping.json, team.xlsx — `,
    );
    expect(r.stderr).toMatch(
      /— correct the file name \(it is relative to --in\), or point --in at the folder that holds the file$/m,
    );
  });

  it('says so when the folder a mapped file is in does not exist', async () => {
    const r = await mapped('mapped-missing-folder', {
      ...MAPPING,
      tables: { opportunities: { ...MAPPING.tables.opportunities, file: 'export/deals.csv' } },
    });
    expectUserError(r);
    expect(r.stderr).toContain(
      `tables.opportunities.file: ${join(r.dir, 'export', 'deals.csv')} does not exist, nor does the folder ${join(r.dir, 'export')} — `,
    );
  });

  it('names the lookup key when a lookup file is missing', async () => {
    const lookup = { column: 'owner', lookup: { file: 'products.csv', key: 'Product', value: 'Family' } };
    const r = await mapped('mapped-missing-lookup', {
      ...MAPPING,
      tables: {
        opportunities: {
          ...MAPPING.tables.opportunities,
          columns: { ...MAPPING.tables.opportunities.columns, product_line: lookup },
        },
      },
    });
    expectUserError(r);
    expect(r.stderr).toContain(
      `${r.config}: tables.opportunities.columns.product_line.lookup.file: ${join(r.dir, 'products.csv')} does not exist; `,
    );
  });

  it('names the sheets a workbook has when the mapped sheet is not one of them', async () => {
    const r = await mapped(
      'mapped-missing-sheet',
      withTable('reps', { file: 'team.xlsx', sheet: 'Team', columns: { rep_id: 'rep', team: 'team' } }),
    );
    expectUserError(r);
    expect(r.stderr).toContain(
      `${r.config}: tables.reps.sheet: ${join(r.dir, 'team.xlsx')} has no sheet "Team" (its sheets: Reps, Notes) — name one of its sheets`,
    );
  });

  it('says where a sheet ends when the mapped header row is beyond it', async () => {
    const r = await mapped(
      'mapped-header-row',
      withTable('reps', { file: 'team.xlsx', headerRow: 40, columns: { rep_id: 'rep', team: 'team' } }),
    );
    expectUserError(r);
    expect(r.stderr).toContain(
      `${r.config}: tables.reps.headerRow: ${join(r.dir, 'team.xlsx')}[Reps] has no row 40 (its last row is 3) — `,
    );
  });

  it('says that --config names a folder, not a mapping file', async () => {
    const dir = temp.path('config-folder');
    await mkdir(dir, { recursive: true });
    const r = runCli(['data', '--source', 'mapped', '--in', dir, '--config', dir, '--out', join(dir, 'model')]);
    expectUserError(r);
    expect(r.stderr).toContain(
      `${dir}: (file): ${dir} is a folder, not a file — pass --config <mapping.json>, a mapping file you may read`,
    );
  });

  it('reports a folder where canonical input has its opportunities.csv', async () => {
    const dir = await canonicalFolder(temp.path('canonical-folder'));
    await rm(join(dir, 'opportunities.csv'));
    await mkdir(join(dir, 'opportunities.csv'));
    const r = runCli(['data', '--source', 'canonical', '--in', dir, '--out', temp.path('canonical-folder-model')]);
    expectUserError(r);
    expect(r.stderr).toContain(`${join(dir, 'opportunities.csv')}: this is a folder, not a file — `);
  });

  it('reports a Salesforce export whose Opportunity.csv is a broken link', async () => {
    const dir = temp.path('salesforce-link');
    await mkdir(dir);
    await symlink(join(dir, 'gone', 'Opportunity.csv'), join(dir, 'Opportunity.csv'));
    const r = runCli(['data', '--source', 'salesforce', '--in', dir, '--out', temp.path('salesforce-link-model')]);
    expectUserError(r);
    expect(r.stderr).toContain(`${join(dir, 'Opportunity.csv')}: this is a link to a file that does not exist — `);
  });

  it('reports a HubSpot API folder whose deals.json is a folder', async () => {
    const dir = temp.path('hubspot-folder');
    await mkdir(join(dir, 'deals.json'), { recursive: true });
    await writeFile(join(dir, 'pipelines.json'), '[]');
    const r = runCli(['data', '--source', 'hubspot', '--in', dir, '--out', temp.path('hubspot-folder-model')]);
    expectUserError(r);
    expect(r.stderr).toContain(`${join(dir, 'deals.json')}: this is a folder, not a file — `);
  });

  it('reports Pipedrive records in a folder named like a .jsonl file', async () => {
    const dir = temp.path('pipedrive-folder');
    await mkdir(join(dir, 'records.jsonl'), { recursive: true });
    const r = runCli(['data', '--source', 'pipedrive', '--in', dir, '--out', temp.path('pipedrive-folder-model')]);
    expectUserError(r);
    expect(r.stderr).toContain(`${join(dir, 'records.jsonl')}: this is a folder, not a file — `);
  });

  it('reports a Pipedrive stages.csv that is a folder as such, not as missing', async () => {
    const dir = temp.path('pipedrive-stages-folder');
    await mkdir(join(dir, 'stages.csv'), { recursive: true });
    await copyFile(join(FIXTURES, 'pipedrive', 'ui', 'deals.csv'), join(dir, 'deals.csv'));
    const r = runCli([
      'data',
      '--source',
      'pipedrive',
      '--in',
      dir,
      '--out',
      temp.path('pipedrive-stages-folder-model'),
    ]);
    expectUserError(r);
    expect(r.stderr).toContain(`${join(dir, 'stages.csv')}: this is a folder, not a file — `);
    expect(r.stderr).not.toContain('stages.csv is missing');
  });

  it('reports a 悟空CRM 商机信息 export that is a broken link', async () => {
    const dir = temp.path('wukong-link');
    await mkdir(dir);
    await symlink(join(dir, 'gone.csv'), join(dir, '商机信息.csv'));
    const r = runCli(['data', '--source', 'wukong', '--in', dir, '--out', temp.path('wukong-link-model')]);
    expectUserError(r);
    expect(r.stderr).toContain(`${join(dir, '商机信息.csv')}: this is a link to a file that does not exist — `);
  });

  describe.skipIf(!UNPRIVILEGED_RUNS)('permissions (run as a user the mode bits apply to)', () => {
    /** A world-traversable copy of the canonical fixture with a model folder the unprivileged user may write in. */
    const readableByOthers = async (name: string): Promise<{ dir: string; out: string }> => {
      await chmod(temp.root, 0o755);
      const dir = await canonicalFolder(temp.path(name));
      const parent = temp.path(`${name}-out`);
      await mkdir(parent, { mode: 0o777 });
      await chmod(parent, 0o777);
      return { dir, out: join(parent, 'model') };
    };

    it('reports an input file the user may not read', async () => {
      const { dir, out } = await readableByOthers('unreadable-file');
      await chmod(join(dir, 'opportunities.csv'), 0o000);
      const r = runCli(['data', '--source', 'canonical', '--in', dir, '--out', out], UNPRIVILEGED);
      expectUserError(r);
      expect(r.stderr).toContain(`${join(dir, 'opportunities.csv')}: this cannot be read (permission denied) — `);
    });

    it('reports an --in folder the user may not list', async () => {
      const { dir, out } = await readableByOthers('unreadable-folder');
      await chmod(dir, 0o300);
      const r = runCli(['data', '--source', 'salesforce', '--in', dir, '--out', out], UNPRIVILEGED);
      expectUserError(r);
      expect(r.stderr).toMatch(/--in .*unreadable-folder cannot be read \(permission denied\) — /);
    });
  });
});
