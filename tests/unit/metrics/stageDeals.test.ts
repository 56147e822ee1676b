/**
 * The funnel drill-down on the `basic` fixture (tests/fixtures/metrics/basic/README.md has every story).
 * From funnel.test.ts: highest stage O01 won · O02 4 · O03 4 · O04 2 · O05 3 · O06 2 · O07 3 · O08 2 (lost)
 *   · O09 won · O10 won · O11 1 · O12 won · O13 3 (lost).
 * Days per (opp, open stage) from stageDwell.test.ts: a skipped stage has no stint, so days_in_stage is null.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { BoundQuery } from '../../../src/db/engine.ts';
import {
  stageDeals,
  stageDealsCount,
  type StageDealRow,
  type StageDealsParams,
} from '../../../src/metrics/stageDeals.ts';
import {
  approx,
  closeFixtureModels,
  fixtureModel,
  STAGE_ORDER,
  viewRows,
  type ViewOptions,
} from '../../support/fixtureModel.ts';
import { expectSameRows } from '../../support/parityModels.ts';
import { reachedTotal } from '../../../src/dashboards/funnel.ts';
import type { FunnelRow } from '../../../src/metrics/funnel.ts';

afterAll(closeFixtureModels);

type DealsQuery = Pick<StageDealsParams, 'stage' | 'list'> & Partial<StageDealsParams>;

/**
 * Every list is read twice: from deal_list_rollup, as the site reads it, and from the deal rows
 * (`rollups: false`). Both must give these hand-computed rows.
 */
async function run<R extends object>(build: (p: StageDealsParams) => BoundQuery<R>, query: DealsQuery): Promise<R[]> {
  const { engine, asOf, tz } = await fixtureModel('basic');
  const params: StageDealsParams = { asOf, tz, filters: {}, sort: 'opp_id', dir: 'asc', ...query };
  const rows = await engine.all(build(params));
  expectSameRows(await engine.all(build({ ...params, rollups: false })), rows);
  return rows;
}

const deals = (query: DealsQuery) => run(stageDeals, query);
const total = async (query: DealsQuery) => (await run(stageDealsCount, query))[0];
const ids = (rows: readonly StageDealRow[]) => rows.map((r) => r.opp_id);
/** opp_id → days_in_stage, to check the days of a list in one literal. */
const daysOf = (rows: readonly StageDealRow[]) => Object.fromEntries(rows.map((r) => [r.opp_id, r.days_in_stage]));

const REPS = { R1: ['Alice', 'Alpha'], R2: ['Bob', 'Alpha'], R3: ['Chen', 'Beta'] } as const;
const ACCOUNTS = { A1: 'Acme', A2: 'Globex', A3: 'Initech' } as const;
type Opp = [
  name: string,
  owner: keyof typeof REPS,
  account: keyof typeof ACCOUNTS,
  region: string,
  amount: number | null,
  stage: string,
  created: string,
  close: string | null,
];
/** opportunities.csv with the resolved region (README table). */
const OPPS: Record<string, Opp> = {
  O01: ['Acme skipped stage', 'R1', 'A1', 'North', 10000, 'Won', '2026-01-05T00:00:00', '2026-01-20'],
  O02: ['Acme re-entry', 'R1', 'A1', 'North', 20000, 'Proposal', '2026-01-02T00:00:00', '2026-03-15'],
  O03: ['Globex edit log', 'R2', 'A2', 'South', 15000, 'Negotiation', '2026-01-10T00:00:00', '2026-02-20'],
  O05: ['Acme moved on', 'R1', 'A1', 'North', 12000, 'Proposal', '2026-01-15T00:00:00', '2026-03-20'],
  O07: ['Globex tie', 'R3', 'A2', 'South', 9000, 'Proposal', '2026-01-08T00:00:00', '2026-03-31'],
  O09: ['Acme won unlogged', 'R1', 'A1', 'North', 25000, 'Won', '2026-01-04T00:00:00', '2026-02-03'],
  O10: ['Initech won early close', 'R3', 'A3', 'South', null, 'Won', '2026-02-10T09:00:00', '2026-02-05'],
  O12: ['Globex last year', 'R3', 'A2', 'South', 30000, 'Won', '2025-11-10T00:00:00', '2025-12-20'],
  O13: ['Acme lost last year', 'R2', 'A1', 'North', 7000, 'Lost', '2025-11-15T00:00:00', '2025-12-10'],
};

function deal(opp_id: string, days: number | null) {
  const [opp_name, owner_id, account_id, region, amount, stage, created, close_date] = OPPS[opp_id]!;
  return {
    opp_id,
    opp_name,
    owner_id,
    owner_name: REPS[owner_id][0],
    team: REPS[owner_id][1],
    account_id,
    account_name: ACCOUNTS[account_id],
    region,
    amount,
    current_stage: stage,
    stage_kind: stage === 'Won' ? 'won' : stage === 'Lost' ? 'lost' : 'open',
    days_in_stage: days === null ? null : approx(days),
    created_at: `${created}.000Z`,
    close_date,
  };
}

/** Proposal (order 3), reached: won deals and highest ≥ 3, by opp_id. */
const PROPOSAL_REACHED = [
  // skipped Qualification, not Proposal: Pr 01-10 → Won 01-20 12:00
  deal('O01', 10.5),
  // re-entry: 15 + the open stint 02-20 → as_of 9
  deal('O02', 24),
  // Negotiation, but went Q → N: Proposal skipped → passed, no days
  deal('O03', null),
  // open since the appended entry 01-20
  deal('O05', 40),
  deal('O07', 48),
  // won through P → N: Proposal skipped
  deal('O09', null),
  // won with no history at all
  deal('O10', null),
  deal('O12', 19),
  // lost from Proposal last year (highest 3)
  deal('O13', 15),
];

describe('stage deals, reached', () => {
  it('lists the deals the funnel counts for a stage, skipped ones with no days', async () => {
    expect(await deals({ stage: 'Proposal', list: 'reached' })).toEqual(PROPOSAL_REACHED);
    // 9 deals, 128000 (O10 empty = 0), as the funnel's Proposal row
    expect(await total({ stage: 'Proposal', list: 'reached' })).toEqual({ deals: 9, amount: 128000 });
  });

  it('lists the won step as the won deals, with no days in stage', async () => {
    // a won deal does not dwell in won, so days_in_stage is null there
    expect(await deals({ stage: 'Won', list: 'reached' })).toEqual(
      ['O01', 'O09', 'O10', 'O12'].map((id) => deal(id, null)),
    );
    expect(await total({ stage: 'Won', list: 'reached' })).toEqual({ deals: 4, amount: 65000 });
  });

  it('windows on created_at and sorts days ascending with nulls last', async () => {
    // created in January: O01 won, O02 4, O03 4, O05 3, O07 3, O08 2 (lost), O09 won → all reached Qualification
    // Qualification days: O07 0 (tie), O05 2, O02 5, O08 20, O03 29; O01 and O09 skipped it → null, by id
    const rows = await deals({
      stage: 'Qualification',
      list: 'reached',
      from: '2026-01-01',
      to: '2026-01-31',
      sort: 'days_in_stage',
      dir: 'asc',
    });
    expect(ids(rows)).toEqual(['O07', 'O05', 'O02', 'O08', 'O03', 'O01', 'O09']);
    expect(daysOf(rows)).toEqual({ O07: 0, O05: 2, O02: 5, O08: 20, O03: 29, O01: null, O09: null });
    // 99000 as the funnel's January window
    expect(await total({ stage: 'Qualification', list: 'reached', from: '2026-01-01', to: '2026-01-31' })).toEqual({
      deals: 7,
      amount: 99000,
    });
  });

  it('filters on the resolved region', async () => {
    // South: O03 4, O04 2, O06 2, O07 3, O08 2, O10 won, O11 1, O12 won → Negotiation: O03, O10, O12
    const rows = await deals({ stage: 'Negotiation', list: 'reached', filters: { region: ['South'] } });
    // O03 open in Negotiation since 02-10; O10 has no stints; O12 went Pr → Won, skipping Negotiation
    expect(daysOf(rows)).toEqual({ O03: 19, O10: null, O12: null });
    expect(await total({ stage: 'Negotiation', list: 'reached', filters: { region: ['South'] } })).toEqual({
      deals: 3,
      amount: 45000,
    });
  });
});

describe('stage deals, current', () => {
  it('lists the deals now in the stage, their open stint running to as_of', async () => {
    // current stage Qualification: O04 (implicit entry 02-15 06:00 → 13.75), O06 (appended at 02-01 → 28)
    expect(daysOf(await deals({ stage: 'Qualification', list: 'current' }))).toEqual({ O04: 13.75, O06: 28 });
    // O04 has no amount
    expect(await total({ stage: 'Qualification', list: 'current' })).toEqual({ deals: 2, amount: 6000 });
  });

  it('counts open stints up to a later as_of', async () => {
    // as_of 03-05: four more days on every open stint (O02 re-entry 15 + 13)
    const rows = await deals({ stage: 'Proposal', list: 'current', asOf: '2026-03-05T00:00:00Z' });
    expect(daysOf(rows)).toEqual({ O02: 28, O05: 44, O07: 52 });
  });

  it('applies filters and the window to the current list too', async () => {
    // Proposal now: O02 (R1), O05 (R1), O07 (R3, Beta) → Beta: O07
    expect(ids(await deals({ stage: 'Proposal', list: 'current', filters: { team: ['Beta'] } }))).toEqual(['O07']);
    // created 01-05 … 01-10: O01, O03, O07 → only O07 is in Proposal now
    expect(ids(await deals({ stage: 'Proposal', list: 'current', from: '2026-01-05', to: '2026-01-10' }))).toEqual([
      'O07',
    ]);
  });
});

describe('stage deals agree with the funnel', () => {
  const SCENARIOS: Record<string, ViewOptions> = {
    'no filter': {},
    'a window': { from: '2026-01-05', to: '2026-01-10' },
    January: { from: '2026-01-01', to: '2026-01-31' },
    region: { filters: { region: ['South'] } },
    team: { filters: { team: ['Beta'] } },
    tier: { filters: { tier: ['Standard'] } },
    campaign: { filters: { campaign_id: ['C2'] } },
    'two keys': { filters: { team: ['Alpha'], region: ['South'] } },
    'owner in February': { filters: { owner_id: ['R2'] }, from: '2026-02-01', to: '2026-02-28' },
  };

  it.each(Object.entries(SCENARIOS))('counts every step like the funnel: %s', async (_name, options) => {
    const steps = await viewRows('basic', 'funnel', options);
    expect(steps.map((s) => s.stage)).toEqual(Object.keys(STAGE_ORDER));
    for (const step of steps) {
      const query = { stage: String(step.stage), list: 'reached', ...options } as const;
      expect(await total(query), String(step.stage)).toEqual({ deals: step.reached, amount: step.reached_amount });
      expect((await deals(query)).length, String(step.stage)).toBe(step.reached);
    }
    // The drill-down page shows the funnel's figures as the list's total, also for steps it has not.
    for (const stage of [...Object.keys(STAGE_ORDER), 'Lost', 'No such stage']) {
      const query = { stage, list: 'reached', ...options } as const;
      expect(reachedTotal(steps as unknown as FunnelRow[], stage), stage).toEqual(await total(query));
    }
  });

  it("gives stage_dwell's days for every (deal, open stage), also at a later as_of", async () => {
    for (const asOf of [undefined, '2026-03-05T00:00:00Z']) {
      const dwell = await viewRows('basic', 'stage_dwell', asOf ? { asOf } : {});
      for (const stage of ['Prospecting', 'Qualification', 'Proposal', 'Negotiation']) {
        const expected = Object.fromEntries(dwell.filter((r) => r.stage === stage).map((r) => [r.opp_id, r.days]));
        const rows = await deals({ stage, list: 'reached', ...(asOf ? { asOf } : {}) });
        expect(daysOf(rows.filter((r) => r.days_in_stage !== null)), stage).toEqual(expected);
      }
    }
  });
});

describe('stage deals, order and pages', () => {
  it('sorts by amount descending with unknown amounts last', async () => {
    const rows = await deals({ stage: 'Proposal', list: 'reached', sort: 'amount', dir: 'desc' });
    expect(ids(rows)).toEqual(['O12', 'O09', 'O02', 'O03', 'O05', 'O01', 'O07', 'O13', 'O10']);
    // ascending: O10's empty amount stays last
    const up = await deals({ stage: 'Proposal', list: 'reached', sort: 'amount', dir: 'asc' });
    expect(ids(up)).toEqual(['O13', 'O07', 'O01', 'O05', 'O03', 'O02', 'O09', 'O12', 'O10']);
  });

  it('sorts by owner name, breaking ties by opp_id in either direction', async () => {
    // Alice O01 O02 O05 O09 · Bob O03 O13 · Chen O07 O10 O12
    const down = await deals({ stage: 'Proposal', list: 'reached', sort: 'owner', dir: 'desc' });
    expect(ids(down)).toEqual(['O07', 'O10', 'O12', 'O03', 'O13', 'O01', 'O02', 'O05', 'O09']);
  });

  it('sorts by account name, created_at and close date', async () => {
    // Acme O01 O02 O05 O09 O13 · Globex O03 O07 O12 · Initech O10
    expect(ids(await deals({ stage: 'Proposal', list: 'reached', sort: 'account', dir: 'asc' }))).toEqual([
      'O01',
      'O02',
      'O05',
      'O09',
      'O13',
      'O03',
      'O07',
      'O12',
      'O10',
    ]);
    expect(ids(await deals({ stage: 'Proposal', list: 'reached', sort: 'created_at', dir: 'asc' }))).toEqual([
      'O12',
      'O13',
      'O02',
      'O09',
      'O01',
      'O07',
      'O03',
      'O05',
      'O10',
    ]);
    expect(ids(await deals({ stage: 'Proposal', list: 'reached', sort: 'close_date', dir: 'desc' }))).toEqual([
      'O07',
      'O05',
      'O02',
      'O03',
      'O10',
      'O09',
      'O01',
      'O12',
      'O13',
    ]);
  });

  it('reverses the id order exactly when sorting by opp_id descending', async () => {
    const up = await deals({ stage: 'Proposal', list: 'reached', sort: 'opp_id', dir: 'asc' });
    const down = await deals({ stage: 'Proposal', list: 'reached', sort: 'opp_id', dir: 'desc' });
    expect(ids(down)).toEqual(ids(up).reverse());
  });

  it('pages through the same order as the full list', async () => {
    const query = { stage: 'Proposal', list: 'reached', sort: 'amount', dir: 'desc' } as const;
    const all = await deals(query);
    expect(await deals({ ...query, limit: 2, offset: 2 })).toEqual(all.slice(2, 4));
    expect(ids(await deals({ ...query, limit: 2, offset: 2 }))).toEqual(['O02', 'O03']);
    expect(await deals({ ...query, limit: 5, offset: 8 })).toEqual(all.slice(8));
    expect(await deals({ ...query, offset: 7 })).toEqual(all.slice(7));
    expect(await deals({ ...query, limit: 0 })).toEqual([]);
  });
});

describe('stage deals, inputs', () => {
  it('takes the stage name as a value, never as SQL', async () => {
    for (const list of ['reached', 'current'] as const) {
      expect(await deals({ stage: "' OR 1=1 --", list })).toEqual([]);
      expect(await total({ stage: "' OR 1=1 --", list })).toEqual({ deals: 0, amount: 0 });
    }
  });

  it('lists nothing as reached for a stage that is no funnel step', async () => {
    // Lost is not a step; O08 and O13 are still in the current list
    expect(await deals({ stage: 'Lost', list: 'reached' })).toEqual([]);
    expect(ids(await deals({ stage: 'Lost', list: 'current' }))).toEqual(['O08', 'O13']);
  });

  it('refuses unknown sorts, directions, lists and bad pages', () => {
    const base: StageDealsParams = {
      asOf: '2026-03-01T00:00:00Z',
      tz: 'UTC',
      filters: {},
      stage: 'Proposal',
      list: 'reached',
      sort: 'amount',
      dir: 'asc',
    };
    expect(() => stageDeals({ ...base, sort: 'amount; DROP TABLE x' as never })).toThrow(/unknown sort/);
    expect(() => stageDeals({ ...base, dir: 'sideways' as never })).toThrow(/unknown direction/);
    expect(() => stageDealsCount({ ...base, list: 'lost' as never })).toThrow(/unknown list/);
    expect(() => stageDeals({ ...base, limit: -1 })).toThrow(/limit must be a non-negative integer/);
    expect(() => stageDeals({ ...base, offset: 2.5 })).toThrow(/offset must be a non-negative integer/);
    expect(() => stageDeals({ ...base, limit: Number.NaN })).toThrow(/limit/);
  });

  it('binds the stage and the page, and keeps them out of the SQL text', () => {
    const query = stageDeals({
      asOf: '2026-03-01T00:00:00Z',
      tz: 'UTC',
      filters: {},
      stage: "x' --",
      list: 'current',
      sort: 'amount',
      dir: 'asc',
      limit: 25,
      offset: 50,
    });
    expect(query.sql).not.toContain("x' --");
    expect(query.params).toEqual(expect.arrayContaining(["x' --", 25, 50]));
    expect(query.sql).toMatch(/LIMIT CAST\(\$\d+ AS BIGINT\) OFFSET CAST\(\$\d+ AS BIGINT\)/);
  });
});
