import { mkdir } from 'node:fs/promises';
import { ActivityLog, MAX_PER_DEAL } from './activities.ts';
import { accountCount, buildAccounts } from './accounts.ts';
import { buildCampaigns } from './campaigns.ts';
import { accountRows, campaignRows, repRows, stageRows } from './catalogRows.ts';
import { CreationCalendar } from './creationCalendar.ts';
import { writeDeals } from './dealStream.ts';
import { Billing, MAX_INVOICES_PER_DEAL, MAX_PAYMENTS_PER_INVOICE } from './finance.ts';
import { idFormat } from './ids.ts';
import { LeadDesk, MAX_UNCONVERTED_PER_DEAL } from './leads.ts';
import { DemoOutput } from './output.ts';
import { Random } from './rng.ts';
import { buildSalesTeam, repCount } from './salesTeam.ts';
import { WonLedger } from './targets.ts';

export { DEMO_AS_OF } from './time.ts';
export { DEMO_FILES } from './files.ts';

export interface DemoOptions {
  out: string;
  opportunities: number;
  /** Read as a 32-bit integer; the CLI's default is 42. */
  seed: number;
  /** Rows written so far to a file: after each batch, and once more when the file is complete. */
  onProgress?: (event: { file: string; rows: number }) => void;
}

export interface DemoSummary {
  /** File name → data rows written (header excluded). */
  files: Record<string, number>;
}

/**
 * Writes a deterministic demo CRM export in the canonical format into `options.out`
 * (created if needed; the demo's files in it are overwritten). Same options, same bytes.
 * Its "now" is DEMO_AS_OF: build the data with `--as-of` set to it.
 */
export async function writeDemo(options: DemoOptions): Promise<DemoSummary> {
  const { opportunities: count, seed } = options;
  if (!Number.isSafeInteger(count) || count < 1)
    throw new RangeError(`opportunities must be a positive integer, got ${count}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  await mkdir(options.out, { recursive: true });

  const root = Random.fromSeed(seed);
  const catalogRandom = root.fork();
  const random = { deals: root.fork(), leads: root.fork(), activities: root.fork(), billing: root.fork() };
  const targetRandom = root.fork();

  const team = buildSalesTeam(catalogRandom, repCount(count));
  const accounts = buildAccounts(catalogRandom, accountCount(count), team);
  const campaigns = buildCampaigns(catalogRandom, count);
  const context = { accounts, team, calendar: new CreationCalendar(count), dealId: idFormat('O-', 6, count) };
  const desks = {
    leads: new LeadDesk(idFormat('L-', 6, count * (1 + MAX_UNCONVERTED_PER_DEAL)), campaigns, team),
    activities: new ActivityLog(idFormat('ACT-', 7, count * MAX_PER_DEAL), team, accounts),
    billing: new Billing(
      idFormat('INV-', 6, count * MAX_INVOICES_PER_DEAL),
      idFormat('PAY-', 6, count * MAX_INVOICES_PER_DEAL * MAX_PAYMENTS_PER_INVOICE),
      accounts,
    ),
    ledger: new WonLedger(team.reps),
  };

  const out = new DemoOutput(options.out, options.onProgress);
  try {
    await out.writeAll('stages', stageRows());
    await out.writeAll('reps', repRows(team.reps));
    await out.writeAll('accounts', accountRows(accounts));
    await out.writeAll('campaigns', campaignRows(campaigns.campaigns));
    await writeDeals(count, random, context, desks, out);
    await out.writeAll('targets', desks.ledger.targetRows(targetRandom));
    return { files: await out.close(options.onProgress) };
  } catch (error) {
    out.abort();
    throw error;
  }
}
