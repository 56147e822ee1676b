/**
 * Valid quirks of real exports (docs/canonical-format.md) build (exit 0) and are read right: BOM
 * and CRLF, RFC 4180 quoting, UTF-8 Chinese, extra and shuffled columns, empty amounts, the timestamp
 * forms and time zones, and a dangling optional link reported as a warning. Values are checked in the
 * written Parquet files (DuckDB) or through `pipescope query … --format json`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../src/db/engine.ts';
import { NativeEngine, sqlString } from '../../src/db/native.ts';
import {
  expectRejected,
  fixtureText,
  problemPattern,
  runCli,
  STACK_LINE,
  useGoodOutput,
  type DataRun,
} from '../support/canonicalFolder.ts';

const { reject: runCase, goodOut } = useGoodOutput('validation-quirks');

let db: NativeEngine;
beforeAll(async () => {
  db = await NativeEngine.open();
});
afterAll(() => db?.close());

/** Rows of one model table as written to `<out>/<table>.parquet`. */
function parquet(out: string, table: string, select = '*', orderBy = '1'): Promise<Row[]> {
  return db.all({
    sql: `SELECT ${select} FROM read_parquet(${sqlString(join(out, `${table}.parquet`))}) ORDER BY ${orderBy}`,
    params: [],
  });
}

function expectBuilt(r: DataRun): void {
  expect(r.status, `stderr:\n${r.stderr}`).toBe(0);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stderr, 'no warnings expected').not.toMatch(/^warning:/m);
}

/** Rewrites a CSV without quoted fields column-wise: `columns` maps the new header to old header names (or a constant). */
function reshape(
  text: string,
  columns: readonly (string | { readonly header: string; readonly value: string })[],
): string {
  const [header, ...rows] = text
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));
  const pick = (cells: string[], c: (typeof columns)[number]): string =>
    typeof c === 'string' ? cells[header!.indexOf(c)]! : c.value;
  return [
    columns.map((c) => (typeof c === 'string' ? c : c.header)),
    ...rows.map((cells) => columns.map((c) => pick(cells, c))),
  ]
    .map((cells) => cells.join(','))
    .join('\n')
    .concat('\n');
}

const OPP_COLUMNS =
  'opp_id,opp_name,account_id,owner_id,region,product_line,amount,currency,created_at,close_date,stage,lead_id,campaign_id'.split(
    ',',
  );

describe('valid quirks: file encoding and CSV dialect', { timeout: 30_000 }, () => {
  it('reads files with a UTF-8 BOM and CRLF line endings', async () => {
    const crlf = async (file: string) => ({
      file,
      content: `\uFEFF${(await fixtureText(file)).replaceAll('\n', '\r\n')}`,
    });
    const r = await runCase('bom-crlf', [await crlf('opportunities.csv'), await crlf('stages.csv')]);
    expectBuilt(r);
    expect(await parquet(r.out, 'opportunities', 'opp_id, stage, campaign_id')).toEqual([
      { opp_id: 'O1', stage: 'Won', campaign_id: 'C1' },
      { opp_id: 'O2', stage: 'Proposal', campaign_id: 'C2' },
      { opp_id: 'O3', stage: 'Lost', campaign_id: null },
      { opp_id: 'O4', stage: 'Qualified', campaign_id: null },
      { opp_id: 'O5', stage: 'Prospecting', campaign_id: null },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and embedded newlines', async () => {
    const r = await runCase('quoted', [
      { file: 'opportunities.csv', replace: 'O1,Acme expansion,', with: 'O1,"Acme, Inc. ""Phase 2""\nexpansion",' },
      { file: 'opportunities.csv', replace: 'O2,Globex pilot,', with: 'O2,"Globex ""pilot""",' },
    ]);
    expectBuilt(r);
    expect(await parquet(r.out, 'opportunities', 'opp_id, opp_name, amount', 'opp_id LIMIT 2')).toEqual([
      { opp_id: 'O1', opp_name: 'Acme, Inc. "Phase 2"\nexpansion', amount: 10000 },
      { opp_id: 'O2', opp_name: 'Globex "pilot"', amount: 5000.5 },
    ]);
  });

  it('counts quoted newlines in the line numbers of a later error', async () => {
    // O1 spans lines 2–4, so O2 is on line 5 and O3 on line 6.
    const r = await runCase('quoted-then-error', [
      { file: 'opportunities.csv', replace: 'O1,Acme expansion,', with: 'O1,"Acme\nexpansion\nphase 2",' },
      { file: 'opportunities.csv', replace: ',2500,USD', with: ',abc,USD' },
    ]);
    expectRejected(r, { file: 'opportunities.csv', line: 6, column: 'amount' });
  });

  it('counts quoted CRLF newlines in the line numbers of a later error in a CRLF file', async () => {
    const text = (await fixtureText('opportunities.csv'))
      .replace('O1,Acme expansion,', 'O1,"Acme\nexpansion\nphase 2",')
      .replace(',2500,USD', ',abc,USD')
      .replaceAll('\n', '\r\n');
    const r = await runCase('quoted-crlf-then-error', [{ file: 'opportunities.csv', content: `\uFEFF${text}` }]);
    expectRejected(r, { file: 'opportunities.csv', line: 6, column: 'amount' });
  });

  it('keeps UTF-8 Chinese text as written', async () => {
    const r = await runCase('chinese', [
      { file: 'accounts.csv', replace: 'A2,Globex,', with: 'A2,上海贸易有限公司,' },
      { file: 'opportunities.csv', replace: 'O2,Globex pilot,', with: 'O2,"华东区试点，第一期",' },
      { file: 'reps.csv', replace: 'R2,Bob Li,', with: 'R2,李明,' },
    ]);
    expectBuilt(r);
    expect(await parquet(r.out, 'accounts', 'account_name', 'account_id')).toContainEqual({
      account_name: '上海贸易有限公司',
    });
    expect(await parquet(r.out, 'opportunities', 'opp_name', 'opp_id')).toContainEqual({
      opp_name: '华东区试点，第一期',
    });
    expect(await parquet(r.out, 'reps', 'rep_name', 'rep_id')).toContainEqual({ rep_name: '李明' });
  });
});

describe('valid quirks: columns', { timeout: 30_000 }, () => {
  it('ignores extra columns', async () => {
    const text = await fixtureText('opportunities.csv');
    const content = reshape(text, [
      'opp_id',
      { header: 'Legacy Ref', value: 'x-1' },
      ...OPP_COLUMNS.slice(1),
      { header: 'notes', value: 'call back' },
    ]);
    const r = await runCase('extra-columns', [{ file: 'opportunities.csv', content }]);
    expectBuilt(r);
    const [good, built] = [
      await parquet(goodOut(), 'opportunities', '*', 'opp_id'),
      await parquet(r.out, 'opportunities', '*', 'opp_id'),
    ];
    expect(Object.keys(built[0]!)).not.toContain('notes');
    expect(built).toEqual(good);
  });

  it('reads columns in any order', async () => {
    const r = await runCase('shuffled-columns', [
      {
        file: 'opportunities.csv',
        content: reshape(await fixtureText('opportunities.csv'), [...OPP_COLUMNS].reverse()),
      },
      {
        file: 'stages.csv',
        content: reshape(await fixtureText('stages.csv'), ['kind', 'stage', 'probability', 'stage_order']),
      },
    ]);
    expectBuilt(r);
    for (const table of ['opportunities', 'stages', 'stage_entries']) {
      expect(await parquet(r.out, table, '*', 'ALL'), table).toEqual(await parquet(goodOut(), table, '*', 'ALL'));
    }
  });
});

describe('valid quirks: values', { timeout: 30_000 }, () => {
  it('counts a deal with an empty amount and adds 0 for it', async () => {
    // The fixture's O5 (Prospecting) has no amount; every deal reaches the first stage.
    const q = runCli(['query', 'funnel', '--data', goodOut(), '--format', 'json']);
    expect(q.status, q.stderr).toBe(0);
    const first = (JSON.parse(q.stdout) as Row[])[0];
    expect(first).toMatchObject({ stage: 'Prospecting', reached: 5, reached_amount: 10000 + 5000.5 + 2500 + 1200 });
  });

  it('reports an opportunity whose account_id is not in accounts.csv as a warning and still builds', async () => {
    const r = await runCase('unknown-account', [
      { file: 'opportunities.csv', replace: 'O4,Acme add-on,A1,', with: 'O4,Acme add-on,A9,' },
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const warning = new RegExp(
      `^warning: ${problemPattern({ file: 'opportunities.csv', line: 5, column: 'account_id' }).source.slice(1)}`,
      'm',
    );
    expect(r.stderr).toMatch(warning);
  });
});

describe('valid quirks: timestamps (built with --tz Asia/Shanghai)', { timeout: 30_000 }, () => {
  const MIDNIGHT_UTC_US = Date.UTC(2026, 0, 15) * 1000;
  let createdUs: Record<string, number>;

  beforeAll(async () => {
    const created = (opp: string, old: string, value: string) => ({
      file: 'opportunities.csv',
      replace: `,${old},`,
      with: `,${value},`,
    });
    const r = await runCase(
      'timestamps',
      [
        created('O1', '2026-01-05T10:00:00Z', '2026-01-15T00:00:00Z'),
        created('O2', '2026-01-12T10:00:00Z', '2026-01-15T08:00:00+08:00'),
        created('O3', '2026-01-20T10:00:00Z', '2026-01-15T08:00:00'),
        created('O4', '2026-02-01T10:00:00Z', '2026-01-15 00:00:00Z'),
        created('O5', '2026-02-10T10:00:00Z', '2026-01-15T00:00:00.250Z'),
      ],
      ['--tz', 'Asia/Shanghai'],
    );
    expectBuilt(r);
    const rows = await parquet(r.out, 'opportunities', 'opp_id, epoch_us(created_at) AS us', 'opp_id');
    createdUs = Object.fromEntries(rows.map((row) => [String(row.opp_id), Number(row.us)]));
  }, 60_000);

  it('reads a timestamp with Z as UTC', () => {
    expect(createdUs.O1).toBe(MIDNIGHT_UTC_US);
  });

  it('converts a timestamp with a +08:00 offset to UTC', () => {
    expect(createdUs.O2).toBe(MIDNIGHT_UTC_US);
  });

  it('reads a timestamp without offset in the --tz zone (08:00 Shanghai = 00:00Z)', () => {
    expect(createdUs.O3).toBe(MIDNIGHT_UTC_US);
  });

  it('accepts a space instead of T', () => {
    expect(createdUs.O4).toBe(MIDNIGHT_UTC_US);
  });

  it('keeps fractional seconds', () => {
    expect(createdUs.O5).toBe(MIDNIGHT_UTC_US + 250_000);
  });
});
