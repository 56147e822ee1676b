import type { Metric } from './metric.ts';
import { rollupsAtAsOf, type MetricParams } from './params.ts';
import { QueryParams } from './query.ts';
import { asOfDate, dateParam, filterSql, tsParam } from './sql.ts';

export interface ReceivablesRow {
  bucket: 'current' | '1-30' | '31-60' | '61-90' | '90+';
  invoices: number;
  outstanding_amount: number;
}

/**
 * Every invoice open at the model's as_of, stored with the model (built natively from the same SQL as the
 * detail path below): the receivables views ignore the date window, so at that as_of and time zone a
 * filter change reads this table of open invoices (26,710 rows at 1M deals) instead of summing every
 * invoice's payments and joining them to the deals and accounts again.
 */
export const OPEN_INVOICES_ROLLUP = 'open_invoices_rollup';

/**
 * Every invoice open at as_of, unfiltered: its outstanding amount, days past due and ageing bucket, its
 * account (the invoice's, else its opportunity's), owner and the other filter keys (its opportunity's;
 * tier its account's), and the deal's and account's names the lists show. The rollup is this query run at
 * build.
 */
export function allOpenInvoicesSql(q: QueryParams, p: Pick<MetricParams, 'asOf' | 'tz'>): string {
  const asOf = tsParam(q, p.asOf);
  return `(
  WITH paid AS (
    SELECT invoice_id, sum(amount) AS paid FROM payments WHERE paid_at <= ${asOf} GROUP BY invoice_id
  ),
  issued AS (
    SELECT i.invoice_id, i.opp_id, coalesce(i.account_id, o.account_id) AS account_id, o.owner_id, i.issued_at, i.due_date,
           i.amount, i.amount - coalesce(pd.paid, 0) AS outstanding,
           date_diff('day', i.due_date, ${dateParam(q, asOfDate(p))}) AS days_overdue,
           o.region, o.product_line, o.team, o.campaign_id, o.pipeline, a.tier, o.opp_name, a.account_name
    FROM invoices i
    LEFT JOIN paid pd ON pd.invoice_id = i.invoice_id
    LEFT JOIN opportunities o ON o.opp_id = i.opp_id
    LEFT JOIN accounts a ON a.account_id = coalesce(i.account_id, o.account_id)
    WHERE i.issued_at <= ${asOf}
  )
  SELECT *, CASE WHEN days_overdue <= 0 THEN 'current' WHEN days_overdue <= 30 THEN '1-30'
                 WHEN days_overdue <= 60 THEN '31-60' WHEN days_overdue <= 90 THEN '61-90' ELSE '90+' END AS bucket
  FROM issued WHERE outstanding > 0.005
)`;
}

/**
 * What is still owed at as_of (docs/metrics.md, "receivables"), one row per issued invoice with more than
 * 0.005 open, filtered: filters apply through the invoice's opportunity, tier through its account. The date
 * window does not apply. Every receivables view reads this.
 */
export function openInvoicesSql(q: QueryParams, p: MetricParams): string {
  const source = rollupsAtAsOf(p) ? OPEN_INVOICES_ROLLUP : allOpenInvoicesSql(q, p);
  return `(SELECT * FROM ${source} o WHERE ${filterSql(q, p.filters, 'o')})`;
}

/** Receivables ageing at as_of: every bucket listed, empty ones with zeros. */
export const receivables: Metric<ReceivablesRow> = {
  view: 'receivables',
  requires: ['invoices'],
  build(p) {
    const q = new QueryParams();
    const sql = `
WITH buckets(bucket, position) AS (VALUES ('current', 1), ('1-30', 2), ('31-60', 3), ('61-90', 4), ('90+', 5))
SELECT b.bucket, CAST(count(a.outstanding) AS INTEGER) AS invoices, CAST(coalesce(sum(a.outstanding), 0) AS DOUBLE) AS outstanding_amount
FROM buckets b LEFT JOIN ${openInvoicesSql(q, p)} a ON a.bucket = b.bucket
GROUP BY b.bucket, b.position
ORDER BY b.position`;
    return q.query(sql);
  },
};
