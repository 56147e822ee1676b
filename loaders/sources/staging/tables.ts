/**
 * The canonical input format (docs/canonical-format.md) as data: which files, which columns, which
 * are required, how each cell is parsed. Every other part of the canonical loader reads this table.
 */

export type ColumnType =
  | 'text'
  | 'number'
  | 'integer'
  | 'probability'
  | 'timestamp'
  | 'date'
  | { readonly oneOf: readonly string[] }
  | 'period';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  /** Bold in docs/canonical-format.md: the column must be present and every row needs a value. */
  readonly required?: boolean;
}

export interface TableSpec {
  readonly table: string;
  readonly file: string;
  readonly required: boolean;
  readonly columns: readonly ColumnSpec[];
  /** Columns whose combination must be unique (the primary id). */
  readonly key?: readonly string[];
}

const text = (name: string, required = false): ColumnSpec => ({ name, type: 'text', required });

export const TABLES: readonly TableSpec[] = [
  {
    table: 'fx_rates',
    file: 'fx_rates.csv',
    required: false,
    key: ['currency'],
    columns: [text('currency', true), { name: 'rate_to_reporting', type: 'number', required: true }],
  },
  {
    table: 'stages',
    file: 'stages.csv',
    required: true,
    key: ['stage'],
    columns: [
      text('stage', true),
      { name: 'stage_order', type: 'integer', required: true },
      { name: 'probability', type: 'probability', required: true },
      { name: 'kind', type: { oneOf: ['open', 'won', 'lost'] }, required: true },
      // Extension to the canonical format for CRMs with several pipelines (HubSpot, Pipedrive): the pipeline a stage
      // belongs to. Stage names stay unique across the table; orders count within a pipeline.
      text('pipeline'),
    ],
  },
  {
    table: 'reps',
    file: 'reps.csv',
    required: false,
    key: ['rep_id'],
    columns: [text('rep_id', true), text('rep_name'), text('manager_id'), text('region'), text('team')],
  },
  {
    table: 'accounts',
    file: 'accounts.csv',
    required: false,
    key: ['account_id'],
    columns: [text('account_id', true), text('account_name'), text('region'), text('industry'), text('tier')],
  },
  {
    table: 'campaigns',
    file: 'campaigns.csv',
    required: false,
    key: ['campaign_id'],
    columns: [
      text('campaign_id', true),
      text('campaign_name'),
      text('channel'),
      { name: 'cost', type: 'number' },
      { name: 'start_date', type: 'date' },
      { name: 'end_date', type: 'date' },
    ],
  },
  {
    table: 'opportunities',
    file: 'opportunities.csv',
    required: true,
    key: ['opp_id'],
    columns: [
      text('opp_id', true),
      text('opp_name'),
      text('account_id'),
      text('owner_id', true),
      text('region'),
      text('product_line'),
      { name: 'amount', type: 'number' },
      text('currency'),
      { name: 'created_at', type: 'timestamp', required: true },
      { name: 'close_date', type: 'date' },
      text('stage', true),
      text('lead_id'),
      text('campaign_id'),
      // Extension: empty means the pipeline of the opportunity's stage.
      text('pipeline'),
    ],
  },
  {
    table: 'stage_history',
    file: 'stage_history.csv',
    required: false,
    columns: [text('opp_id', true), text('stage', true), { name: 'entered_at', type: 'timestamp', required: true }],
  },
  {
    table: 'leads',
    file: 'leads.csv',
    required: false,
    key: ['lead_id'],
    columns: [
      text('lead_id', true),
      { name: 'created_at', type: 'timestamp', required: true },
      text('source'),
      text('campaign_id'),
      text('owner_id'),
      { name: 'converted_at', type: 'timestamp' },
      text('opp_id'),
    ],
  },
  {
    table: 'targets',
    file: 'targets.csv',
    required: false,
    key: ['period', 'scope', 'scope_id'],
    columns: [
      { name: 'period', type: 'period', required: true },
      { name: 'scope', type: { oneOf: ['company', 'region', 'rep'] }, required: true },
      text('scope_id'),
      { name: 'target', type: 'number', required: true },
    ],
  },
  {
    table: 'invoices',
    file: 'invoices.csv',
    required: false,
    key: ['invoice_id'],
    columns: [
      text('invoice_id', true),
      text('opp_id'),
      text('account_id'),
      { name: 'issued_at', type: 'timestamp', required: true },
      { name: 'due_date', type: 'date', required: true },
      { name: 'amount', type: 'number', required: true },
    ],
  },
  {
    table: 'payments',
    file: 'payments.csv',
    required: false,
    key: ['payment_id'],
    columns: [
      text('payment_id', true),
      text('invoice_id', true),
      { name: 'paid_at', type: 'timestamp', required: true },
      { name: 'amount', type: 'number', required: true },
    ],
  },
  {
    table: 'activities',
    file: 'activities.csv',
    required: false,
    key: ['activity_id'],
    columns: [
      text('activity_id', true),
      text('owner_id', true),
      { name: 'at', type: 'timestamp', required: true },
      text('type'),
      text('opp_id'),
      text('account_id'),
    ],
  },
];

export function sqlType(type: ColumnType): string {
  switch (type) {
    case 'number':
    case 'probability':
      return 'DOUBLE';
    case 'integer':
      return 'INTEGER';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'date':
      return 'DATE';
    default:
      return 'VARCHAR';
  }
}
