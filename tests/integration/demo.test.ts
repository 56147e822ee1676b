import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AS_OF, DEMO_FILES, writeDemo, type DemoSummary } from '../../loaders/demo/index.ts';
import { NativeEngine, sqlString } from '../../src/db/native.ts';

const DEALS = 2_000;
const FILE_NAMES = Object.values(DEMO_FILES).map((file) => file.name);

let root: string;
let first: { dir: string; summary: DemoSummary; progress: { file: string; rows: number }[] };
let again: string;
let otherSeed: string;
let db: NativeEngine;

async function generate(name: string, seed: number, progress: { file: string; rows: number }[] = []) {
  const dir = join(root, name);
  const summary = await writeDemo({
    out: dir,
    opportunities: DEALS,
    seed,
    onProgress: (event) => progress.push(event),
  });
  return { dir, summary, progress };
}

async function fileHashes(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    hashes[name] = createHash('sha256')
      .update(await readFile(join(dir, name)))
      .digest('hex');
  }
  return hashes;
}

/** A single number from SQL (counts, flags). */
async function scalar(sql: string): Promise<number> {
  const [row] = await db.all({ sql: `SELECT (${sql}) AS value`, params: [] });
  return Number(row?.value);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pipescope-demo-'));
  first = await generate('first', 42);
  again = (await generate('again', 42)).dir;
  otherSeed = (await generate('other', 7)).dir;
  db = await NativeEngine.open();
  await db.exec("SET TimeZone = 'UTC'");
  for (const name of FILE_NAMES) {
    const table = name.replace('.csv', '');
    const path = sqlString(join(first.dir, name));
    await db.exec(
      `CREATE VIEW ${table} AS SELECT * FROM read_csv(${path}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`,
    );
  }
  // Stage rows with their instant and order, and the row before them in the deal's history.
  await db.exec(`
    CREATE VIEW steps AS
    SELECT h.opp_id, h.stage, h.entered_at::TIMESTAMPTZ AS at, s.stage_order::INTEGER AS stage_order, s.kind,
           lag(h.stage) OVER w AS prev_stage, lag(s.stage_order::INTEGER) OVER w AS prev_order,
           row_number() OVER (PARTITION BY h.opp_id ORDER BY h.entered_at::TIMESTAMPTZ DESC, s.stage_order::INTEGER DESC) AS from_end
    FROM stage_history h JOIN stages s USING (stage)
    WINDOW w AS (PARTITION BY h.opp_id ORDER BY h.entered_at::TIMESTAMPTZ, s.stage_order::INTEGER)`);
  await db.exec(`
    CREATE VIEW receivables AS
    SELECT i.invoice_id, i.amount::DECIMAL(18, 2) AS amount, coalesce(sum(p.amount::DECIMAL(18, 2)), 0) AS paid,
           ${sqlString(DEMO_AS_OF)}::TIMESTAMPTZ::DATE - i.due_date::DATE AS days_overdue
    FROM invoices i LEFT JOIN payments p ON p.invoice_id = i.invoice_id AND p.paid_at::TIMESTAMPTZ <= ${sqlString(DEMO_AS_OF)}::TIMESTAMPTZ
    WHERE i.issued_at::TIMESTAMPTZ <= ${sqlString(DEMO_AS_OF)}::TIMESTAMPTZ
    GROUP BY ALL`);
}, 60_000);

afterAll(async () => {
  db?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('demo CRM export', () => {
  it('writes every canonical file and nothing else', async () => {
    expect((await readdir(first.dir)).sort()).toEqual([...FILE_NAMES].sort());
  });

  it('writes byte-identical files for the same seed', async () => {
    const hashes = await fileHashes(first.dir);
    expect(Object.keys(hashes)).toHaveLength(FILE_NAMES.length);
    expect(await fileHashes(again)).toEqual(hashes);
  });

  it('writes different deals for another seed', async () => {
    const hashes = await fileHashes(first.dir);
    const other = await fileHashes(otherSeed);
    expect(other['opportunities.csv']).not.toBe(hashes['opportunities.csv']);
    expect(other['stage_history.csv']).not.toBe(hashes['stage_history.csv']);
  });

  it('writes the requested number of opportunities with unique ids', async () => {
    expect(first.summary.files['opportunities.csv']).toBe(DEALS);
    expect(await scalar('SELECT count(*) FROM opportunities')).toBe(DEALS);
    expect(await scalar('SELECT count(DISTINCT opp_id) FROM opportunities')).toBe(DEALS);
  });

  it('reports the data rows of every file, and the final count through onProgress', async () => {
    for (const name of FILE_NAMES) {
      const rows = await scalar(`SELECT count(*) FROM ${name.replace('.csv', '')}`);
      expect(first.summary.files[name], name).toBe(rows);
      const last = first.progress.filter((event) => event.file === name).at(-1);
      expect(last?.rows, name).toBe(rows);
    }
  });

  it('keeps every reference resolvable', async () => {
    const dangling = {
      historyOpp: 'SELECT count(*) FROM stage_history WHERE opp_id NOT IN (SELECT opp_id FROM opportunities)',
      historyStage: 'SELECT count(*) FROM stage_history WHERE stage NOT IN (SELECT stage FROM stages)',
      opportunityStage: 'SELECT count(*) FROM opportunities WHERE stage NOT IN (SELECT stage FROM stages)',
      opportunityAccount:
        'SELECT count(*) FROM opportunities WHERE account_id NOT IN (SELECT account_id FROM accounts)',
      opportunityOwner: 'SELECT count(*) FROM opportunities WHERE owner_id NOT IN (SELECT rep_id FROM reps)',
      opportunityLead: 'SELECT count(*) FROM opportunities WHERE lead_id NOT IN (SELECT lead_id FROM leads)',
      leadOpp: 'SELECT count(*) FROM leads WHERE opp_id NOT IN (SELECT opp_id FROM opportunities)',
      leadCampaign: 'SELECT count(*) FROM leads WHERE campaign_id NOT IN (SELECT campaign_id FROM campaigns)',
      invoiceOpp: 'SELECT count(*) FROM invoices WHERE opp_id NOT IN (SELECT opp_id FROM opportunities)',
      paymentInvoice: 'SELECT count(*) FROM payments WHERE invoice_id NOT IN (SELECT invoice_id FROM invoices)',
      activityOpp: 'SELECT count(*) FROM activities WHERE opp_id NOT IN (SELECT opp_id FROM opportunities)',
      managers: 'SELECT count(*) FROM reps WHERE manager_id NOT IN (SELECT rep_id FROM reps)',
    };
    for (const [reference, sql] of Object.entries(dangling)) expect(await scalar(sql), reference).toBe(0);
    expect(await scalar('SELECT count(*) - count(DISTINCT lead_id) FROM leads')).toBe(0);
    expect(await scalar('SELECT count(*) - count(DISTINCT invoice_id) FROM invoices')).toBe(0);
  });

  it('keeps time consistent, +08:00 offsets included', async () => {
    expect(await scalar("SELECT count(*) FROM stage_history WHERE entered_at LIKE '%+08:00'")).toBeGreaterThan(0);
    expect(
      await scalar(
        'SELECT count(*) FROM steps JOIN opportunities o USING (opp_id) WHERE steps.at < o.created_at::TIMESTAMPTZ',
      ),
    ).toBe(0);
    expect(
      await scalar(
        'SELECT count(*) FROM leads l JOIN opportunities o USING (opp_id) WHERE l.created_at::TIMESTAMPTZ >= o.created_at::TIMESTAMPTZ',
      ),
    ).toBe(0);
    expect(
      await scalar(
        `SELECT count(*) FROM opportunities WHERE created_at::TIMESTAMPTZ >= ${sqlString(DEMO_AS_OF)}::TIMESTAMPTZ`,
      ),
    ).toBe(0);
  });

  it('ends the history of every won deal with a Closed Won row, and of every lost deal with Closed Lost', async () => {
    expect(
      await scalar(`SELECT count(*) FROM opportunities o LEFT JOIN steps s ON s.opp_id = o.opp_id AND s.from_end = 1
                    WHERE o.stage IN ('Closed Won', 'Closed Lost') AND s.stage IS DISTINCT FROM o.stage`),
    ).toBe(0);
  });

  const quirks: Record<string, string> = {
    'a stage re-entry (back from Negotiation to Proposal)': `SELECT count(*) FROM (
        SELECT opp_id, stage FROM steps WHERE prev_stage IS DISTINCT FROM stage GROUP BY ALL HAVING count(*) > 1)`,
    'a skipped open stage': "SELECT count(*) FROM steps WHERE kind = 'open' AND stage_order > prev_order + 1",
    'a consecutive duplicate history row': 'SELECT count(*) FROM steps WHERE prev_stage = stage',
    'a Chinese account name': "SELECT count(*) FROM accounts WHERE regexp_matches(account_name, '\\p{Han}')",
    'an account name with a comma': "SELECT count(*) FROM accounts WHERE account_name LIKE '%,%'",
    'an opportunity without amount': 'SELECT count(*) FROM opportunities WHERE amount IS NULL',
    'an opportunity without region': 'SELECT count(*) FROM opportunities WHERE region IS NULL',
    'an open opportunity with an overdue close date': `SELECT count(*) FROM opportunities
        WHERE stage NOT IN ('Closed Won', 'Closed Lost') AND close_date::DATE < ${sqlString(DEMO_AS_OF)}::TIMESTAMPTZ::DATE`,
    'a partial payment': 'SELECT count(*) FROM receivables WHERE paid > 0 AND paid < amount',
    'an invoice more than 90 days overdue':
      'SELECT count(*) FROM receivables WHERE amount - paid > 0.005 AND days_overdue > 90',
    'a campaign with zero cost and one with no cost':
      "SELECT count(*) FILTER (WHERE cost = '0') * count(*) FILTER (WHERE cost IS NULL) FROM campaigns",
  };
  it.each(Object.entries(quirks))('contains %s', async (_quirk, sql) => {
    expect(await scalar(sql)).toBeGreaterThan(0);
  });

  it('quotes fields with commas and quotes as RFC 4180 requires', async () => {
    const accounts = await readFile(join(first.dir, 'accounts.csv'), 'utf8');
    expect(accounts).toMatch(/"[^"\n]*,[^"\n]*"/);
    const opportunities = await readFile(join(first.dir, 'opportunities.csv'), 'utf8');
    expect(opportunities).toContain('""Phase 2""');
    expect(await scalar(`SELECT count(*) FROM opportunities WHERE opp_name LIKE '%"Phase 2"%'`)).toBeGreaterThan(0);
  });

  it('rejects a deal count that is not a positive integer', async () => {
    await expect(writeDemo({ out: join(root, 'bad'), opportunities: 0, seed: 42 })).rejects.toThrow(RangeError);
  });
});
