/** The canonical files the demo writes, with their columns (see docs/canonical-format.md). */
export const DEMO_FILES = {
  stages: { name: 'stages.csv', header: ['stage', 'stage_order', 'probability', 'kind'] },
  reps: { name: 'reps.csv', header: ['rep_id', 'rep_name', 'manager_id', 'region', 'team'] },
  accounts: { name: 'accounts.csv', header: ['account_id', 'account_name', 'region', 'industry', 'tier'] },
  campaigns: {
    name: 'campaigns.csv',
    header: ['campaign_id', 'campaign_name', 'channel', 'cost', 'start_date', 'end_date'],
  },
  opportunities: {
    name: 'opportunities.csv',
    header: [
      'opp_id',
      'opp_name',
      'account_id',
      'owner_id',
      'region',
      'product_line',
      'amount',
      'currency',
      'created_at',
      'close_date',
      'stage',
      'lead_id',
      'campaign_id',
    ],
  },
  stageHistory: { name: 'stage_history.csv', header: ['opp_id', 'stage', 'entered_at'] },
  leads: {
    name: 'leads.csv',
    header: ['lead_id', 'created_at', 'source', 'campaign_id', 'owner_id', 'converted_at', 'opp_id'],
  },
  activities: { name: 'activities.csv', header: ['activity_id', 'owner_id', 'at', 'type', 'opp_id', 'account_id'] },
  invoices: { name: 'invoices.csv', header: ['invoice_id', 'opp_id', 'account_id', 'issued_at', 'due_date', 'amount'] },
  payments: { name: 'payments.csv', header: ['payment_id', 'invoice_id', 'paid_at', 'amount'] },
  targets: { name: 'targets.csv', header: ['period', 'scope', 'scope_id', 'target'] },
} as const;

export type DemoFileKey = keyof typeof DEMO_FILES;
