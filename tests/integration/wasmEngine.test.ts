import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoundQuery } from '../../src/db/engine.ts';
import { NativeEngine, sqlString } from '../../src/db/native.ts';
import { openWasmModel, type WasmNodeModel } from '../support/wasmNode.ts';

/** Written by native DuckDB in the storage format DuckDB-WASM 1.32 (DuckDB 1.4) can read. */
const SETUP = [
  `CREATE TABLE w.opportunities (
     id INTEGER, owner VARCHAR, stage VARCHAR, amount DOUBLE, probability INTEGER,
     created_at TIMESTAMP, close_date DATE, is_won BOOLEAN)`,
  `INSERT INTO w.opportunities VALUES
     (1, 'Ann',     'Won',         12000.5, 100, TIMESTAMP '2025-01-03 09:15:00',     DATE '2025-02-14', true),
     (2, 'Ann',     'Proposal',     3000,    40, TIMESTAMP '2025-01-20 17:45:30.25',  NULL,              NULL),
     (3, 'O''Brien', 'Lost',         800.25,   0, TIMESTAMP '2025-02-01 00:00:00',     DATE '2025-03-01', false),
     (4, 'Bo',      'Won',          4500,   100, TIMESTAMP '2025-02-11 12:00:00.5',   DATE '2025-02-28', true),
     (5, 'Bo',      'Qualified',    NULL,    10, TIMESTAMP '2025-03-05 08:00:00',     NULL,              NULL),
     (6, NULL,      'Lead',         1500,     3, NULL,                                NULL,              NULL)`,
  `CREATE TABLE w.stage_events AS SELECT * FROM (VALUES
     (1, 'Lead', TIMESTAMP '2025-01-03 09:15:00'), (1, 'Won', TIMESTAMP '2025-02-14 10:00:00'),
     (4, 'Lead', TIMESTAMP '2025-02-11 12:00:00'), (4, 'Won', TIMESTAMP '2025-02-28 16:30:00'))
     AS v(opp_id, stage, entered_at)`,
];

/** Run on both engines; the rows must be identical. */
const SHARED: Record<string, BoundQuery> = {
  'every column type, NULLs included': {
    sql: `SELECT id, owner, stage, amount, probability, is_won,
            strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created, CAST(close_date AS VARCHAR) AS closed
          FROM opportunities ORDER BY id`,
    params: [],
  },
  'params of every type, integers against INTEGER and DOUBLE columns': {
    sql: `SELECT id FROM opportunities
          WHERE owner = $1 AND amount >= $2 AND amount > $3 AND probability >= $4 AND is_won = $5
            AND ($6 IS NULL OR stage = $6) ORDER BY id`,
    params: ['Ann', 2999.5, 3, 3, true, null],
  },
  'a quoted string is one value, not SQL': {
    sql: 'SELECT id FROM opportunities WHERE owner = $1',
    params: ["' OR 1=1 --"],
  },
  'a name with an apostrophe matches': {
    sql: 'SELECT id FROM opportunities WHERE owner = $1',
    params: ["O'Brien"],
  },
  'aggregates: median, quantile, avg, count, sum': {
    sql: `SELECT owner, count(*) AS deals, count(amount) AS priced, sum(amount) AS total,
            sum(probability) AS probability_points, avg(amount) AS mean, median(amount) AS median,
            quantile_cont(amount, $1) AS p90
          FROM opportunities GROUP BY owner ORDER BY owner NULLS LAST`,
    params: [0.9],
  },
  'months and day differences from timestamps and dates': {
    sql: `SELECT id, strftime(created_at, '%Y-%m') AS month,
            (epoch(close_date::TIMESTAMP) - epoch(created_at)) / 86400 AS days_open,
            date_diff('day', created_at::DATE, close_date) AS calendar_days
          FROM opportunities WHERE created_at >= $1::TIMESTAMP ORDER BY id`,
    params: ['2025-01-10 00:00:00'],
  },
  'stage dwell with a window function': {
    sql: `SELECT opp_id, stage,
            (epoch(lead(entered_at) OVER (PARTITION BY opp_id ORDER BY entered_at)) - epoch(entered_at)) / 86400
              AS dwell_days
          FROM stage_events ORDER BY opp_id, entered_at`,
    params: [],
  },
};

let dir: string;
let native: NativeEngine;
let wasm: WasmNodeModel;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pipescope-wasm-'));
  const file = join(dir, 'm.duckdb');
  native = await NativeEngine.open();
  await native.exec(`ATTACH ${sqlString(file)} AS w (STORAGE_VERSION 'v1.4.0')`);
  for (const sql of SETUP) await native.exec(sql);
  await native.exec('DETACH w');
  await native.exec(`ATTACH ${sqlString(file)} AS model (READ_ONLY)`);
  await native.exec('USE model');
  wasm = await openWasmModel(file);
}, 60_000);

afterAll(async () => {
  await wasm?.close();
  native?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('WasmEngine and NativeEngine on the same database file', () => {
  it.each(Object.entries(SHARED))('return the same rows: %s', async (_, query) => {
    const expected = await native.all(query);
    expect(await wasm.engine.all(query)).toEqual(expected);
  });

  it('binds a hostile string as a value, so it matches nothing', async () => {
    expect(await wasm.engine.all(SHARED['a quoted string is one value, not SQL']!)).toEqual([]);
  });

  it('finds the rows the params select', async () => {
    expect(await wasm.engine.all(SHARED['params of every type, integers against INTEGER and DOUBLE columns']!)).toEqual(
      [{ id: 1 }],
    );
  });
});

describe('WasmEngine values', () => {
  it('turns DECIMAL, HUGEINT and BIGINT into numbers and dates into DuckDB text', async () => {
    const rows = await wasm.engine.all({
      sql: `SELECT 1.25::DECIMAL(10,2) AS price, -1.25::DECIMAL(10,2) AS refund, 12::HUGEINT AS huge,
              9007199254740993::BIGINT AS big, created_at, close_date, created_at::TIMESTAMPTZ AS at_utc
            FROM opportunities WHERE id = 2 OR id = 4 ORDER BY id`,
      params: [],
    });
    expect(rows).toEqual([
      {
        price: 1.25,
        refund: -1.25,
        huge: 12,
        big: 9007199254740992,
        created_at: '2025-01-20 17:45:30.25',
        close_date: null,
        at_utc: '2025-01-20 17:45:30.25+00',
      },
      {
        price: 1.25,
        refund: -1.25,
        huge: 12,
        big: 9007199254740992,
        created_at: '2025-02-11 12:00:00.5',
        close_date: '2025-02-28',
        at_utc: '2025-02-11 12:00:00.5+00',
      },
    ]);
  });

  it('binds JS numbers as DOUBLE, so integer-only functions need a cast in SQL', async () => {
    await expect(wasm.engine.all({ sql: 'SELECT to_days($1) AS d', params: [3] })).rejects.toThrow(/to_days\(DOUBLE\)/);
    expect(await wasm.engine.all({ sql: 'SELECT to_days($1::INTEGER)::VARCHAR AS d', params: [3] })).toEqual([
      { d: '3 days' },
    ]);
  });
});

describe('WasmEngine prepared statements, kept for reuse', () => {
  const byOwner: (owner: string) => BoundQuery = (owner) => ({
    sql: 'SELECT id FROM opportunities WHERE owner = $1 ORDER BY id',
    params: [owner],
  });

  it('answers the same SQL with each call’s own parameters, also when the calls overlap', async () => {
    expect(await wasm.engine.all(byOwner('Ann'))).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await wasm.engine.all(byOwner('Bo'))).toEqual([{ id: 4 }, { id: 5 }]);
    const overlapping = await Promise.all(['Bo', 'Ann', "O'Brien", 'Bo'].map((o) => wasm.engine.all(byOwner(o))));
    expect(overlapping).toEqual([[{ id: 4 }, { id: 5 }], [{ id: 1 }, { id: 2 }], [{ id: 3 }], [{ id: 4 }, { id: 5 }]]);
  });

  it('keeps answering after a statement failed on its parameters', async () => {
    const cast: (value: string) => BoundQuery = (value) => ({
      sql: 'SELECT CAST($1 AS INTEGER) AS n',
      params: [value],
    });
    await expect(wasm.engine.all(cast('x'))).rejects.toThrow(/Conversion/);
    expect(await wasm.engine.all(cast('7'))).toEqual([{ n: 7 }]);
  });

  it('answers right beyond the statements it keeps (the oldest are closed), while some are in use', async () => {
    const distinct = (k: number): BoundQuery => ({
      sql: `SELECT ${k} AS k, count(*) AS n FROM opportunities WHERE id > $1`,
      params: [k % 6],
    });
    const rows = await Promise.all(Array.from({ length: 150 }, (_, k) => wasm.engine.all(distinct(k))));
    expect(rows.map((r) => r[0]?.k)).toEqual(Array.from({ length: 150 }, (_, k) => k));
    expect(rows.map((r) => r[0]?.n)).toEqual(Array.from({ length: 150 }, (_, k) => 6 - (k % 6)));
    expect(await wasm.engine.all(distinct(0))).toEqual([{ k: 0, n: 6 }]);
  });
});

describe('WasmEngine cancellation', () => {
  const slow: BoundQuery = {
    sql: 'SELECT count(*) AS n FROM range($1::BIGINT) a, range(1000) b WHERE (a.range + b.range) % 7 = 3',
    params: [20_000],
  };

  it('rejects with the abort reason and keeps serving later queries', async () => {
    const controller = new AbortController();
    const running = wasm.engine.all(slow, controller.signal);
    controller.abort(new Error('superseded'));
    await expect(running).rejects.toThrow('superseded');
    expect(await wasm.engine.all({ sql: 'SELECT 42 AS answer', params: [] })).toEqual([{ answer: 42 }]);
  });

  it('does not start a query whose signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(wasm.engine.all(slow, controller.signal)).rejects.toThrow('too late');
  });
});

describe('DuckDB-WASM setup', () => {
  it('is DuckDB 1.4, which reads the v1.4.0 storage format', async () => {
    const [row] = await wasm.engine.all({ sql: 'SELECT version() AS version', params: [] });
    expect(row?.version).toMatch(/^v1\.4\./);
  });

  it('has no extension beyond the statically linked core functions', async () => {
    const rows = await wasm.engine.all({
      sql: 'SELECT extension_name FROM duckdb_extensions() WHERE installed OR loaded',
      params: [],
    });
    expect(rows).toEqual([{ extension_name: 'core_functions' }]);
  });

  it.each([
    ['json', "SELECT json_extract('{\"a\":1}', '$.a') AS a", /json extension/],
    ['parquet', "SELECT * FROM read_parquet('x.parquet')", /parquet extension/],
    // Time zones are the trap: DuckDB 1.4 fetches ICU for these even with autoloading off.
    ['icu', "SELECT TIMESTAMP '2025-01-01' AT TIME ZONE 'Europe/Berlin' AS t", /icu/],
  ])('fails fast instead of downloading the %s extension', async (_, sql, message) => {
    await expect(wasm.engine.all({ sql, params: [] })).rejects.toThrow(message);
  });

  it('refuses to read anything but the attached model', async () => {
    await expect(
      wasm.engine.all({ sql: "SELECT * FROM read_csv('https://example.com/x.csv')", params: [] }),
    ).rejects.toThrow(/disabled by configuration/);
  });
});
