/**
 * `--source postgres` against a real PostgreSQL started here (Debian's server; skipped when it is not
 * installed — .ci/run installs it): canonical tables give the same model as the same CSVs, a Fivetran-style
 * Salesforce schema the same as the file export, and problems name schema.table, row and column.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snake } from '../../../loaders/sources/salesforce/read.ts';
import { postgresBin, startPostgres, type PostgresServer } from '../../../scripts/postgres/server.ts';
import { REPO_ROOT, runCli, tempRoot, VALID_FIXTURE } from '../../support/canonicalFolder.ts';
import { loadCanonical, loadTextTables } from '../../../scripts/postgres/load.ts';
import { ALL_VIEWS, expectSameViews } from '../../support/sameViews.ts';

const installed = postgresBin() !== null;
if (!installed)
  console.warn(
    'skipping the PostgreSQL source tests: no PostgreSQL server in /usr/lib/postgresql (apt-get install -y postgresql)',
  );
const AS_OF = ['--as-of', '2026-03-01T00:00:00Z'];

describe.skipIf(!installed)('PostgreSQL as a source', { timeout: 120_000 }, () => {
  let pg: PostgresServer;
  let temp: Awaited<ReturnType<typeof tempRoot>>;
  beforeAll(async () => {
    temp = await tempRoot('postgres');
    pg = await startPostgres();
    loadCanonical(pg, 'crm', VALID_FIXTURE);
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
    await temp?.remove();
  });
  const data = (url: string, name: string) => {
    const out = temp.path(name);
    return { out, ...runCli(['data', '--source', 'postgres', '--url', url, '--out', out, ...AS_OF]) };
  };

  it('reads canonical tables into the same model as the same CSV files', () => {
    const fromPg = data(`${pg.url}?schema=crm`, 'pg');
    expect(fromPg.status, fromPg.stderr).toBe(0);
    const csv = temp.path('csv');
    const r = runCli(['data', '--source', 'canonical', '--in', VALID_FIXTURE, '--out', csv, ...AS_OF]);
    expect(r.status, r.stderr).toBe(0);
    expectSameViews(fromPg.out, csv, ALL_VIEWS);
  });

  it('reads a Fivetran-style Salesforce schema through the Salesforce adapter', () => {
    const dir = join(REPO_ROOT, 'tests', 'fixtures', 'sources', 'salesforce', 'export');
    loadTextTables(pg, 'salesforce', dir, (file) => (file === 'targets' ? 'targets' : snake(file)));
    const fromPg = data(`${pg.url}?schema=salesforce`, 'pg-salesforce');
    expect(fromPg.status, fromPg.stderr).toBe(0);
    const files = temp.path('sf-files');
    expect(runCli(['data', '--source', 'salesforce', '--in', dir, '--out', files, ...AS_OF]).status).toBe(0);
    expectSameViews(fromPg.out, files, ['funnel', 'stage_dwell', 'kpis', 'campaign_roi', 'cycle_times']);
  });

  it('names schema.table, the row in key order and the column of a bad value', () => {
    loadCanonical(pg, 'broken', VALID_FIXTURE);
    pg.psql(`UPDATE broken.opportunities SET stage = 'Negotation' WHERE opp_id = 'O3'`);
    const r = data(`${pg.url}?schema=broken`, 'pg-broken');
    expect(r.status).toBe(1);
    // O3 is the 3rd opportunity by opp_id
    expect(r.stderr).toContain('broken.opportunities:3: stage: unknown stage "Negotation"');
  });

  it('names the table and its key when PostgreSQL cannot put its rows in order (a json key column)', () => {
    loadCanonical(pg, 'json_key', VALID_FIXTURE);
    pg.psql(`ALTER TABLE json_key.opportunities ALTER COLUMN opp_id TYPE json USING to_json(opp_id)`);
    const r = data(`${pg.url}?schema=json_key`, 'pg-json-key');
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toContain(
      'json_key.opportunities: opp_id: PostgreSQL cannot sort the rows by this column (could not identify an ordering operator for type json) — store opp_id as text or a number',
    );
  });

  it('says what to do about a wrong password or an empty schema, without printing the password', () => {
    const wrong = data(pg.url.replace(pg.password, 'not-the-password'), 'pg-wrong');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('password authentication failed');
    expect(wrong.stderr).toContain('check the user name and password in --url');
    expect(wrong.stderr).not.toContain('not-the-password');
    const empty = data(`${pg.url}?schema=nothing_here`, 'pg-empty');
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain('found no tables; expected canonical tables');
  });
});
