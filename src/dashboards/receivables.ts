import type { BarsSpec } from '../charts/bars.ts';
import type { GroupedSpec } from '../charts/grouped.ts';
import type { SqlEngine } from '../db/engine.ts';
import type { Translate } from '../i18n/translate.ts';
import { missingInputs, VIEWS } from '../metrics/index.ts';
import { countQuery } from '../metrics/list.ts';
import type { ReceivablesRow } from '../metrics/receivables.ts';
import type { OverdueInvoiceRow, ReceivablesByRow } from '../metrics/receivablesBy.ts';
import { metricParams, type SiteContext } from '../site/context.ts';
import type { ViewState } from '../state/viewState.ts';
import { filterHref, repHref } from './links.ts';
import type { PageDefinition } from './page.ts';
import { sum } from './rows.ts';
import type { TableColumn, TableSpec } from './table.ts';

/** Overdue invoices listed on the page; the CSV download has them all. */
export const OVERDUE_SHOWN = 25;
/**
 * Owners in the chart, those owed most (the table lists every owner): 400 stacked bars at 1M deals were
 * unreadable, and drawing them cost the page most of each filter change.
 */
export const CHART_OWNERS = 20;
/** Accounts in the first page of their table; the CSV download has them all. */
export const TOP_ACCOUNTS = 25;

export interface ReceivablesView {
  readonly missing: readonly string[];
  readonly buckets: readonly ReceivablesRow[];
  readonly owners: readonly ReceivablesByRow[];
  /** The accounts owed most (TOP_ACCOUNTS of them) and how many accounts owe anything. */
  readonly accounts: readonly ReceivablesByRow[];
  readonly accountsTotal: number;
  readonly overdue: readonly OverdueInvoiceRow[];
  readonly overdueTotal: number;
}

async function loadReceivablesPage(
  engine: SqlEngine,
  site: SiteContext,
  state: ViewState,
  signal?: AbortSignal,
): Promise<ReceivablesView> {
  const missing = missingInputs(
    'receivables',
    Object.fromEntries(Object.entries(site.present).map(([k, present]) => [k, { present }])),
  );
  if (missing.length > 0)
    return { missing, buckets: [], owners: [], accounts: [], accountsTotal: 0, overdue: [], overdueTotal: 0 };
  const params = metricParams(site, state);
  // Accounts are many (tens of thousands at 1M deals): the page carries the first ones and the count,
  // not every row in its HTML and in each filter change's answer; the CSV asks for all of them.
  const [buckets, owners, accounts, [accountsCount], overdue] = await Promise.all([
    engine.all(VIEWS.receivables.build(params), signal),
    engine.all(VIEWS.receivables_owners.build(params), signal),
    engine.all(VIEWS.receivables_accounts.build({ ...params, limit: TOP_ACCOUNTS }), signal),
    engine.all(countQuery(VIEWS.receivables_accounts.build(params)), signal),
    engine.all(VIEWS.overdue_invoices.build({ ...params, limit: OVERDUE_SHOWN }), signal),
  ]);
  // The overdue list is the open invoices past due: every bucket but `current`, already counted above.
  const overdueTotal = sum(
    buckets.filter((b) => b.bucket !== 'current'),
    (b) => b.invoices,
  );
  return { missing, buckets, owners, accounts, accountsTotal: accountsCount?.rows ?? 0, overdue, overdueTotal };
}

async function loadAllAccounts(engine: SqlEngine, site: SiteContext, state: ViewState): Promise<ReceivablesByRow[]> {
  return await engine.all(VIEWS.receivables_accounts.build(metricParams(site, state)));
}

async function loadAllOverdue(engine: SqlEngine, site: SiteContext, state: ViewState): Promise<OverdueInvoiceRow[]> {
  return await engine.all(VIEWS.overdue_invoices.build(metricParams(site, state)));
}

export const BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
const BUCKET_COLUMN = {
  current: 'current_amount',
  '1-30': 'overdue_1_30',
  '31-60': 'overdue_31_60',
  '61-90': 'overdue_61_90',
  '90+': 'overdue_90_plus',
} as const;

function bucketsChart(view: ReceivablesView, t: Translate): BarsSpec {
  return {
    kind: 'bars',
    title: t('receivables.ageing'),
    description: t('receivables.ageing.desc'),
    axis: t('receivables.outstanding'),
    valueKind: 'money',
    rows: view.buckets.map((b) => ({
      key: b.bucket,
      label: t(`receivables.bucket.${b.bucket}`),
      value: b.outstanding_amount,
    })),
  };
}

/** What the owners owed most have outstanding, stacked by age; an owner's bar filters the page to them. */
function ownersChart(view: ReceivablesView, state: ViewState, t: Translate): GroupedSpec {
  const label = (r: ReceivablesByRow) => r.name ?? r.key ?? t('receivables.no_owner');
  const owners = view.owners.slice(0, CHART_OWNERS);
  const series = BUCKETS.map((b) => t(`receivables.bucket.${b}`));
  return {
    kind: 'grouped',
    title: t('receivables.by_owner'),
    description: t('receivables.by_owner.desc', { count: owners.length }),
    axis: t('receivables.outstanding'),
    valueKind: 'money',
    groups: owners.map(label),
    series,
    stacked: true,
    rows: owners.flatMap((r) =>
      BUCKETS.map((b, i) => ({
        group: label(r),
        series: series[i]!,
        value: r[BUCKET_COLUMN[b]],
        href: r.key === null ? null : filterHref(state, 'owner_id', r.key),
      })),
    ),
  };
}

interface ReceivablesTables {
  readonly buckets: TableSpec<ReceivablesRow>;
  readonly owners: TableSpec<ReceivablesByRow>;
  readonly accounts: TableSpec<ReceivablesByRow>;
  readonly overdue: TableSpec<OverdueInvoiceRow>;
}

/** What is owed at the data date: by ageing bucket, by owner and by account, and the overdue invoices. */
export const receivablesPage: PageDefinition<ReceivablesView, ReceivablesTables> = {
  key: 'receivables',
  testId: 'receivables-page',
  title: (t) => t('receivables.title'),
  lead: 'receivables.lead',
  params: [],
  load: loadReceivablesPage,
  charts: (view, { state, t }) =>
    view.missing.length > 0
      ? { 'receivables-ageing': null, 'receivables-owners': null }
      : { 'receivables-ageing': bucketsChart(view, t), 'receivables-owners': ownersChart(view, state, t) },
  tables(view, { site, state, t }) {
    const ageing = (first: TableColumn<ReceivablesByRow>): TableColumn<ReceivablesByRow>[] => [
      first,
      { key: 'invoices', label: t('receivables.invoices'), kind: 'count', value: (r) => r.invoices },
      {
        key: 'outstanding_amount',
        label: t('receivables.outstanding'),
        kind: 'money',
        value: (r) => r.outstanding_amount,
      },
      { key: 'overdue_amount', label: t('receivables.overdue'), kind: 'money', value: (r) => r.overdue_amount },
      { key: 'current_amount', label: t('receivables.bucket.current'), kind: 'money', value: (r) => r.current_amount },
      { key: 'overdue_1_30', label: t('receivables.bucket.1-30'), kind: 'money', value: (r) => r.overdue_1_30 },
      { key: 'overdue_31_60', label: t('receivables.bucket.31-60'), kind: 'money', value: (r) => r.overdue_31_60 },
      { key: 'overdue_61_90', label: t('receivables.bucket.61-90'), kind: 'money', value: (r) => r.overdue_61_90 },
      { key: 'overdue_90_plus', label: t('receivables.bucket.90+'), kind: 'money', value: (r) => r.overdue_90_plus },
      { key: 'max_days_overdue', label: t('receivables.max_days'), kind: 'count', value: (r) => r.max_days_overdue },
    ];
    return {
      buckets: {
        name: 'ageing',
        columns: [
          {
            key: 'bucket',
            label: t('receivables.bucket'),
            kind: 'text',
            value: (r) => r.bucket,
            text: (r) => t(`receivables.bucket.${r.bucket}`),
          },
          { key: 'invoices', label: t('receivables.invoices'), kind: 'count', value: (r) => r.invoices },
          {
            key: 'outstanding_amount',
            label: t('receivables.outstanding'),
            kind: 'money',
            value: (r) => r.outstanding_amount,
          },
        ],
        rows: view.buckets,
        rowKey: (r) => r.bucket,
      },
      owners: {
        name: 'receivables-owners',
        caption: t('receivables.by_owner'),
        columns: ageing({
          key: 'key',
          label: t('deal.owner'),
          kind: 'text',
          value: (r) => r.key,
          text: (r) => r.name ?? r.key ?? t('receivables.no_owner'),
          href: (r) => (r.key === null ? null : filterHref(state, 'owner_id', r.key)),
        }),
        rows: view.owners,
        rowKey: (r) => r.key ?? '',
      },
      accounts: {
        name: 'receivables-accounts',
        caption: t('receivables.by_account'),
        columns: ageing({
          key: 'key',
          label: t('deal.account'),
          kind: 'text',
          value: (r) => r.key,
          text: (r) => r.name ?? r.key ?? '—',
        }),
        rows: view.accounts,
        total: view.accountsTotal,
        allRows: (engine) => loadAllAccounts(engine, site, state),
        rowKey: (r) => r.key ?? '',
      },
      overdue: {
        name: 'overdue',
        caption: t('receivables.overdue_list'),
        columns: [
          { key: 'invoice_id', label: t('receivables.invoice'), kind: 'text', value: (r) => r.invoice_id },
          {
            key: 'opp_id',
            label: t('deal.opp_id'),
            kind: 'text',
            value: (r) => r.opp_id,
            text: (r) => r.opp_name ?? r.opp_id ?? '—',
            href: (r) => (r.opp_id && r.owner_id ? repHref(site.base, state, r.owner_id, r.opp_id) : null),
          },
          { key: 'account_name', label: t('deal.account'), kind: 'text', value: (r) => r.account_name ?? r.account_id },
          { key: 'rep_name', label: t('deal.owner'), kind: 'text', value: (r) => r.rep_name ?? r.owner_id },
          { key: 'due_date', label: t('receivables.due'), kind: 'date', value: (r) => r.due_date },
          { key: 'days_overdue', label: t('receivables.days_overdue'), kind: 'count', value: (r) => r.days_overdue },
          { key: 'outstanding', label: t('receivables.outstanding'), kind: 'money', value: (r) => r.outstanding },
          { key: 'amount', label: t('receivables.amount'), kind: 'money', value: (r) => r.amount },
        ],
        rows: view.overdue,
        total: view.overdueTotal,
        allRows: (engine) => loadAllOverdue(engine, site, state),
        rowKey: (r) => r.invoice_id,
      },
    };
  },
};
