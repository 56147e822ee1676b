/**
 * Integrity rules across rows and files (docs/canonical-format.md): unknown stages, duplicate
 * primary ids, references to ids that do not exist, currencies. Each case runs the real CLI over the valid
 * fixture with one defect against a previous good output, which must stay byte for byte as it was.
 *
 * Fixture line numbers (header = line 1): opportunities O1..O5 on lines 2..6, stage_history 9 rows
 * (appended row = line 11), leads L1..L3 (appended = 5), targets 4 rows (appended = 6), invoices I1, I2
 * and payments P1, P2 (appended = 4).
 */
import { describe, expect, it } from 'vitest';
import { expectRejected, useGoodOutput } from '../support/canonicalFolder.ts';

const { reject } = useGoodOutput('validation-references');

describe('canonical input: stages', { timeout: 30_000 }, () => {
  it('rejects an opportunity whose stage is not in stages.csv', async () => {
    const r = await reject('unknown-stage-opp', [
      { file: 'opportunities.csv', replace: ',Qualified,,', with: ',Negotiation,,' },
    ]);
    const [line] = expectRejected(r, { file: 'opportunities.csv', line: 5, column: 'stage' });
    expect(line).toContain('Negotiation');
  });

  it('rejects a stage_history row whose stage is not in stages.csv', async () => {
    const r = await reject('unknown-stage-history', [
      { file: 'stage_history.csv', append: 'O5,Negotiation,2026-02-12T10:00:00Z' },
    ]);
    const [line] = expectRejected(r, { file: 'stage_history.csv', line: 11, column: 'stage' });
    expect(line).toContain('Negotiation');
  });
});

describe('canonical input: pipelines', { timeout: 30_000 }, () => {
  const stagesWithPipelines =
    'stage,stage_order,probability,kind,pipeline\nProspecting,1,0.1,open,Sales\nQualified,2,0.3,open,Sales\nProposal,3,0.6,open,Sales\nWon,4,1,won,Sales\nLost,5,0,lost,\n';

  it('rejects a stage without a pipeline when other stages have one', async () => {
    const r = await reject('stage-without-pipeline', [{ file: 'stages.csv', content: stagesWithPipelines }]);
    const [line] = expectRejected(r, { file: 'stages.csv', line: 6, column: 'pipeline' });
    expect(line).toContain('"Lost" names no pipeline');
  });

  it("rejects an opportunity whose pipeline is not its stage's", async () => {
    const r = await reject('opportunity-other-pipeline', [
      { file: 'stages.csv', content: stagesWithPipelines.replace(',lost,\n', ',lost,Sales\n') },
      {
        file: 'opportunities.csv',
        replace:
          'opp_id,opp_name,account_id,owner_id,region,product_line,amount,currency,created_at,close_date,stage,lead_id,campaign_id',
        with: 'opp_id,opp_name,account_id,owner_id,region,product_line,amount,currency,created_at,close_date,stage,lead_id,campaign_id,pipeline',
      },
      { file: 'opportunities.csv', replace: ',Won,L1,C1', with: ',Won,L1,C1,Renewals' },
    ]);
    const [line] = expectRejected(r, { file: 'opportunities.csv', line: 2, column: 'pipeline' });
    expect(line).toContain('pipeline "Renewals" does not have stage "Won"');
  });
});

describe('canonical input: duplicate primary ids', { timeout: 30_000 }, () => {
  it('rejects a duplicate opp_id and names the line that used it first', async () => {
    const r = await reject('dup-opp', [
      {
        file: 'opportunities.csv',
        append: 'O2,Globex again,A2,R2,,Services,700,USD,2026-02-11T10:00:00Z,,Prospecting,,',
      },
    ]);
    const [line] = expectRejected(r, { file: 'opportunities.csv', line: 7, column: 'opp_id' });
    expect(line).toMatch(/\bO2\b/);
    expect(line).toMatch(/line 3\b/);
  });

  it('rejects a duplicate lead_id', async () => {
    const r = await reject('dup-lead', [{ file: 'leads.csv', append: 'L2,2026-01-25T09:00:00Z,web,,R2,,' }]);
    expectRejected(r, { file: 'leads.csv', line: 5, column: 'lead_id' });
  });

  it('rejects a duplicate invoice_id', async () => {
    const r = await reject('dup-invoice', [
      { file: 'invoices.csv', append: 'I1,O1,A1,2026-02-20T09:00:00Z,2026-03-22,100' },
    ]);
    expectRejected(r, { file: 'invoices.csv', line: 4, column: 'invoice_id' });
  });

  it('rejects a duplicate payment_id', async () => {
    const r = await reject('dup-payment', [{ file: 'payments.csv', append: 'P1,I2,2026-04-02T12:00:00Z,500' }]);
    expectRejected(r, { file: 'payments.csv', line: 4, column: 'payment_id' });
  });

  it('rejects two targets for the same period, scope and scope_id', async () => {
    const r = await reject('dup-target', [{ file: 'targets.csv', append: '2026-Q1,region,North,35000' }]);
    // The key is period + scope + scope_id; the column part must name it (at least its period).
    const [line] = expectRejected(r, { file: 'targets.csv', line: 6, column: /[\w+ ,]*period[\w+ ,]*/ });
    expect(line).toMatch(/line 3\b/);
  });
});

describe('canonical input: references to ids that do not exist', { timeout: 30_000 }, () => {
  it('rejects a stage_history row for an opportunity that does not exist', async () => {
    const r = await reject('history-orphan', [
      { file: 'stage_history.csv', append: 'O9,Prospecting,2026-02-12T10:00:00Z' },
    ]);
    const [line] = expectRejected(r, { file: 'stage_history.csv', line: 11, column: 'opp_id' });
    expect(line).toContain('O9');
  });

  it('rejects a lead converted into an opportunity that does not exist', async () => {
    const r = await reject('lead-orphan', [
      { file: 'leads.csv', append: 'L4,2026-02-01T09:00:00Z,web,,R1,2026-02-03T09:00:00Z,O9' },
    ]);
    const [line] = expectRejected(r, { file: 'leads.csv', line: 5, column: 'opp_id' });
    expect(line).toContain('O9');
  });

  it('rejects a payment for an invoice that does not exist', async () => {
    const r = await reject('payment-orphan', [{ file: 'payments.csv', append: 'P3,I9,2026-03-15T12:00:00Z,100' }]);
    const [line] = expectRejected(r, { file: 'payments.csv', line: 4, column: 'invoice_id' });
    expect(line).toContain('I9');
  });
});

describe('canonical input: currencies', { timeout: 30_000 }, () => {
  it('rejects two currencies without fx_rates.csv, naming both', async () => {
    const r = await reject('two-currencies', [
      { file: 'opportunities.csv', replace: '5000.50,USD', with: '5000.50,EUR' },
    ]);
    // Line 3 is the first row in a second currency.
    const [line] = expectRejected(r, { file: 'opportunities.csv', line: 3, column: 'currency' });
    expect(line).toContain('USD');
    expect(line).toContain('EUR');
  });

  it('rejects a currency that fx_rates.csv has no rate for', async () => {
    const r = await reject('fx-missing', [
      { file: 'fx_rates.csv', content: 'currency,rate_to_reporting\nUSD,1\nEUR,1.08\n' },
      { file: 'opportunities.csv', replace: '1200,USD', with: '1200,CNY' },
    ]);
    const [line] = expectRejected(r, { file: 'opportunities.csv', line: 5, column: 'currency' });
    expect(line).toContain('CNY');
  });
});
