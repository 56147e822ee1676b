import type { BarsSpec } from '../charts/bars.ts';
import type { GroupedSpec } from '../charts/grouped.ts';
import type { Row, SqlEngine } from '../db/engine.ts';
import type { Translate } from '../i18n/translate.ts';
import { missingInputs, VIEWS } from '../metrics/index.ts';
import { countQuery } from '../metrics/list.ts';
import type { ReceivablesRow } from '../metrics/receivables.ts';
import type { OverdueInvoiceRow, ReceivablesByRow } from '../metrics/receivablesBy.ts';
import { metricParams, type SiteContext } from '../site/context.ts';
import type { ViewState } from '../state/viewState.ts';
import { filterHref } from './links.ts';

/** Overdue invoices listed on the page; the CSV download has them all. */
export const OVERDUE_SHOWN = 25;
/** Accounts in the chart and the first page of their table. */
export const TOP_ACCOUNTS = 25;

export interface ReceivablesView {
  readonly missing: readonly string[];
  readonly buckets: readonly ReceivablesRow[];
  readonly owners: readonly ReceivablesByRow[];
  readonly accounts: readonly ReceivablesByRow[];
  readonly overdue: readonly OverdueInvoiceRow[];
  readonly overdueTotal: number;
}

export async function loadReceivablesPage(engine: SqlEngine, site: SiteContext, state: ViewState, signal?: AbortSignal): Promise<ReceivablesView> {
  const missing = missingInputs('receivables', Object.fromEntries(Object.entries(site.present).map(([k, present]) => [k, { present }])));
  if (missing.length > 0) return { missing, buckets: [], owners: [], accounts: [], overdue: [], overdueTotal: 0 };
  const params = metricParams(site, state);
  const buckets = await engine.all(VIEWS.receivables.build(params), signal);
  const owners = await engine.all(VIEWS.receivables_owners.build(params), signal);
  const accounts = await engine.all(VIEWS.receivables_accounts.build(params), signal);
  const overdue = await engine.all(VIEWS.overdue_invoices.build({ ...params, limit: OVERDUE_SHOWN }), signal);
  const [count] = (await engine.all(countQuery(VIEWS.overdue_invoices.build(params)), signal)) as Row[];
  return { missing, buckets, owners, accounts, overdue, overdueTotal: Number(count?.rows ?? 0) };
}

export async function loadAllOverdue(engine: SqlEngine, site: SiteContext, state: ViewState): Promise<OverdueInvoiceRow[]> {
  return await engine.all(VIEWS.overdue_invoices.build(metricParams(site, state)));
}

export const BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
const BUCKET_COLUMN = { current: 'current_amount', '1-30': 'overdue_1_30', '31-60': 'overdue_31_60', '61-90': 'overdue_61_90', '90+': 'overdue_90_plus' } as const;

export function bucketsChart(view: ReceivablesView, t: Translate): BarsSpec {
  return {
    kind: 'bars',
    title: t('receivables.ageing'),
    description: t('receivables.ageing.desc'),
    axis: t('receivables.outstanding'),
    valueKind: 'money',
    rows: view.buckets.map((b) => ({ key: b.bucket, label: t(`receivables.bucket.${b.bucket}`), value: b.outstanding_amount })),
  };
}

/** What each owner has outstanding, stacked by age; an owner's bar filters the page to them. */
export function ownersChart(view: ReceivablesView, state: ViewState, t: Translate): GroupedSpec {
  const label = (r: ReceivablesByRow) => r.name ?? r.key ?? t('receivables.no_owner');
  const series = BUCKETS.map((b) => t(`receivables.bucket.${b}`));
  return {
    kind: 'grouped',
    title: t('receivables.by_owner'),
    description: t('receivables.by_owner.desc'),
    axis: t('receivables.outstanding'),
    valueKind: 'money',
    groups: view.owners.map(label),
    series,
    stacked: true,
    rows: view.owners.flatMap((r) =>
      BUCKETS.map((b, i) => ({ group: label(r), series: series[i]!, value: r[BUCKET_COLUMN[b]], href: r.key === null ? null : filterHref(state, 'owner_id', r.key) })),
    ),
  };
}
