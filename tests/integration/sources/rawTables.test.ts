import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { NativeEngine } from '../../../src/db/native.ts';
import { loadFile } from '../../../loaders/sources/raw/loadFile.ts';
import { findColumn } from '../../../loaders/sources/raw/rawTable.ts';
import { ProblemLog } from '../../../loaders/validate/problem.ts';

let dir: string;
let engine: NativeEngine;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pipescope-raw-'));
  engine = await NativeEngine.open();
});
afterAll(async () => {
  engine.close();
  await rm(dir, { recursive: true, force: true });
});

const rows = async (table: string): Promise<Record<string, unknown>[]> =>
  engine.all({ sql: `SELECT * FROM "${table}" ORDER BY _line`, params: [] });

describe('vendor files into raw tables', () => {
  it('detects a GBK CSV and reads its Chinese headers and cells as text', async () => {
    const path = join(dir, '商机信息.csv');
    await writeFile(
      path,
      iconv.encode('商机名称,商机阶段,商机金额\r\n"华东, 大单",方案/报价,"120000.50"\r\n小单,赢单,800\r\n', 'gbk'),
    );
    const log = new ProblemLog();
    const raw = await loadFile(engine, path, 'gbk_business', { log });
    expect(log.errors).toEqual([]);
    expect(raw!.headers).toEqual(['商机名称', '商机阶段', '商机金额']);
    expect(await rows(raw!.table)).toEqual([
      { _line: 2, 商机名称: '华东, 大单', 商机阶段: '方案/报价', 商机金额: '120000.50' },
      { _line: 3, 商机名称: '小单', 商机阶段: '赢单', 商机金额: '800' },
    ]);
  });

  it('reads the same bytes as UTF-8 when they are UTF-8, and honours --encoding', async () => {
    const path = join(dir, 'utf8.csv');
    await writeFile(path, '\uFEFF*客户名称,客户级别\n甲公司,A（重点客户）\n');
    const log = new ProblemLog();
    const raw = await loadFile(engine, path, 'utf8_customer', { log });
    expect(raw!.headers).toEqual(['客户名称', '客户级别']);
    expect((await rows(raw!.table))[0]).toMatchObject({ 客户名称: '甲公司' });
    const forced = await loadFile(engine, path, 'bad_encoding', { log, encoding: 'klingon' });
    expect(forced).toBeNull();
    expect(log.errors[0]!.message).toContain('--encoding klingon');
  });

  it('skips a merged instruction row above the headers of a sheet and writes dates as wall time', async () => {
    const sheet = XLSX.utils.aoa_to_sheet(
      [
        ['注意：1、表头标“*”的红色字体为必填项；2、日期格式为 yyyy-MM-dd'],
        ['*商机名称', '预计成交日期', '创建时间', '商机金额'],
        ['甲', new Date(Date.UTC(2026, 2, 31)), new Date(Date.UTC(2026, 2, 1, 9, 30, 5)), 1234.5],
        [],
        ['乙', null, null, 99],
      ],
      { cellDates: true, UTC: true } as XLSX.AOA2SheetOpts,
    );
    sheet['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 3 } }];
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, '商机');
    const path = join(dir, '商机信息.xlsx');
    XLSX.writeFile(book, path);
    const log = new ProblemLog();
    const raw = await loadFile(engine, path, 'sheet_business', { log });
    expect(log.errors).toEqual([]);
    expect(raw!.file).toBe(`${path}[商机]`);
    expect(raw!.headers).toEqual(['商机名称', '预计成交日期', '创建时间', '商机金额']);
    expect(await rows(raw!.table)).toEqual([
      { _line: 3, 商机名称: '甲', 预计成交日期: '2026-03-31', 创建时间: '2026-03-01 09:30:05', 商机金额: '1234.5' },
      { _line: 5, 商机名称: '乙', 预计成交日期: null, 创建时间: null, 商机金额: '99' },
    ]);
  });

  it('ends a record at any line break when CRLF and LF lines are mixed', async () => {
    const path = join(dir, 'mixed.csv');
    await writeFile(path, 'id,stage\r\n1,Won\r\n2,Lost\n3,Open\n');
    const log = new ProblemLog();
    const raw = await loadFile(engine, path, 'mixed_breaks', { log });
    expect(await rows(raw!.table)).toEqual([
      { _line: 2, id: '1', stage: 'Won' },
      { _line: 3, id: '2', stage: 'Lost' },
      { _line: 4, id: '3', stage: 'Open' },
    ]);
  });

  it('finds a column by any of its names, ignoring case, spaces and underscores', async () => {
    const raw = { table: 'x', file: 'x', path: 'x', headers: ['Stage Name', 'CloseDate'], rows: 0 };
    expect(findColumn(raw, ['StageName'])).toBe('Stage Name');
    expect(findColumn(raw, ['close_date'])).toBe('CloseDate');
    expect(findColumn(raw, ['Amount'])).toBeNull();
  });
});
