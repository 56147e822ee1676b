import type { ActivityLog } from './activities.ts';
import { createDeal, type DealContext } from './deal.ts';
import { historyRows, opportunityRow } from './dealRows.ts';
import type { Billing } from './finance.ts';
import type { LeadDesk } from './leads.ts';
import type { DemoOutput } from './output.ts';
import type { Random } from './rng.ts';
import type { WonLedger } from './targets.ts';

/** One stream per concern, so changing how leads are drawn does not change the deals. */
export interface DealRandom {
  deals: Random;
  leads: Random;
  activities: Random;
  billing: Random;
}

export interface DealDesks {
  leads: LeadDesk;
  activities: ActivityLog;
  billing: Billing;
  ledger: WonLedger;
}

/**
 * Creates the deals one at a time, in creation order, and writes everything that hangs off
 * each deal (history, leads, activities, invoices, payments) before moving on: nothing
 * per-deal is kept, so memory does not grow with the number of deals.
 */
export async function writeDeals(
  count: number,
  random: DealRandom,
  context: DealContext,
  desks: DealDesks,
  out: DemoOutput,
): Promise<void> {
  for (let index = 0; index < count; index++) {
    const deal = createDeal(random.deals, index, context);
    const { rows: leadRows, link } = desks.leads.leadsFor(random.leads, deal);
    out.write('opportunities', opportunityRow(deal, link, context.accounts, context.team));
    for (const row of historyRows(deal)) out.write('stageHistory', row);
    for (const row of leadRows) out.write('leads', row);
    for (const row of desks.activities.activitiesFor(random.activities, deal)) out.write('activities', row);
    const bill = desks.billing.billFor(random.billing, deal);
    for (const row of bill.invoices) out.write('invoices', row);
    for (const row of bill.payments) out.write('payments', row);
    if (deal.story.outcome === 'won' && deal.story.closedMs !== null && deal.amount !== null) {
      desks.ledger.record(deal.story.closedMs, deal.region, deal.owner, deal.amount);
    }
    await out.flushFull();
  }
}
