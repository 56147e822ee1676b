import type { BarsSpec } from '../charts/bars.ts';
import type { MatrixSpec } from '../charts/matrix.ts';
import type { SqlEngine } from '../db/engine.ts';
import type { Translate } from '../i18n/translate.ts';
import type { BreakdownRow } from '../metrics/breakdown.ts';
import { VIEWS } from '../metrics/index.ts';
import { metricParams, type SiteContext } from '../site/context.ts';
import type { ViewState } from '../state/viewState.ts';
import { breakdownColumns, groupCsvRows, groupRows, loadBreakdown, type GroupRow } from './breakdown.ts';
import { filterHref, filtersHref } from './links.ts';
import type { PageDefinition } from './page.ts';
import { keysByTotal } from './rows.ts';
import type { TableSpec } from './table.ts';

export interface ProductsView {
  readonly lines: readonly GroupRow[];
  /** product_region rows: won amount and the rest per product line × region. */
  readonly matrix: readonly BreakdownRow[];
}

async function loadProductsPage(
  engine: SqlEngine,
  site: SiteContext,
  state: ViewState,
  signal?: AbortSignal,
): Promise<ProductsView> {
  const params = metricParams(site, state);
  const [{ rows }, matrix] = await Promise.all([
    loadBreakdown(engine, params, 'product_line', false, signal),
    engine.all(VIEWS.product_region.build(params), signal),
  ]);
  return { lines: groupRows(site, params, 'product_line', rows, []), matrix };
}

function productsChart(view: ProductsView, state: ViewState, t: Translate): BarsSpec {
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
function matrixChart(view: ProductsView, state: ViewState, t: Translate): MatrixSpec {
  const total = (key: 'product_line' | 'region') =>
    keysByTotal(
      view.matrix,
      (r) => String(r[key]),
      (r) => r.won_amount,
    );
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
      href: filtersHref(state, [
        ['product_line', String(r.product_line)],
        ['region', String(r.region)],
      ]),
    })),
  };
}

/** The breakdown per product line, and a product line × region heatmap whose cells filter to both. */
export const productsPage: PageDefinition<
  ProductsView,
  { lines: TableSpec<GroupRow>; matrix: TableSpec<BreakdownRow> }
> = {
  key: 'products',
  testId: 'products-page',
  title: (t) => t('products.title'),
  lead: 'products.lead',
  params: [],
  load: loadProductsPage,
  charts: (view, { state, t }) => ({
    'product-lines': productsChart(view, state, t),
    'product-region': matrixChart(view, state, t),
  }),
  tables: (view, { state, t }) => ({
    lines: {
      name: 'by-product-line',
      columns: breakdownColumns(
        t,
        {
          key: 'product_line',
          label: t('filters.product_line'),
          href: (g) => (g.key === null ? null : filterHref(state, 'product_line', g.key)),
        },
        false,
      ),
      rows: view.lines,
      rowKey: (g) => g.key ?? '',
      csvRows: (groups) => groupCsvRows(groups, false),
    },
    matrix: {
      name: 'product-region',
      columns: [
        {
          key: 'product_line',
          label: t('filters.product_line'),
          kind: 'text',
          value: (r) => r.product_line as string,
          href: (r) => filterHref(state, 'product_line', String(r.product_line)),
        },
        {
          key: 'region',
          label: t('filters.region'),
          kind: 'text',
          value: (r) => r.region as string,
          href: (r) =>
            filtersHref(state, [
              ['product_line', String(r.product_line)],
              ['region', String(r.region)],
            ]),
        },
        { key: 'won_amount', label: t('table.won_amount'), kind: 'money', value: (r) => r.won_amount },
        { key: 'won_deals', label: t('table.won_deals'), kind: 'count', value: (r) => r.won_deals },
        { key: 'win_rate', label: t('kpi.win_rate'), kind: 'percent', value: (r) => r.win_rate },
        { key: 'open_pipeline', label: t('kpi.open_pipeline'), kind: 'money', value: (r) => r.open_pipeline },
      ],
      rows: view.matrix,
      rowKey: (r) => `${r.product_line}|${r.region}`,
    },
  }),
};
