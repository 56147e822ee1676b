/**
 * The canonical CSV staged by DuckDB (loaders/sources/canonical/sqlStage.ts) equals the same file staged
 * row by row through csv-parse and RowStager: the same typed values and lines in the same order, the same
 * problems with the same lines and words. Files DuckDB would read differently from csv-parse are not
 * plain, and take the row-by-row path whole.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDemo } from '../../loaders/demo/index.ts';
import { stageWithDuckDB } from '../../loaders/sources/canonical/sqlStage.ts';
import { stageRowByRow } from '../../loaders/sources/canonical/stageTable.ts';
import { TABLES, type TableSpec } from '../../loaders/sources/staging/tables.ts';
import { ProblemLog } from '../../loaders/validate/problem.ts';
import { NativeEngine } from '../../src/db/native.ts';

const dir = mkdtempSync(join(tmpdir(), 'pipescope-sqlstage-'));
const engines: NativeEngine[] = [];
afterAll(() => engines.forEach((e) => e.close()));

const spec = (table: string): TableSpec => TABLES.find((t) => t.table === table)!;

interface Staged {
  rows: unknown[];
  problems: unknown[];
  count: number;
}

/** Stages `path` both ways, each into an engine of its own; null for DuckDB when it declined the file. */
async function bothWays(table: string, path: string, tz = 'UTC'): Promise<{ duck: Staged | null; rows: Staged }> {
  const read = async (viaDuckDB: boolean): Promise<Staged | null> => {
    const engine = await NativeEngine.open();
    engines.push(engine);
    const log = new ProblemLog();
    const staged = viaDuckDB
      ? await stageWithDuckDB(engine, spec(table), path, tz, log)
      : await stageRowByRow(engine, spec(table), path, tz, log, () => {});
    if (staged === null) return null;
    // Values as text keep a timestamp's microseconds and a double's every digit comparable.
    const rows = await engine.all({
      sql: `SELECT COLUMNS(*)::VARCHAR FROM stg_${table} ORDER BY _line`,
      params: [],
    });
    return { rows, problems: [...log.errors, ...log.warnings], count: staged.rows };
  };
  return { duck: await read(true), rows: (await read(false))! };
}

const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const OPPORTUNITIES_HEADER = 'opp_id,opp_name,account_id,owner_id,amount,currency,created_at,close_date,stage';

describe('canonical CSV staged by DuckDB', { timeout: 60_000 }, () => {
  it('stages every file of a demo export as the row-by-row path does', async () => {
    // 2,000 deals: names with commas are quoted, so the quoted-line check is exercised too.
    const demo = join(dir, 'demo');
    await writeDemo({ out: demo, opportunities: 2000, seed: 7 });
    expect(readFileSync(join(demo, 'opportunities.csv'), 'utf8')).toContain('"');
    for (const file of readdirSync(demo)) {
      const table = TABLES.find((t) => t.file === file)!.table;
      const { duck, rows } = await bothWays(table, join(demo, file));
      expect(duck, `${file} is plain`).not.toBeNull();
      expect(duck!.rows, file).toEqual(rows.rows);
      expect(duck!.count, file).toBe(rows.count);
      expect(duck!.problems, file).toEqual([]);
    }
  });

  it('hands every other spelling and every bad cell to RowStager, with the same values, lines and problems', async () => {
    const path = write(
      'opportunities.csv',
      [
        OPPORTUNITIES_HEADER,
        'O1,Plain,A1,R1,1200,USD,2026-01-05T10:00:00Z,2026-03-31,Prospecting',
        'O2,  Padded name ,A1,R1,+5,usd,2026-01-05t10:00:00z,2026-03-31,Prospecting',
        'O3,"Quoted, with comma",A1,R1,1e3,USD,2026-01-05T10:00:00+08:00,2026-03-31,Prospecting',
        'O4,"Say ""hi""",A1,R1,.5,USD,2026-01-05,2026-03-31,Prospecting',
        'O5,Bad amount,A1,R1,"1,234.50",USD,2026-01-05T10:00:00.123456789Z,2026-02-30,Prospecting',
        'O6,,A1,R1,,USD,2026-01-05 10:00:00,,Prospecting',
        ',No id,A1,R1,7,USD,yesterday,2026-13-01,',
        'O8,Fraction,A1,R1,-0.25,USD,2026-01-05T23:59:59.5Z,2026-01-01,Prospecting',
        'O9,Leap,A1,R1,0012,USD,2024-02-29T24:00:00Z,2024-02-29,Prospecting',
        'O10,Early,A1,R1,99,USD,0099-01-01T00:00:00Z,0099-01-01,Prospecting',
        'O11,\u00a0Non-breaking,A1,R1,1,USD,2026-01-05T10:00:00Z,2026-03-31,Prospecting',
      ].join('\n') + '\n',
    );
    for (const tz of ['UTC', 'Asia/Shanghai']) {
      const { duck, rows } = await bothWays('opportunities', path, tz);
      expect(duck, 'the file is plain').not.toBeNull();
      expect(duck!.rows, tz).toEqual(rows.rows);
      expect(duck!.problems, tz).toEqual(rows.problems);
      expect(rows.problems.length, 'the fixture has bad cells').toBeGreaterThan(4);
    }
  });

  it('stages stage kinds, probabilities, integers and periods the same way', async () => {
    const stages = write(
      'stages.csv',
      'stage,stage_order,probability,kind\nA,1,0.1,open\nB,02,1,OPEN\nC,3,1.5,won\nD,x,0,lost\nE,5,-0,Lost\n',
    );
    const targets = write(
      'targets.csv',
      'period,scope,scope_id,target\n2026-Q1,company,,100\n2026-q2,company,,100\n2026-07,company,,1\n2026-13,company,,1\n2026,company,,1\n',
    );
    for (const [table, path] of [
      ['stages', stages],
      ['targets', targets],
    ] as const) {
      const { duck, rows } = await bothWays(table, path);
      expect(duck, table).not.toBeNull();
      expect(duck!.rows, table).toEqual(rows.rows);
      expect(duck!.problems, table).toEqual(rows.problems);
    }
  });

  it.each([
    [
      'a quote inside an unquoted field',
      `${OPPORTUNITIES_HEADER}\nO1,Say "hi",A1,R1,1,USD,2026-01-05T10:00:00Z,2026-03-31,P\n`,
    ],
    [
      'a space after a closing quote',
      `${OPPORTUNITIES_HEADER}\nO1,"Name" ,A1,R1,1,USD,2026-01-05T10:00:00Z,2026-03-31,P\n`,
    ],
    ['a blank line', `${OPPORTUNITIES_HEADER}\n\nO1,N,A1,R1,1,USD,2026-01-05T10:00:00Z,2026-03-31,P\n`],
    ['a quoted line break', `${OPPORTUNITIES_HEADER}\nO1,"Two\nlines",A1,R1,1,USD,2026-01-05T10:00:00Z,2026-03-31,P\n`],
    ['a NUL byte', `${OPPORTUNITIES_HEADER}\nO1,N\u0000,A1,R1,1,USD,2026-01-05T10:00:00Z,2026-03-31,P\n`],
    [
      'mixed line endings',
      `${OPPORTUNITIES_HEADER}\r\nO1,N,A1,R1,1,USD,2026-01-05T10:00:00Z,2026-03-31,P\nO2,N,A1,R1,1,USD,2026-01-05T10:00:00Z,2026-03-31,P\r\n`,
    ],
    ['a short row', `${OPPORTUNITIES_HEADER}\nO1,N,A1\n`],
    ['a missing required column', 'opp_id,opp_name\nO1,N\n'],
  ])('leaves a file with %s to the row-by-row path', async (_, text) => {
    const path = write('opportunities.csv', text);
    const { duck } = await bothWays('opportunities', path);
    expect(duck).toBeNull();
  });

  it('reads invalid UTF-8 row by row, which names the line', async () => {
    const path = join(dir, 'opportunities.csv');
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from(`${OPPORTUNITIES_HEADER}\nO1,`),
        Buffer.from([0xff, 0xfe]),
        Buffer.from(',A1,R1,1,USD,2026-01-05T10:00:00Z,2026-03-31,P\n'),
      ]),
    );
    const { duck, rows } = await bothWays('opportunities', path);
    expect(duck).toBeNull();
    expect(rows.problems).toMatchObject([{ line: 2, message: expect.stringContaining('not valid UTF-8') }]);
  });
});

describe('canonical CSV read row by row', { timeout: 60_000 }, () => {
  it('names the line of a quote inside an unquoted field instead of failing', async () => {
    const path = write(
      'opportunities.csv',
      `${OPPORTUNITIES_HEADER}\nO1,N,A1,R1,1,USD,2026-01-05T10:00:00Z,2026-03-31,P\nO2,Say "hi",A1,R1,1,USD,2026-01-05T10:00:00Z,2026-03-31,P\n`,
    );
    const { rows } = await bothWays('opportunities', path);
    expect(rows.problems).toMatchObject([
      { line: 3, message: expect.stringContaining('quote inside it'), hint: expect.stringContaining('two quotes') },
    ]);
  });
});
