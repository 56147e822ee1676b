/**
 * Integrity rules on single cells (docs/canonical-format.md): numbers, dates, timestamps, the
 * stage table's constraints, empty required values — and that errors are collected (every bad row of a
 * file, up to a cap) rather than stopping at the first. Each case runs the real CLI against a previous
 * good output, which must stay byte for byte as it was.
 *
 * Fixture lines (header = line 1): opportunities O1..O5 on lines 2..6; stages Prospecting, Qualified,
 * Proposal, Won, Lost on lines 2..6.
 */
import { describe, expect, it } from 'vitest';
import { errorLinesOf, expectRejected, fixtureText, useGoodOutput } from '../support/canonicalFolder.ts';

const { reject } = useGoodOutput('validation-values');

describe('canonical input: unparseable values', { timeout: 30_000 }, () => {
  it('rejects an amount with a thousands separator ("1,234.50")', async () => {
    const r = await reject('amount-thousands', [
      { file: 'opportunities.csv', replace: ',1200,USD', with: ',"1,234.50",USD' },
    ]);
    const [line] = expectRejected(r, { file: 'opportunities.csv', line: 5, column: 'amount' });
    expect(line).toContain('1,234.50');
  });

  it('rejects an amount that is not a number ("abc")', async () => {
    const r = await reject('amount-abc', [{ file: 'opportunities.csv', replace: ',2500,USD', with: ',abc,USD' }]);
    expectRejected(r, { file: 'opportunities.csv', line: 4, column: 'amount' });
  });

  it('rejects a close_date written day-first ("31/12/2026")', async () => {
    const r = await reject('date-dmy', [{ file: 'opportunities.csv', replace: ',2026-03-31,', with: ',31/12/2026,' }]);
    expectRejected(r, { file: 'opportunities.csv', line: 3, column: 'close_date' });
  });

  it('rejects a close_date that does not exist in the calendar ("2026-02-30")', async () => {
    const r = await reject('date-feb30', [
      { file: 'opportunities.csv', replace: ',2026-04-30,', with: ',2026-02-30,' },
    ]);
    expectRejected(r, { file: 'opportunities.csv', line: 5, column: 'close_date' });
  });

  it('rejects a created_at that is not a timestamp ("yesterday")', async () => {
    const r = await reject('ts-word', [
      { file: 'opportunities.csv', replace: ',2026-02-10T10:00:00Z,', with: ',yesterday,' },
    ]);
    expectRejected(r, { file: 'opportunities.csv', line: 6, column: 'created_at' });
  });

  it('rejects a created_at with month 13 ("2026-13-01T00:00:00Z")', async () => {
    const r = await reject('ts-month13', [
      { file: 'opportunities.csv', replace: ',2026-01-05T10:00:00Z,', with: ',2026-13-01T00:00:00Z,' },
    ]);
    expectRejected(r, { file: 'opportunities.csv', line: 2, column: 'created_at' });
  });
});

describe('canonical input: stages.csv constraints', { timeout: 30_000 }, () => {
  it('rejects a stage_order that is not an integer', async () => {
    const r = await reject('stage-order', [{ file: 'stages.csv', replace: 'Qualified,2,', with: 'Qualified,2.5,' }]);
    expectRejected(r, { file: 'stages.csv', line: 3, column: 'stage_order' });
  });

  it('rejects a probability outside 0..1 (40 meant as 40%)', async () => {
    const r = await reject('probability-40', [
      { file: 'stages.csv', replace: 'Proposal,3,0.6,', with: 'Proposal,3,40,' },
    ]);
    expectRejected(r, { file: 'stages.csv', line: 4, column: 'probability' });
  });

  it('rejects a kind other than open, won or lost ("closed")', async () => {
    const r = await reject('kind-closed', [{ file: 'stages.csv', replace: 'Lost,5,0,lost', with: 'Lost,5,0,closed' }]);
    const [line] = expectRejected(r, { file: 'stages.csv', line: 6, column: 'kind' });
    expect(line).toContain('closed');
  });
});

describe('canonical input: required values', { timeout: 30_000 }, () => {
  it('rejects a row with an empty opp_id', async () => {
    const r = await reject('empty-opp-id', [{ file: 'opportunities.csv', replace: 'O3,Initech', with: ',Initech' }]);
    expectRejected(r, { file: 'opportunities.csv', line: 4, column: 'opp_id' });
  });
});

describe('canonical input: error collection', { timeout: 30_000 }, () => {
  it('reports every bad row of a file, not only the first', async () => {
    const r = await reject('three-bad-rows', [
      { file: 'opportunities.csv', replace: ',10000,USD', with: ',ten thousand,USD' },
      { file: 'opportunities.csv', replace: ',2026-02-20,', with: ',20.02.2026,' },
      { file: 'opportunities.csv', replace: ',2026-02-10T10:00:00Z,', with: ',soon,' },
    ]);
    expectRejected(r, { file: 'opportunities.csv', line: 2, column: 'amount' });
    expectRejected(r, { file: 'opportunities.csv', line: 4, column: 'close_date' });
    expectRejected(r, { file: 'opportunities.csv', line: 6, column: 'created_at' });
    expect(errorLinesOf(r.stderr, 'opportunities.csv')).toHaveLength(3);
  });

  it('caps a file with 200 bad rows at about 50 lines plus a "more errors not shown" line', async () => {
    const header = (await fixtureText('opportunities.csv')).split('\n')[0]!;
    const rows = Array.from(
      { length: 200 },
      (_, i) => `B${i + 1},Bulk ${i + 1},A1,R1,North,Platform,abc,USD,2026-02-01T10:00:00Z,,Prospecting,,`,
    );
    const r = await reject('two-hundred-bad-rows', [
      { file: 'opportunities.csv', content: `${header}\n${rows.join('\n')}\n` },
    ]);
    expectRejected(r, { file: 'opportunities.csv', line: 2, column: 'amount' });
    const shown = errorLinesOf(r.stderr, 'opportunities.csv');
    expect(shown.length).toBeGreaterThanOrEqual(20);
    expect(shown.length).toBeLessThanOrEqual(60);
    expect(r.stderr).toMatch(/more errors not shown/);
  });
});
