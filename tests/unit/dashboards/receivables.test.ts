import { describe, expect, it } from 'vitest';
import type { GroupedSpec } from '../../../src/charts/grouped.ts';
import { CHART_OWNERS, receivablesPage, type ReceivablesView } from '../../../src/dashboards/receivables.ts';
import type { PageContext } from '../../../src/dashboards/page.ts';
import { translator } from '../../../src/i18n/translate.ts';
import type { ReceivablesByRow } from '../../../src/metrics/receivablesBy.ts';
import type { SiteContext } from '../../../src/site/context.ts';
import { defaultViewState } from '../../../src/state/viewState.ts';

const owner = (i: number): ReceivablesByRow => ({
  key: `R${i}`,
  name: `Rep ${i}`,
  invoices: 1,
  outstanding_amount: 1000 - i,
  overdue_amount: 0,
  current_amount: 1000 - i,
  overdue_1_30: 0,
  overdue_31_60: 0,
  overdue_61_90: 0,
  overdue_90_plus: 0,
  max_days_overdue: 0,
});

const view: ReceivablesView = {
  missing: [],
  buckets: [],
  owners: Array.from({ length: 30 }, (_, i) => owner(i)),
  accounts: [],
  accountsTotal: 0,
  overdue: [],
  overdueTotal: 0,
};
const ctx = { site: { base: '/' } as SiteContext, state: defaultViewState(), t: translator('en') } as PageContext;

describe('the receivables page', () => {
  it('charts the owners owed most and says how many; its table keeps every owner', () => {
    const chart = receivablesPage.charts(view, ctx)['receivables-owners'] as GroupedSpec;
    expect(chart.groups).toEqual(view.owners.slice(0, CHART_OWNERS).map((o) => o.name));
    expect(chart.rows).toHaveLength(CHART_OWNERS * 5);
    expect(chart.description).toContain(`the ${CHART_OWNERS} owners owed most`);
    expect(receivablesPage.tables!(view, ctx).owners.rows).toHaveLength(30);
  });
});
