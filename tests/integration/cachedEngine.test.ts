import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CachedEngine } from '../../src/db/cachedEngine.ts';
import type { BoundQuery, Row, SqlEngine } from '../../src/db/engine.ts';
import { NativeEngine } from '../../src/db/native.ts';

/** Native DuckDB, counting the queries that reach it. */
class Counted implements SqlEngine {
  runs = 0;
  constructor(private readonly engine: NativeEngine) {}
  all<R extends object = Row>(query: BoundQuery<R>): Promise<R[]> {
    this.runs += 1;
    return this.engine.all(query);
  }
}

const rows = (n: number, tag: string): BoundQuery<{ i: number; tag: string }> => ({
  sql: 'SELECT CAST(range AS INTEGER) AS i, CAST($1 AS VARCHAR) AS tag FROM range(CAST($2 AS INTEGER))',
  params: [tag, n],
});

describe('CachedEngine (the page keeps the answers it had)', () => {
  let native: NativeEngine;
  let counted: Counted;
  let engine: CachedEngine;
  beforeAll(async () => {
    native = await NativeEngine.open();
  });
  afterAll(() => native.close());
  const fresh = () => {
    counted = new Counted(native);
    engine = new CachedEngine(counted);
  };

  it('answers a query asked again from memory, the same rows', async () => {
    fresh();
    const first = await engine.all(rows(3, 'EMEA'));
    const again = await engine.all(rows(3, 'EMEA'));
    expect(again).toEqual([
      { i: 0, tag: 'EMEA' },
      { i: 1, tag: 'EMEA' },
      { i: 2, tag: 'EMEA' },
    ]);
    expect(again).toBe(first);
    expect(counted.runs).toBe(1);
  });

  it('asks again when the parameters or the SQL differ', async () => {
    fresh();
    await engine.all(rows(3, 'EMEA'));
    expect(await engine.all(rows(3, 'APAC'))).toEqual([
      { i: 0, tag: 'APAC' },
      { i: 1, tag: 'APAC' },
      { i: 2, tag: 'APAC' },
    ]);
    await engine.all({ ...rows(3, 'EMEA'), sql: `${rows(3, 'EMEA').sql} ORDER BY i DESC` });
    expect(counted.runs).toBe(3);
  });

  it('runs identical queries asked at once only once', async () => {
    fresh();
    const [a, b] = await Promise.all([engine.all(rows(2, 'x')), engine.all(rows(2, 'x'))]);
    expect(a).toEqual(b);
    expect(counted.runs).toBe(1);
  });

  it('keeps no failure: the same query runs again and says why again', async () => {
    fresh();
    const broken = { sql: 'SELECT * FROM no_such_table', params: [] };
    await expect(engine.all(broken)).rejects.toThrow(/no_such_table/);
    await expect(engine.all(broken)).rejects.toThrow(/no_such_table/);
    expect(counted.runs).toBe(2);
  });

  it('an aborted caller is rejected at once; the answer still serves the next caller', async () => {
    fresh();
    const controller = new AbortController();
    const aborted = engine.all(rows(4, 'y'), controller.signal);
    controller.abort(new Error('superseded'));
    await expect(aborted).rejects.toThrow('superseded');
    expect(await engine.all(rows(4, 'y'))).toHaveLength(4);
    expect(counted.runs).toBe(1);
  });

  it('drops the least recently used answers beyond 50,000 rows, and never keeps one over 10,000', async () => {
    fresh();
    for (const tag of ['a', 'b', 'c', 'd', 'e']) await engine.all(rows(9_000, tag));
    await engine.all(rows(9_000, 'a')); // used again: now the most recent
    await engine.all(rows(9_000, 'f')); // 54,000 rows: 'b' goes
    expect(counted.runs).toBe(6);
    await engine.all(rows(9_000, 'a'));
    expect(counted.runs).toBe(6);
    await engine.all(rows(9_000, 'b'));
    expect(counted.runs).toBe(7);

    await engine.all(rows(10_001, 'big'));
    await engine.all(rows(10_001, 'big'));
    expect(counted.runs).toBe(9);
  });
});
