import type { AccountBook } from './accounts.ts';
import type { Deal } from './deal.ts';
import type { IdFormat } from './ids.ts';
import { formatCents } from './money.ts';
import type { Random } from './rng.ts';
import { AS_OF_MS, DAY_MS, HOUR_MS, isoDate, isoUtc, startOfDay } from './time.ts';

export interface FinanceRows {
  invoices: string[][];
  payments: string[][];
}

/** Won deals billed through another channel get no invoice here. */
const INVOICED_CHANCE = 0.9;
const SPLIT_CHANCE = 0.15;
const SECOND_INSTALMENT_DAYS = 90;
/** Invoices dated after as-of are scheduled ones; keep only a few of them. */
const SCHEDULED_KEPT_CHANCE = 0.1;
export const MAX_INVOICES_PER_DEAL = 2;
export const MAX_PAYMENTS_PER_INVOICE = 2;

/**
 * Invoices for won deals (some split in two instalments, net 30 or net 60) and the payments
 * received by as-of: on time, late, partial, very late or never — so receivables have
 * something in every ageing bucket.
 */
export class Billing {
  private invoicesIssued = 0;
  private paymentsReceived = 0;

  constructor(
    private readonly invoiceId: IdFormat,
    private readonly paymentId: IdFormat,
    private readonly accounts: AccountBook,
  ) {}

  billFor(random: Random, deal: Deal): FinanceRows {
    const rows: FinanceRows = { invoices: [], payments: [] };
    if (deal.story.outcome !== 'won' || deal.story.closedMs === null || deal.amount === null) return rows;
    if (!random.chance(INVOICED_CHANCE)) return rows;
    const totalCents = deal.amount * 100;
    const firstShare = random.chance(SPLIT_CHANCE) ? random.pick([0.5, 0.6]) : 1;
    const firstCents = Math.round(totalCents * firstShare);
    const firstIssuedMs = startOfDay(deal.story.closedMs) + random.int(0, 10) * DAY_MS + businessHour(random);
    this.invoice(random, deal, firstIssuedMs, firstCents, rows);
    if (firstCents < totalCents) {
      this.invoice(random, deal, firstIssuedMs + SECOND_INSTALMENT_DAYS * DAY_MS, totalCents - firstCents, rows);
    }
    return rows;
  }

  private invoice(random: Random, deal: Deal, issuedMs: number, cents: number, rows: FinanceRows): void {
    if (issuedMs > AS_OF_MS && !random.chance(SCHEDULED_KEPT_CHANCE)) return;
    const id = this.invoiceId(++this.invoicesIssued);
    const dueMs = startOfDay(issuedMs) + (random.chance(0.7) ? 30 : 60) * DAY_MS;
    rows.invoices.push([
      id,
      deal.id,
      this.accounts.ids[deal.account] ?? '',
      isoUtc(issuedMs),
      isoDate(dueMs),
      formatCents(cents),
    ]);
    for (const payment of this.paymentsFor(random, issuedMs, dueMs, cents)) {
      // A payment after as-of has not happened yet: it is not in the export.
      if (payment.atMs > AS_OF_MS) continue;
      rows.payments.push([
        this.paymentId(++this.paymentsReceived),
        id,
        isoUtc(payment.atMs),
        formatCents(payment.cents),
      ]);
    }
  }

  /** How the customer pays: 55% on time, 20% late, 12% partly, 10.5% very late, 2.5% never. */
  private paymentsFor(
    random: Random,
    issuedMs: number,
    dueMs: number,
    cents: number,
  ): { atMs: number; cents: number }[] {
    const termDays = (dueMs - startOfDay(issuedMs)) / DAY_MS;
    const roll = random.float();
    if (roll < 0.55) return [{ atMs: issuedMs + random.between(3, termDays) * DAY_MS, cents }];
    if (roll < 0.75) return [{ atMs: dueMs + (1 + random.exponential(20)) * DAY_MS, cents }];
    if (roll < 0.87) {
      const partCents = Math.round(cents * random.between(0.3, 0.7));
      const firstMs = issuedMs + random.between(5, termDays + 20) * DAY_MS;
      const part = { atMs: firstMs, cents: partCents };
      // One in five partial payers never settles the rest.
      if (random.chance(0.2)) return [part];
      return [part, { atMs: firstMs + (5 + random.exponential(40)) * DAY_MS, cents: cents - partCents }];
    }
    if (roll < 0.975) return [{ atMs: dueMs + random.between(90, 200) * DAY_MS, cents }];
    return [];
  }
}

/** 09:00–17:00 UTC, whole seconds: finance works office hours. */
function businessHour(random: Random): number {
  return Math.round(random.between(9 * HOUR_MS, 17 * HOUR_MS) / 1000) * 1000;
}
