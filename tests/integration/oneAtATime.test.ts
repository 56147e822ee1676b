import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoundQuery, Row, SqlEngine } from '../../src/db/engine.ts';
import { NativeEngine } from '../../src/db/native.ts';
import { OneAtATime } from '../../src/db/oneAtATime.ts';

/** Native DuckDB, recording how many of its queries run at once and which ran. */
class Watched implements SqlEngine {
  running = 0;
  most = 0;
  readonly ran: string[] = [];
  constructor(private readonly engine: NativeEngine) {}
  async all<R extends object = Row>(query: BoundQuery<R>): Promise<R[]> {
    this.running += 1;
    this.most = Math.max(this.most, this.running);
    this.ran.push(String(query.params[0]));
    try {
      return await this.engine.all(query);
    } finally {
      this.running -= 1;
    }
  }
}

const tagged = (tag: string): BoundQuery<{ tag: string }> => ({
  sql: 'SELECT CAST($1 AS VARCHAR) AS tag',
  params: [tag],
});

describe('OneAtATime (the warm-up asks one query at a time)', () => {
  let native: NativeEngine;
  beforeAll(async () => {
    native = await NativeEngine.open();
  });
  afterAll(() => native.close());

  it('runs queries asked together one after the other, each with its own answer', async () => {
    const watched = new Watched(native);
    const engine = new OneAtATime(watched);
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((tag) => engine.all(tagged(tag))));
    expect(answers).toEqual([[{ tag: 'a' }], [{ tag: 'b' }], [{ tag: 'c' }], [{ tag: 'd' }]]);
    expect(watched.most).toBe(1);
  });

  it('never starts a query whose signal was aborted while it waited, and goes on after a failure', async () => {
    const watched = new Watched(native);
    const engine = new OneAtATime(watched);
    const stop = new AbortController();
    const first = engine.all(tagged('first'));
    const waiting = engine.all(tagged('waiting'), stop.signal);
    stop.abort(new Error('the user changed a filter'));
    await expect(waiting).rejects.toThrow('the user changed a filter');
    expect(await first).toEqual([{ tag: 'first' }]);
    const failing = engine.all({ sql: 'SELECT no_such_column', params: ['failing'] });
    await expect(failing).rejects.toThrow(/no_such_column/);
    expect(await engine.all(tagged('after'))).toEqual([{ tag: 'after' }]);
    expect(watched.ran).toEqual(['first', 'failing', 'after']);
  });
});
