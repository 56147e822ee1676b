import type { Metric } from './metric.ts';
import { QueryParams } from './query.ts';
import { asOfDate, dateParam, filterSql, tsParam } from './sql.ts';

export interface ReceivablesRow {
  bucket: 'current' | '1-30' | '31-60' | '61-90' | '90+';
  invoices: number;
  outstanding_amount: number;
}

/**
 * Receivables ageing at as_of (spec "receivables"): what is still owed on issued invoices, by days past
 * due. Every bucket is listed, empty ones with zeros. Filters apply through the invoice's opportunity;
 * tier through the invoice's account (else the opportunity's). The date window does not apply.
 */
export const receivables: Metric = {
  view: 'receivables',
  requires: ['invoices'],
  build(p) {
    const q = new QueryParams();
    const asOf = tsParam(q, p.asOf);
    const sql = `
WITH paid AS (
  SELECT invoice_id, sum(amount) AS paid FROM payments WHERE paid_at <= ${asOf} GROUP BY invoice_id
),
open_invoices AS (
  SELECT i.amount - coalesce(pd.paid, 0) AS outstanding,
         date_diff('day', i.due_date, ${dateParam(q, asOfDate(p))}) AS days_overdue
  FROM invoices i
  LEFT JOIN paid pd ON pd.invoice_id = i.invoice_id
  LEFT JOIN opportunities o ON o.opp_id = i.opp_id
  LEFT JOIN accounts a ON a.account_id = coalesce(i.account_id, o.account_id)
  WHERE i.issued_at <= ${asOf} AND ${filterSql(q, p.filters, 'o', { tier: 'a.tier' })}
),
aged AS (
  SELECT outstanding, CASE WHEN days_overdue <= 0 THEN 'current' WHEN days_overdue <= 30 THEN '1-30'
                           WHEN days_overdue <= 60 THEN '31-60' WHEN days_overdue <= 90 THEN '61-90' ELSE '90+' END AS bucket
  FROM open_invoices WHERE outstanding > 0.005
),
buckets(bucket, position) AS (VALUES ('current', 1), ('1-30', 2), ('31-60', 3), ('61-90', 4), ('90+', 5))
SELECT b.bucket, CAST(count(a.outstanding) AS INTEGER) AS invoices, CAST(coalesce(sum(a.outstanding), 0) AS DOUBLE) AS outstanding_amount
FROM buckets b LEFT JOIN aged a ON a.bucket = b.bucket
GROUP BY b.bucket, b.position
ORDER BY b.position`;
    return q.query(sql);
  },
};
