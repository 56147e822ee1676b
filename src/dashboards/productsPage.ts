import type { BarsSpec } from '../charts/bars.ts';
import type { MatrixSpec } from '../charts/matrix.ts';
import type { SqlEngine } from '../db/engine.ts';
import type { Translate } from '../i18n/translate.ts';
import type { BreakdownRow } from '../metrics/breakdown.ts';
import { VIEWS } from '../metrics/index.ts';
import { metricParams, type SiteContext } from '../site/context.ts';
import type { ViewState } from '../state/viewState.ts';
import { groupRows, loadBreakdown, type GroupRow } from './breakdownPage.ts';
import { filterHref, filtersHref } from './links.ts';

export interface ProductsView {
  readonly lines: readonly GroupRow[];
  /** product_region rows: won amount and the rest per product line × region. */
  readonly matrix: readonly BreakdownRow[];
}

export async function loadProductsPage(engine: SqlEngine, site: SiteContext, state: ViewState, signal?: AbortSignal): Promise<ProductsView> {
  const params = metricParams(site, state);
  const { rows } = await loadBreakdown(engine, params, 'product_line', false, signal);
  const matrix = await engine.all(VIEWS.product_region.build(params), signal);
  return { lines: groupRows(site, params, 'product_line', rows, []), matrix };
}

export function productsChart(view: ProductsView, state: ViewState, t: Translate): BarsSpec {
  return {
    kind: 'bars',
    title: t('products.chart'),
    description: t('regions.chart.desc'),
    axis: t('table.won_amount'),
    valueKind: 'money',
    rows: view.lines.map((g) => ({
      key: g.key ?? '',
      label: g.label,
      value: g.row.won_amount,
      previous: g.row.prev_won_amount,
      href: g.key === null ? null : filterHref(state, 'product_line', g.key),
    })),
  };
}

/** Product lines down, regions across, in the order of their totals; a cell filters to both. */
export function matrixChart(view: ProductsView, state: ViewState, t: Translate): MatrixSpec {
  const total = (key: 'product_line' | 'region') => {
    const sums = new Map<string, number>();
    for (const r of view.matrix) sums.set(String(r[key]), (sums.get(String(r[key])) ?? 0) + r.won_amount);
    return [...sums].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  };
  return {
    kind: 'matrix',
    title: t('products.matrix'),
    description: t('products.matrix.desc'),
    valueKind: 'money',
    xs: total('region'),
    ys: total('product_line'),
    cells: view.matrix.map((r) => ({
      x: String(r.region),
      y: String(r.product_line),
      value: r.won_amount,
      href: filtersHref(state, [['product_line', String(r.product_line)], ['region', String(r.region)]]),
    })),
  };
}
