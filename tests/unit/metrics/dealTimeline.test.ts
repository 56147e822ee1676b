/** A deal's timeline on the `basic` fixture (README.md): its stage entries, days up to as_of 2026-03-01. */
import { afterAll, describe, expect, it } from 'vitest';
import { dealHeader, dealTimeline } from '../../../src/metrics/dealTimeline.ts';
import { approx, closeFixtureModels, fixtureModel } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

const AS_OF = { asOf: '2026-03-01T00:00:00Z' };
const stint = (
  seq: number,
  stage: string,
  stage_kind: string,
  entered_at: string,
  left_at: string | null,
  days: number | null,
  is_open = false,
) => ({
  seq,
  stage,
  stage_kind,
  entered_at: `${entered_at}.000Z`,
  left_at: left_at && `${left_at}.000Z`,
  days: days === null ? null : approx(days),
  is_open,
});

describe('deal timeline', () => {
  it('lists every entry in order, a re-entry again, the current open stint up to as_of', async () => {
    const { engine } = await fixtureModel('basic');
    expect(await engine.all(dealTimeline(AS_OF, 'O02'))).toEqual([
      stint(1, 'Prospecting', 'open', '2026-01-02T00:00:00', '2026-01-05T00:00:00', 3),
      stint(2, 'Qualification', 'open', '2026-01-05T00:00:00', '2026-01-10T00:00:00', 5),
      stint(3, 'Proposal', 'open', '2026-01-10T00:00:00', '2026-01-25T00:00:00', 15),
      stint(4, 'Negotiation', 'open', '2026-01-25T00:00:00', '2026-02-20T00:00:00', 26),
      stint(5, 'Proposal', 'open', '2026-02-20T00:00:00', null, 9, true),
    ]);
    // A later as_of lengthens only the open stint.
    const later = await engine.all(dealTimeline({ asOf: '2026-03-11T00:00:00Z' }, 'O02'));
    expect(later.map((r) => r.days)).toEqual([approx(3), approx(5), approx(15), approx(26), approx(19)]);
  });

  it('a won stage has no dwell; an unknown id gives no rows', async () => {
    const { engine } = await fixtureModel('basic');
    expect(await engine.all(dealTimeline(AS_OF, 'O01'))).toEqual([
      stint(1, 'Prospecting', 'open', '2026-01-05T00:00:00', '2026-01-10T00:00:00', 5),
      stint(2, 'Proposal', 'open', '2026-01-10T00:00:00', '2026-01-20T12:00:00', 10.5),
      stint(3, 'Won', 'won', '2026-01-20T12:00:00', null, null),
    ]);
    expect(await engine.all(dealTimeline(AS_OF, "O99' OR 1=1 --"))).toEqual([]);
  });

  it('follows the entry rules of docs/canonical-format.md: an appended current stage, a tie on entered_at, an implicit entry', async () => {
    const { engine } = await fixtureModel('basic');
    // O05: Qualification logged 01-18 and 01-20 is one entry; Proposal (current) appended at the last row, 01-20.
    expect(await engine.all(dealTimeline(AS_OF, 'O05'))).toEqual([
      stint(1, 'Prospecting', 'open', '2026-01-15T00:00:00', '2026-01-18T00:00:00', 3),
      stint(2, 'Qualification', 'open', '2026-01-18T00:00:00', '2026-01-20T00:00:00', 2),
      stint(3, 'Proposal', 'open', '2026-01-20T00:00:00', null, 40, true),
    ]);
    // O07: Proposal and Qualification both at 01-12; stage order puts Qualification first, a 0-day stint.
    expect(await engine.all(dealTimeline(AS_OF, 'O07'))).toEqual([
      stint(1, 'Prospecting', 'open', '2026-01-08T00:00:00', '2026-01-12T00:00:00', 4),
      stint(2, 'Qualification', 'open', '2026-01-12T00:00:00', '2026-01-12T00:00:00', 0),
      stint(3, 'Proposal', 'open', '2026-01-12T00:00:00', null, 48, true),
    ]);
    // O10: no history, won → one implicit Won entry at created_at, without dwell.
    expect(await engine.all(dealTimeline(AS_OF, 'O10'))).toEqual([
      stint(1, 'Won', 'won', '2026-02-10T09:00:00', null, null),
    ]);
  });

  it('heads the timeline with the deal', async () => {
    const { engine } = await fixtureModel('basic');
    expect(await engine.all(dealHeader('O02'))).toEqual([
      {
        opp_id: 'O02',
        opp_name: 'Acme re-entry',
        owner_id: 'R1',
        rep_name: 'Alice',
        account_name: 'Acme',
        region: 'North',
        product_line: 'Hardware',
        amount: 20000,
        stage: 'Proposal',
        stage_kind: 'open',
        created_at: '2026-01-02T00:00:00.000Z',
        close_date: '2026-03-15',
      },
    ]);
    // O10: account A3 has no region → owner R3's South; no amount; close_date before created_at is kept as exported.
    expect(await engine.all(dealHeader('O10'))).toEqual([
      {
        opp_id: 'O10',
        opp_name: 'Initech won early close',
        owner_id: 'R3',
        rep_name: 'Chen',
        account_name: 'Initech',
        region: 'South',
        product_line: 'Software',
        amount: null,
        stage: 'Won',
        stage_kind: 'won',
        created_at: '2026-02-10T09:00:00.000Z',
        close_date: '2026-02-05',
      },
    ]);
    // O11: no product line → Unassigned.
    expect(await engine.all(dealHeader('O11'))).toMatchObject([
      { opp_id: 'O11', region: 'South', product_line: 'Unassigned', amount: 5000, stage_kind: 'open' },
    ]);
    expect(await engine.all(dealHeader('O99'))).toEqual([]);
  });
});
