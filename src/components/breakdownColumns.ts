import type { GroupRow } from '../dashboards/breakdownPage.ts';
import type { Translate } from '../i18n/translate.ts';
import { change, type TableColumn } from './table.ts';

/**
 * The measures of a breakdown table (regions, product lines, teams, reps), in the order a sales manager
 * reads them: what was won and how that moved, the target, the quality of the win, what is still open.
 */
export function breakdownColumns(
  t: Translate,
  first: { key: string; label: string; href: (g: GroupRow) => string | null },
  withTargets: boolean,
): TableColumn<GroupRow>[] {
  return [
    { key: first.key, label: first.label, kind: 'text', value: (g) => g.key, text: (g) => g.label, href: first.href },
    { key: 'won_amount', label: t('table.won_amount'), kind: 'money', value: (g) => g.row.won_amount },
    { key: 'won_change', label: t('table.vs_previous'), kind: 'change', value: (g) => change(g.row.won_amount, g.row.prev_won_amount) },
    { key: 'won_deals', label: t('table.won_deals'), kind: 'count', value: (g) => g.row.won_deals },
    ...(withTargets
      ? ([
          { key: 'target', label: t('table.target'), kind: 'money', value: (g) => g.target },
          { key: 'attainment', label: t('table.attainment'), kind: 'percent', value: (g) => g.attainment },
        ] satisfies TableColumn<GroupRow>[])
      : []),
    { key: 'win_rate', label: t('kpi.win_rate'), kind: 'percent', value: (g) => g.row.win_rate },
    { key: 'avg_deal_size', label: t('kpi.avg_deal_size'), kind: 'money', value: (g) => g.row.avg_deal_size },
    { key: 'avg_sales_cycle_days', label: t('table.cycle_days'), kind: 'days', value: (g) => g.row.avg_sales_cycle_days },
    { key: 'open_pipeline', label: t('kpi.open_pipeline'), kind: 'money', value: (g) => g.row.open_pipeline },
    { key: 'weighted_pipeline', label: t('kpi.weighted_pipeline'), kind: 'money', value: (g) => g.row.weighted_pipeline },
  ];
}
