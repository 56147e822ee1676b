import type { BarsSpec } from '../charts/bars.ts';
import type { BoxSpec } from '../charts/box.ts';
import type { LinesSpec } from '../charts/lines.ts';
import type { SqlEngine } from '../db/engine.ts';
import type { Translate } from '../i18n/translate.ts';
import { CYCLE_MEASURES, type CycleMeasure, type CycleSummaryRow } from '../metrics/cycleSummary.ts';
import { VIEWS } from '../metrics/index.ts';
import { metricParams, type SiteContext } from '../site/context.ts';
import type { ViewState } from '../state/viewState.ts';
import { filterHref } from './links.ts';
import type { PageDefinition } from './page.ts';
import type { TableColumn, TableSpec } from './table.ts';
import { groupBy } from './rows.ts';

export interface CycleView {
  readonly rows: readonly CycleSummaryRow[];
}

export interface RepCycle {
  readonly ownerId: string;
  readonly label: string;
  readonly figures: Partial<Record<CycleMeasure, CycleSummaryRow>>;
}

async function loadCyclePage(
  engine: SqlEngine,
  site: SiteContext,
  state: ViewState,
  signal?: AbortSignal,
): Promise<CycleView> {
  return { rows: await engine.all(VIEWS.cycle_summary.build(metricParams(site, state)), signal) };
}

export const overall = (view: CycleView, measure: CycleMeasure): CycleSummaryRow | undefined =>
  view.rows.find((r) => r.grain === 'all' && r.measure === measure);

/** One line per rep with each measure's figures, in the view's rep order. */
export function repCycles(view: CycleView, site: SiteContext): RepCycle[] {
  const names = new Map(site.reps.map((r) => [r.rep_id, r.rep_name]));
  const repRows = groupBy(
    view.rows.filter((r) => r.grain === 'rep' && r.key !== null),
    (r) => r.key!,
  );
  return [...repRows].map(([ownerId, rows]) => ({
    ownerId,
    label: names.get(ownerId) ?? ownerId,
    figures: Object.fromEntries(rows.map((r) => [r.measure, r])),
  }));
}

/**
 * The per-rep table's CSV records: cycle_summary's own rows of the rep grain, in the view's order, as
 * `pipescope query cycle_summary` gives them (the table pivots them to a line per rep).
 */
function repCycleCsvRows(view: CycleView): CycleSummaryRow[] {
  return view.rows.filter((r) => r.grain === 'rep');
}

function distributionChart(view: CycleView, t: Translate): BoxSpec {
  return {
    kind: 'box',
    title: t('cycle.distribution'),
    description: t('cycle.distribution.desc'),
    axis: t('cycle.days'),
    rows: CYCLE_MEASURES.flatMap((m) => {
      const r = overall(view, m);
      return r
        ? [
            {
              label: t(`cycle.${m}`),
              p10: r.p10_days,
              p25: r.p25_days,
              median: r.median_days,
              p75: r.p75_days,
              p90: r.p90_days,
              mean: r.mean_days,
              deals: r.deals,
            },
          ]
        : [];
    }),
  };
}

/**
 * Reps in the per-rep chart: those with the most wins, whose means say the most (the table lists every
 * rep). 400 bars at 1M deals were unreadable and cost most of each filter change.
 */
export const CHART_REPS = 25;

/** Mean opportunity→win days per rep against everyone's mean; a bar filters the page to the rep. */
function perRepChart(view: CycleView, site: SiteContext, state: ViewState, t: Translate): BarsSpec {
  const all = overall(view, 'opp_to_win');
  const reps = repCycles(view, site)
    .filter((r) => r.figures.opp_to_win)
    .sort((a, b) => b.figures.opp_to_win!.deals - a.figures.opp_to_win!.deals || (a.ownerId < b.ownerId ? -1 : 1))
    .slice(0, CHART_REPS);
  reps.sort(
    (a, b) => a.figures.opp_to_win!.mean_days - b.figures.opp_to_win!.mean_days || (a.ownerId < b.ownerId ? -1 : 1),
  );
  return {
    kind: 'bars',
    title: t('cycle.per_rep'),
    description: t('cycle.per_rep.desc', { count: reps.length }),
    axis: t('cycle.mean_days'),
    valueKind: 'days',
    reference: all ? { value: all.mean_days, label: t('cycle.average') } : undefined,
    rows: reps.map((r) => ({
      key: r.ownerId,
      label: r.label,
      value: r.figures.opp_to_win!.mean_days,
      href: filterHref(state, 'owner_id', r.ownerId),
    })),
  };
}

/** Median days per month for each measure. */
function trendChart(view: CycleView, t: Translate): LinesSpec {
  const points = view.rows
    .filter((r) => r.grain === 'month' && r.key !== null)
    .map((r) => ({ series: t(`cycle.${r.measure}`), month: r.key!, value: r.median_days }));
  return {
    kind: 'lines',
    title: t('cycle.trend'),
    description: t('cycle.trend.desc'),
    axis: t('rep.median_days'),
    series: CYCLE_MEASURES.map((m) => t(`cycle.${m}`)),
    points,
  };
}

interface CycleTables {
  readonly overall: TableSpec<CycleSummaryRow>;
  readonly reps: TableSpec<RepCycle>;
  readonly months: TableSpec<CycleSummaryRow>;
}

/** Lead → opportunity, opportunity → win and lead → win: their distribution, per rep against the average, by month. */
export const cyclePage: PageDefinition<CycleView, CycleTables> = {
  key: 'cycle',
  testId: 'cycle-page',
  title: (t) => t('cycle.title'),
  lead: 'cycle.lead',
  params: [],
  load: loadCyclePage,
  charts: (view, { site, state, t }) => ({
    'cycle-distribution': distributionChart(view, t),
    'cycle-per-rep': perRepChart(view, site, state, t),
    'cycle-trend': trendChart(view, t),
  }),
  wide: ['cycle-distribution'],
  tables(view, { site, state, t, fmt }) {
    const stats = (first: TableColumn<CycleSummaryRow>): TableColumn<CycleSummaryRow>[] => [
      first,
      { key: 'deals', label: t('rep.deals'), kind: 'count', value: (r) => r.deals },
      { key: 'mean_days', label: t('rep.mean'), kind: 'days', value: (r) => r.mean_days },
      { key: 'median_days', label: t('rep.median'), kind: 'days', value: (r) => r.median_days },
      { key: 'p25_days', label: 'P25', kind: 'days', value: (r) => r.p25_days },
      { key: 'p75_days', label: 'P75', kind: 'days', value: (r) => r.p75_days },
      { key: 'p90_days', label: 'P90', kind: 'days', value: (r) => r.p90_days },
    ];
    return {
      overall: {
        name: 'cycle-overall',
        columns: stats({
          key: 'measure',
          label: t('cycle.measure'),
          kind: 'text',
          value: (r) => r.measure,
          text: (r) => t(`cycle.${r.measure}`),
        }),
        rows: view.rows.filter((r) => r.grain === 'all'),
        rowKey: (r) => r.measure,
      },
      reps: {
        name: 'cycle-reps',
        columns: [
          {
            key: 'owner_id',
            label: t('filters.owner_id'),
            kind: 'text',
            value: (r) => r.ownerId,
            text: (r) => r.label,
            href: (r) => filterHref(state, 'owner_id', r.ownerId),
          },
          {
            key: 'won_deals',
            label: t('table.won_deals'),
            kind: 'count',
            value: (r) => r.figures.opp_to_win?.deals ?? 0,
          },
          {
            key: 'opp_to_win_mean',
            label: t('cycle.opp_to_win'),
            kind: 'days',
            value: (r) => r.figures.opp_to_win?.mean_days ?? null,
          },
          {
            key: 'opp_to_win_median',
            label: t('cycle.median_of', { measure: t('cycle.opp_to_win') }),
            kind: 'days',
            value: (r) => r.figures.opp_to_win?.median_days ?? null,
          },
          {
            key: 'lead_to_opp_mean',
            label: t('cycle.lead_to_opp'),
            kind: 'days',
            value: (r) => r.figures.lead_to_opp?.mean_days ?? null,
          },
          {
            key: 'lead_to_win_mean',
            label: t('cycle.lead_to_win'),
            kind: 'days',
            value: (r) => r.figures.lead_to_win?.mean_days ?? null,
          },
        ],
        rows: repCycles(view, site),
        rowKey: (r) => r.ownerId,
        csvRows: () => repCycleCsvRows(view),
      },
      months: {
        name: 'cycle-months',
        columns: stats({
          key: 'key',
          label: t('cycle.month'),
          kind: 'text',
          value: (r) => r.key,
          text: (r) => `${fmt.month(r.key)} · ${t(`cycle.${r.measure}`)}`,
        }),
        rows: view.rows.filter((r) => r.grain === 'month'),
        rowKey: (r) => `${r.measure}|${r.key ?? ''}`,
      },
    };
  },
};
