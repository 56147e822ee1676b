/**
 * Salesforce: a hand-made Data Loader export (tests/fixtures/sources/salesforce/export, API field names) with
 * deleted rows, history rows that only log edits (also after the last stage change of a deal whose current
 * stage the history has not caught up with), a campaign without ActualCost, first-touch campaign
 * membership, line items deciding product line, region from BillingCountry and references written as
 * 15-character ids — against the same data written by hand in canonical form (the edit rows kept as
 * repeated rows of their stage), and Fivetran's seeds.
 * Built at as_of 2026-03-01T00:00:00Z.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { id18 } from '../../../loaders/sources/salesforce/ids.ts';
import { NativeEngine } from '../../../src/db/native.ts';
import { REPO_ROOT, runCli, tempRoot } from '../../support/canonicalFolder.ts';
import { sharedDataset } from '../../support/sharedDatasets.ts';
import { ALL_VIEWS, expectSameViews, queryJson } from '../../support/sameViews.ts';

const FIXTURE = join(REPO_ROOT, 'tests', 'fixtures', 'sources', 'salesforce');
const seeds = sharedDataset('salesforce-fivetran-seeds');
const [O1, O2, O3, O4, O8] = [
  '0068d00000Oo1AaAAJ',
  '0068d00000Oo1AbAAJ',
  '0068d00000Oo1AcAAJ',
  '0068d00000Oo1AdAAJ',
  '0068d00000Oo1AhAAJ',
];
const [C1, C2] = ['7018d00000Cc1AaAAJ', '7018d00000Cc1AbAAJ'];

let temp: Awaited<ReturnType<typeof tempRoot>>;
beforeAll(async () => {
  temp = await tempRoot('salesforce');
});
afterAll(() => temp.remove());

const build = (source: string, dir: string, name: string, asOf = '2026-03-01T00:00:00Z') => {
  const out = temp.path(name);
  return { out, ...runCli(['data', '--source', source, '--in', dir, '--out', out, '--as-of', asOf]) };
};

describe('18-character ids', () => {
  it('turns a 15-character id into its 18-character form and leaves other ids alone', () => {
    expect(id18('0058d00000AbCdE')).toBe('0058d00000AbCdEAAV');
    expect(id18('0058d00000AbCdEAAV')).toBe('0058d00000AbCdEAAV');
    expect(id18('not-an-id')).toBe('not-an-id');
  });
});

describe('a Salesforce Data Loader export', { timeout: 120_000 }, () => {
  let sf: string;
  let canonical: string;
  beforeAll(() => {
    const s = build('salesforce', join(FIXTURE, 'export'), 'export');
    expect(s.status, s.stderr).toBe(0);
    const c = build('canonical', join(FIXTURE, 'canonical'), 'canonical');
    expect(c.status, c.stderr).toBe(0);
    [sf, canonical] = [s.out, c.out];
  });

  it('gives exactly the numbers of the same data written in canonical form, in every view', () => {
    expectSameViews(
      sf,
      canonical,
      ALL_VIEWS.filter((v) => v !== 'receivables'),
    );
  });

  it('computes the figures of docs/metrics.md worked out by hand', () => {
    const [k] = queryJson(sf, 'kpis');
    // won O1 10000, lost O2; the deleted O6 counts nowhere. Open: O3 20000×0.5 + O4 7000×0.75 + O5 3000×0.25 + O7 1500×0.1 + O8 4500×0.75
    expect(k).toMatchObject({
      won_amount: 10000,
      won_deals: 1,
      lost_deals: 1,
      win_rate: 0.5,
      open_pipeline: 36000,
      weighted_pipeline: 19525,
    });
    // O1: created 01-05 10:00, first Closed Won history row 02-10 15:00 = 36 d 5 h
    expect(k!.avg_sales_cycle_days).toBeCloseTo(36 + 5 / 24, 12);
    const dwell = queryJson(sf, 'stage_dwell');
    const o4 = Object.fromEntries(dwell.filter((r) => r.opp_id === O4).map((r) => [r.stage, [r.entries, r.days]]));
    // O4 went back from Negotiation to Proposal and on again; its 02-10 row only logs an amount edit.
    // Proposal 01-10→01-20 + 01-25→02-05 = 21 d; Negotiation 01-20→01-25 + 02-05→as_of 03-01 = 29 d
    expect(o4).toEqual({ Prospecting: [1, 8], Proposal: [2, 21], Negotiation: [2, 29] });
    // O1's Qualification runs to Closed Won (02-10 15:00): the edit row of 01-15 and the deleted Proposal row of 01-20 are not entries
    expect(dwell.find((r) => r.opp_id === O1 && r.stage === 'Qualification')).toMatchObject({
      entries: 1,
      days: 29 + 5 / 24,
    });
  });

  it('enters a current stage missing from the history at the last logged row, edits included', async () => {
    // O8's history ends in Proposal: the change of 01-14 09:00, then an amount edit (01-28) and a close-date
    // edit (02-16 09:00). The export says Negotiation. The edits show O8 still in Proposal on 02-16, so
    // Negotiation starts there: Prospecting 01-06 09:00→01-14 09:00 = 8 d; Proposal →02-16 09:00 = 33 d;
    // Negotiation →as_of 03-01 00:00 = 12 d 15 h. (Appended at the change of 01-14 it would be 0 d and 45 d 15 h.)
    const o8 = Object.fromEntries(
      queryJson(sf, 'stage_dwell')
        .filter((r) => r.opp_id === O8)
        .map((r) => [r.stage, [r.entries, r.days]]),
    );
    expect(o8).toEqual({ Prospecting: [1, 8], Proposal: [1, 33], Negotiation: [1, 12 + 15 / 24] });
    const engine = await NativeEngine.open();
    try {
      const entries = (model: string) =>
        engine.all({
          sql: `SELECT opp_id, seq, stage, entered_at::VARCHAR AS entered_at, left_at::VARCHAR AS left_at, days FROM '${join(model, 'stage_entries.parquet')}' ORDER BY opp_id, seq`,
          params: [],
        });
      const sfEntries = await entries(sf);
      expect(sfEntries.filter((e) => e.opp_id === O8).map((e) => [e.stage, e.entered_at, e.left_at])).toEqual([
        ['Prospecting', '2026-01-06 09:00:00', '2026-01-14 09:00:00'],
        ['Proposal', '2026-01-14 09:00:00', '2026-02-16 09:00:00'],
        ['Negotiation', '2026-02-16 09:00:00', null],
      ]);
      // every deal's stints, not only the figures the views add up
      expect(sfEntries).toEqual(await entries(canonical));
    } finally {
      engine.close();
    }
  });

  it('costs a campaign without ActualCost at its budget and credits a lead to its first campaign', () => {
    const roi = Object.fromEntries(queryJson(sf, 'campaign_roi').map((r) => [r.campaign_id, r]));
    // C1: L1 joined C1 on 11-20 before C2 on 12-05 → O1 (won 10000) is C1's; ROI (10000 − 5000) / 5000
    expect(roi[C1]).toMatchObject({ cost: 5000, leads: 1, opportunities: 1, won_amount: 10000, roi: 1 });
    // C2: BudgetedCost 8000 (no ActualCost); O2 names it (as a 15-character id), O3 through its lead L2
    expect(roi[C2]).toMatchObject({
      cost: 8000,
      leads: 1,
      opportunities: 2,
      won_amount: 0,
      pipeline_amount: 20000,
      roi: -1,
    });
  });

  it('takes product line from the largest line item, region from the account’s BillingCountry', async () => {
    const engine = await NativeEngine.open();
    try {
      const rows = await engine.all({
        sql: `SELECT opp_id, region, product_line FROM '${join(sf, 'opportunities.parquet')}' ORDER BY opp_id`,
        params: [],
      });
      expect(rows.slice(0, 3)).toEqual([
        // O1: Platform 8000 > Support 2000 (the deleted 50000 Appliance line does not count); Acme's BillingCountry
        { opp_id: O1, region: 'Germany', product_line: 'Software' },
        // O2: two 3000 lines, the lower line id (Support) decides; Globex has Region__c
        { opp_id: O2, region: 'EMEA-South', product_line: 'Services' },
        // O3: Product_Line__c on the opportunity wins over its line items
        { opp_id: O3, region: 'United States', product_line: 'Enterprise Suite' },
      ]);
    } finally {
      engine.close();
    }
  });

  it('converts a multi-currency org’s amounts with the dated rate of each close date', async () => {
    const dir = temp.path('currencies');
    await cp(join(FIXTURE, 'export'), dir, { recursive: true });
    const lines = (await readFile(join(dir, 'Opportunity.csv'), 'utf8')).trimEnd().split('\n');
    // O1 (won, closes 2026-02-10) is in EUR, the rest in USD, the corporate currency
    await writeFile(
      join(dir, 'Opportunity.csv'),
      `${lines.map((l, i) => `${l},${i === 0 ? 'CurrencyIsoCode' : i === 1 ? 'EUR' : 'USD'}`).join('\n')}\n`,
    );
    await writeFile(
      join(dir, 'CurrencyType.csv'),
      'Id,IsoCode,IsCorporate,ConversionRate\n01L1,USD,true,1\n01L2,EUR,false,0.9\n',
    );
    await writeFile(
      join(dir, 'DatedConversionRate.csv'),
      'Id,IsoCode,ConversionRate,StartDate,NextStartDate\n04w1,USD,1,0001-01-01,9999-12-31\n04w2,EUR,0.8,2025-01-01,2026-02-01\n04w3,EUR,0.9,2026-02-01,9999-12-31\n',
    );
    const r = build('salesforce', dir, 'currencies-model');
    expect(r.status, r.stderr).toBe(0);
    // 10000 EUR at the rate valid on 2026-02-10 (0.9 EUR per USD): 10000 / 0.9 USD
    expect(queryJson(r.out, 'kpis')[0]!.won_amount).toBeCloseTo(10000 / 0.9, 9);
    expect(JSON.parse(await readFile(join(r.out, 'manifest.json'), 'utf8')).currency).toBe('USD');
  });

  it('names the file, line and API field of a bad value, and of history for an opportunity that does not exist', async () => {
    const dir = temp.path('bad');
    await cp(join(FIXTURE, 'export'), dir, { recursive: true });
    const opp = await readFile(join(dir, 'Opportunity.csv'), 'utf8');
    await writeFile(join(dir, 'Opportunity.csv'), opp.replace('2026-03-31', '31/03/2026'));
    await writeFile(
      join(dir, 'OpportunityHistory.csv'),
      `${await readFile(join(dir, 'OpportunityHistory.csv'), 'utf8')}0088d00000Hh999,false,0068d00000ZZZZZ,2026-01-05T10:00:00.000Z,Prospecting,1\n`,
    );
    const r = build('salesforce', dir, 'bad-model');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'Opportunity.csv')}:4: CloseDate: "31/03/2026" is not a calendar date`);
    const fixed = temp.path('bad-history');
    await cp(join(FIXTURE, 'export'), fixed, { recursive: true });
    await writeFile(
      join(fixed, 'OpportunityHistory.csv'),
      `${await readFile(join(fixed, 'OpportunityHistory.csv'), 'utf8')}0088d00000Hh999,false,0068d00000ZZZZZ,2026-01-05T10:00:00.000Z,Prospecting,1\n`,
    );
    const h = build('salesforce', fixed, 'bad-history-model');
    expect(h.status).toBe(1);
    expect(h.stderr).toContain(
      `${join(fixed, 'OpportunityHistory.csv')}:27: OpportunityId: opp_id "0068d00000ZZZZZAA5" does not exist in Opportunity.csv`,
    );
    await rm(join(fixed, 'Opportunity.csv'));
    const missing = build('salesforce', fixed, 'missing-model');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('there is no Opportunity export (Opportunity.csv)');
  });
});

describe.skipIf(!seeds.present)('Fivetran’s Salesforce seeds', { timeout: 60_000 }, () => {
  it('load: every opportunity there is in the recycle bin, and the rest is read as it is', async () => {
    const r = build('salesforce', seeds.dir, 'seeds', '2019-01-01T00:00:00Z');
    expect(r.status, r.stderr).toBe(0);
    // sf_opportunity_data.csv: 10 rows, 2 earlier versions (_fivetran_active false), 8 with is_deleted true
    expect(r.stderr).toContain('sf_opportunity_data.csv: IsDeleted: 8 deleted Opportunity rows are left out');
    // no OpportunityStage: the 3 stage names (hashed) are read off the opportunities
    expect(r.stderr).toContain('there is no OpportunityStage.csv: 3 stages were read off the opportunities');
    const manifest = JSON.parse(await readFile(join(r.out, 'manifest.json'), 'utf8'));
    const rows = Object.fromEntries(
      Object.entries(manifest.tables as Record<string, { rows: number }>).map(([t, v]) => [t, v.rows]),
    );
    // users: 10 rows, 2 inactive versions; accounts: 10 rows, 3 inactive, 6 of the active deleted; 1 lead
    expect(rows).toMatchObject({ opportunities: 0, stages: 3, reps: 8, accounts: 1, leads: 1 });
    const engine = await NativeEngine.open();
    try {
      const q = (sql: string) => engine.all({ sql: sql.replaceAll('$m', r.out), params: [] });
      // the open stage 9RN9J3tlxr… carries probability 65 on its opportunity; won/lost from is_won/is_closed
      expect(await q(`SELECT kind, probability FROM '$m/stages.parquet' ORDER BY stage_order`)).toEqual([
        { kind: 'open', probability: 0.65 },
        { kind: 'won', probability: 1 },
        { kind: 'lost', probability: 0 },
      ]);
      expect(await q(`SELECT lead_id, created_at::VARCHAR AS created FROM '$m/leads.parquet'`)).toEqual([
        { lead_id: '00Q1G00000nDnM5UAK', created: '2019-11-11 17:23:34' },
      ]);
    } finally {
      engine.close();
    }
  });
});
