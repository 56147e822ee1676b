import { limitSql } from './list.ts';
import type { Metric } from './metric.ts';
import { QueryParams } from './query.ts';
import { openInvoicesSql } from './receivables.ts';
import { idOrder, isoTimestamp } from './sql.ts';

export interface ReceivablesByRow {
  /** account_id or owner_id; null for invoices without an account or without an opportunity's owner. */
  key: string | null;
  name: string | null;
  invoices: number;
  outstanding_amount: number;
  overdue_amount: number;
  current_amount: number;
  overdue_1_30: number;
  overdue_31_60: number;
  overdue_61_90: number;
  overdue_90_plus: number;
  max_days_overdue: number;
}

const BUCKET_COLUMNS = [
  ['current', 'current_amount'],
  ['1-30', 'overdue_1_30'],
  ['31-60', 'overdue_31_60'],
  ['61-90', 'overdue_61_90'],
  ['90+', 'overdue_90_plus'],
] as const;

/** An ageing table (the receivables buckets as columns) per account or per owner, most owed first; `limit`: the first rows. */
function receivablesBy(
  view: string,
  key: 'account_id' | 'owner_id',
  /** The name's column, and the join that brings it when the open invoices do not carry it. */
  names: { name: string; join?: string },
): Metric<ReceivablesByRow> {
  return {
    view,
    requires: ['invoices'],
    build(p) {
      const q = new QueryParams();
      const sql = `
SELECT CAST(i.${key} AS VARCHAR) AS key, CAST(any_value(${names.name}) AS VARCHAR) AS name,
       CAST(count(*) AS INTEGER) AS invoices, CAST(sum(i.outstanding) AS DOUBLE) AS outstanding_amount,
       CAST(coalesce(sum(i.outstanding) FILTER (WHERE i.days_overdue > 0), 0) AS DOUBLE) AS overdue_amount,
       ${BUCKET_COLUMNS.map(([bucket, column]) => `CAST(coalesce(sum(i.outstanding) FILTER (WHERE i.bucket = '${bucket}'), 0) AS DOUBLE) AS ${column}`).join(',\n       ')},
       CAST(max(i.days_overdue) AS INTEGER) AS max_days_overdue
FROM ${openInvoicesSql(q, p)} i
${names.join ?? ''}
GROUP BY i.${key}
ORDER BY outstanding_amount DESC, ${idOrder(`i.${key}`)}
${limitSql(q, p)}`;
      return q.query(sql);
    },
  };
}

export const receivablesAccounts = receivablesBy('receivables_accounts', 'account_id', { name: 'i.account_name' });
export const receivablesOwners = receivablesBy('receivables_owners', 'owner_id', {
  name: 'n.rep_name',
  join: 'LEFT JOIN reps n ON n.rep_id = i.owner_id',
});

export interface OverdueInvoiceRow {
  invoice_id: string;
  opp_id: string | null;
  opp_name: string | null;
  account_id: string | null;
  account_name: string | null;
  owner_id: string | null;
  rep_name: string | null;
  issued_at: string;
  due_date: string;
  amount: number;
  outstanding: number;
  days_overdue: number;
  bucket: string;
}

/** Invoices past due at as_of with money still open, longest overdue first (the collections list). */
export const overdueInvoices: Metric<OverdueInvoiceRow> = {
  view: 'overdue_invoices',
  requires: ['invoices'],
  build(p) {
    const q = new QueryParams();
    const sql = `
SELECT CAST(i.invoice_id AS VARCHAR) AS invoice_id, CAST(i.opp_id AS VARCHAR) AS opp_id, CAST(i.opp_name AS VARCHAR) AS opp_name,
       CAST(i.account_id AS VARCHAR) AS account_id, CAST(i.account_name AS VARCHAR) AS account_name,
       CAST(i.owner_id AS VARCHAR) AS owner_id, CAST(r.rep_name AS VARCHAR) AS rep_name,
       ${isoTimestamp('i.issued_at')} AS issued_at, CAST(i.due_date AS VARCHAR) AS due_date,
       CAST(i.amount AS DOUBLE) AS amount, CAST(i.outstanding AS DOUBLE) AS outstanding,
       CAST(i.days_overdue AS INTEGER) AS days_overdue, i.bucket
FROM ${openInvoicesSql(q, p)} i
LEFT JOIN reps r ON r.rep_id = i.owner_id
WHERE i.days_overdue > 0
ORDER BY i.days_overdue DESC, i.outstanding DESC, ${idOrder('i.invoice_id')}
${limitSql(q, p)}`;
    return q.query(sql);
  },
};
