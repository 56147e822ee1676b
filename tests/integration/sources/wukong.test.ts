/**
 * 悟空CRM exports (tests/fixtures/sources/wukong, written by generate.ts): the GBK export, its UTF-8 twin and
 * the same data written by hand in canonical form give the same numbers in every view. Built in
 * Asia/Shanghai at 2026-07-01 00:00 (+08:00).
 */
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, tempRoot } from '../../support/canonicalFolder.ts';
import { expectSameViews, queryJson } from '../../support/sameViews.ts';

const FIXTURE = join(REPO_ROOT, 'tests', 'fixtures', 'sources', 'wukong');
const OPTIONS = ['--tz', 'Asia/Shanghai', '--as-of', '2026-07-01T00:00:00+08:00'];

describe('悟空CRM exports', { timeout: 120_000 }, () => {
  let temp: Awaited<ReturnType<typeof tempRoot>>;
  const build = (source: string, dir: string, name: string, extra: readonly string[] = []) => {
    const out = temp.path(name);
    return { out, ...runCli(['data', '--source', source, '--in', dir, '--out', out, ...OPTIONS, ...extra]) };
  };
  let gbk: string;
  let utf8: string;
  let canonical: string;

  beforeAll(async () => {
    temp = await tempRoot('wukong');
    const g = build('wukong', join(FIXTURE, 'gbk'), 'gbk');
    expect(g.status, g.stderr).toBe(0);
    const u = build('wukong', join(FIXTURE, 'utf8'), 'utf8');
    expect(u.status, u.stderr).toBe(0);
    const c = build('canonical', join(FIXTURE, 'canonical'), 'canonical');
    expect(c.status, c.stderr).toBe(0);
    [gbk, utf8, canonical] = [g.out, u.out, c.out];
  });
  afterAll(() => temp.remove());

  it('gives the GBK export, its UTF-8 twin and the canonical twin the same numbers in every view', () => {
    // No campaigns in a 悟空CRM export (市场活动 is not read), so campaign_roi has nothing to show.
    const views = [
      'funnel',
      'stage_dwell',
      'rep_dwell',
      'cycle_times',
      'kpis',
      'forecast',
      'attainment',
      'receivables',
    ];
    expectSameViews(gbk, canonical, views);
    expectSameViews(utf8, canonical, views);
  });

  it('computes the figures worked out by hand, with 无效 left out', () => {
    const [k] = queryJson(gbk, 'kpis');
    // won B1 120000 + B6 160000 + B10 52000.50; lost B2, B8; B5 (无效) counts nowhere
    expect(k).toMatchObject({ won_amount: 332000.5, won_deals: 3, lost_deals: 2, win_rate: 0.6 });
    // open: B3 250000 × 0.8 (方案/报价 80%) + B4 45000 × 0.2 + B7 60000 × 0.3 + B9 75000 × 0.2
    expect(k).toMatchObject({ open_pipeline: 430000, weighted_pipeline: 242000 });
    const funnel = queryJson(gbk, 'funnel').map((r) => [r.stage, r.reached]);
    // 9 deals; B4 and B9 only 验证客户; B2 and B7 reached 需求分析; B6 skipped 需求分析 but won
    expect(funnel).toEqual([
      ['验证客户', 9],
      ['需求分析', 7],
      ['方案/报价', 5],
      ['赢单', 3],
    ]);
    const receivables = queryJson(gbk, 'receivables');
    // open instalments: HT-001-2 60000 − 30000, HT-002-1 160000 − 80000, HT-003-1 52000.50 (not yet due)
    // as of 2026-07-01: HT-003-1 is current; HT-001-2 (due 06-20) and HT-002-1 (due 06-15) are 1–30 days late
    expect(receivables.slice(0, 2)).toEqual([
      { bucket: 'current', invoices: 1, outstanding_amount: 52000.5 },
      { bucket: '1-30', invoices: 2, outstanding_amount: 30000 + 80000 },
    ]);
  });

  it('reads the customer sheet under its merged instruction row and maps 客户级别 to tiers', () => {
    const vip = queryJson(gbk, 'kpis', ['--filter', 'tier=VIP']);
    // VIP accounts: 上海星河科技 (B1 won, B9 open), 北京燕京数据 (B3), 苏州姑苏制造 (B8 lost)
    expect(vip[0]).toMatchObject({ won_amount: 120000, won_deals: 1, lost_deals: 1 });
  });

  it('keeps a GB18030-only character, and reads a GBK file when told --encoding gbk', async () => {
    const dir = temp.path('gb18030');
    await cp(join(FIXTURE, 'utf8'), dir, { recursive: true });
    const text = (await import('node:fs'))
      .readFileSync(join(dir, '商机信息.csv'), 'utf8')
      .replace('北京数据中台', '𠀀字数据中台');
    await writeFile(join(dir, '商机信息.csv'), iconv.encode(text.replace(/^\uFEFF/, ''), 'gb18030'));
    const r = build('wukong', dir, 'gb18030-model');
    expect(r.status, r.stderr).toBe(0);
    const forced = build('wukong', join(FIXTURE, 'gbk'), 'forced', ['--encoding', 'gbk']);
    expect(forced.status, forced.stderr).toBe(0);
    expectSameViews(forced.out, canonical, ['kpis', 'funnel']);
    const engine = await (await import('../../../src/db/native.ts')).NativeEngine.open();
    try {
      const rows = await engine.all({
        sql: `SELECT opp_name FROM '${join(r.out, 'opportunities.parquet')}' WHERE opp_id = 'B3'`,
        params: [],
      });
      expect(rows).toEqual([{ opp_name: '𠀀字数据中台' }]);
    } finally {
      engine.close();
    }
  });

  it('names the file, row and Chinese header of a bad value, with the hint in English', async () => {
    const fs = await import('node:fs');
    const broken = async (name: string, from: string, to: string) => {
      const dir = temp.path(name);
      await cp(join(FIXTURE, 'utf8'), dir, { recursive: true });
      await writeFile(join(dir, '商机信息.csv'), fs.readFileSync(join(dir, '商机信息.csv'), 'utf8').replace(from, to));
      return { dir, ...build('wukong', dir, `${name}-model`) };
    };
    const amount = await broken('bad-amount', '250000.00', '二十五万');
    expect(amount.status).toBe(1);
    expect(amount.stderr).toContain(
      `${join(amount.dir, '商机信息.csv')}:4: 商机金额: "二十五万" is not a number — write a plain decimal number`,
    );
    const stage = await broken('bad-stage', ',验证客户,进行中,王芳', ',初步接洽,进行中,王芳');
    expect(stage.status).toBe(1);
    expect(stage.stderr).toContain(
      `${join(stage.dir, '商机信息.csv')}:5: 商机阶段: unknown stage "初步接洽" (not in 商机阶段.csv) — add "初步接洽" to 商机阶段.csv`,
    );
  });
});
