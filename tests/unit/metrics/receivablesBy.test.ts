/**
 * receivables_accounts, receivables_owners and overdue_invoices on the `basic` fixture at as_of 2026-03-01
 * (README.md, "Invoices"). Open: I01 6000 current (O01: R1, A1), I02 20000 1-30 (9 d; O09: R1, A1),
 * I04 3000 31-60 (60 d; O12: R3, A2), I05 1500 61-90 (90 d; A2), I06 500 90+ (151 d; A3),
 * I09 2000 1-30 (30 d; A3), I10 500 current (−19 d; A1). I05, I06, I09, I10 have no deal, so no owner.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { VIEWS } from '../../../src/metrics/index.ts';
import { countQuery } from '../../../src/metrics/list.ts';
import { closeFixtureModels, fixtureModel, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

const ageing = (
  key: string | null,
  name: string | null,
  invoices: number,
  [outstanding, overdue, current, d30, d60, d90, d90plus]: number[],
  max: number,
) => ({
  key,
  name,
  invoices,
  outstanding_amount: outstanding,
  overdue_amount: overdue,
  current_amount: current,
  overdue_1_30: d30,
  overdue_31_60: d60,
  overdue_61_90: d90,
  overdue_90_plus: d90plus,
  max_days_overdue: max,
});

describe('receivables by account and owner', () => {
  it('per account: the ageing buckets as columns, most owed first', async () => {
    expect(await viewRows('basic', 'receivables_accounts')).toEqual([
      ageing('A1', 'Acme', 3, [26500, 20000, 6500, 20000, 0, 0, 0], 9),
      ageing('A2', 'Globex', 2, [4500, 4500, 0, 0, 3000, 1500, 0], 90),
      ageing('A3', 'Initech', 2, [2500, 2500, 0, 2000, 0, 0, 500], 151),
    ]);
  });

  it('per owner, invoices without a deal in one group without an owner; the buckets add up to receivables', async () => {
    const owners = await viewRows('basic', 'receivables_owners');
    expect(owners).toEqual([
      ageing('R1', 'Alice', 2, [26000, 20000, 6000, 20000, 0, 0, 0], 9),
      ageing(null, null, 4, [4500, 4000, 500, 2000, 0, 1500, 500], 151),
      ageing('R3', 'Chen', 1, [3000, 3000, 0, 0, 3000, 0, 0], 60),
    ]);
    // 6000 + 20000 + 3000 + 1500 + 500 + 2000 + 500: every open invoice once, in both views.
    const buckets = await viewRows('basic', 'receivables');
    expect(owners.reduce((s, r) => s + Number(r.outstanding_amount), 0)).toBe(33500);
    expect(buckets.reduce((s, r) => s + Number(r.outstanding_amount), 0)).toBe(33500);
  });

  it('the tier filter goes through the account, so invoices without a deal stay', async () => {
    // VIP = A1: I01, I02 (deals of R1) and I10 (no deal, 500 current, −19 days); I07 is paid, I08 not issued yet.
    expect(await viewRows('basic', 'receivables_accounts', { filters: { tier: ['VIP'] } })).toEqual([
      ageing('A1', 'Acme', 3, [26500, 20000, 6500, 20000, 0, 0, 0], 9),
    ]);
    expect(await viewRows('basic', 'receivables_owners', { filters: { tier: ['VIP'] } })).toEqual([
      ageing('R1', 'Alice', 2, [26000, 20000, 6000, 20000, 0, 0, 0], 9),
      ageing(null, null, 1, [500, 0, 500, 0, 0, 0, 0], -19),
    ]);
  });

  it('limit keeps the accounts owed most; countQuery counts the whole list (the page shows 25 of how many)', async () => {
    const all = await viewRows('basic', 'receivables_accounts');
    expect(all.length).toBe(3);
    expect(await viewRows('basic', 'receivables_accounts', { params: { limit: 2 } })).toEqual(all.slice(0, 2));
    const { engine, asOf, tz } = await fixtureModel('basic');
    const [count] = await engine.all(countQuery(VIEWS.receivables_accounts.build({ asOf, tz, filters: {} })));
    expect(count).toEqual({ rows: 3 });
  });

  it('filters apply through the invoice’s deal: invoices without one drop out', async () => {
    const rows = await viewRows('basic', 'receivables_owners', { filters: { region: ['North'] } });
    expect(rows.map((r) => [r.key, r.invoices, r.outstanding_amount])).toEqual([['R1', 2, 26000]]);
  });
});

describe('overdue_invoices', () => {
  it('lists invoices past due with money open, longest overdue first', async () => {
    const rows = await viewRows('basic', 'overdue_invoices');
    expect(
      rows.map((r) => [r.invoice_id, r.days_overdue, r.outstanding, r.bucket, r.owner_id, r.account_name]),
    ).toEqual([
      ['I06', 151, 500, '90+', null, 'Initech'],
      ['I05', 90, 1500, '61-90', null, 'Globex'],
      ['I04', 60, 3000, '31-60', 'R3', 'Globex'],
      ['I09', 30, 2000, '1-30', null, 'Initech'],
      ['I02', 9, 20000, '1-30', 'R1', 'Acme'],
    ]);
    expect(rows[4]).toMatchObject({
      opp_id: 'O09',
      opp_name: 'Acme won unlogged',
      rep_name: 'Alice',
      amount: 25000,
      due_date: '2026-02-20',
      issued_at: '2026-02-04T00:00:00.000Z',
    });
    expect((await viewRows('basic', 'overdue_invoices', { params: { limit: 2 } })).map((r) => r.invoice_id)).toEqual([
      'I06',
      'I05',
    ]);
  });
});
