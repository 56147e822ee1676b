import type { BarsSpec } from '../charts/bars.ts';
import type { SqlEngine } from '../db/engine.ts';
import type { Translate } from '../i18n/translate.ts';
import { VIEWS } from '../metrics/index.ts';
import type { RepActivityRow } from '../metrics/repActivity.ts';
import { metricParams, type SiteContext } from '../site/context.ts';
import type { ViewState } from '../state/viewState.ts';
import { DEFAULT_IDLE_DAYS } from '../metrics/activityRollup.ts';
import { breakdownColumns, groupRows, loadBreakdown, type GroupRow } from './breakdown.ts';
import { filterHref, repHref } from './links.ts';
import type { PageDefinition } from './page.ts';
import { sum } from './rows.ts';
import type { TableColumn, TableSpec } from './table.ts';

/**
 * Reps in the leaderboard's chart, the best sellers (the table lists every rep): 400 bars at 1M deals were
 * unreadable, and drawing them cost most of each filter change.
 */
export const CHART_REPS = 25;

export interface RepLine extends GroupRow {
  readonly team: string | null;
  /** From the optional activities table; null without it. */
  readonly activity: RepActivityRow | null;
  /** Won amount minus the average rep's. */
  readonly vsAverage: number;
}

export interface Pareto {
  /** How many reps are the top 20% (at least one), of how many. */
  readonly top: number;
  readonly reps: number;
  /** Their share of the won amount; null when nothing was won. */
  readonly share: number | null;
}

export interface RepsView {
  readonly reps: readonly RepLine[];
  readonly average: number;
  readonly pareto: Pareto;
  readonly hasActivities: boolean;
}

/** The 80/20 check: what the best-selling fifth of the reps brought in (ties broken by the rows' order). */
export function pareto(reps: readonly { row: { won_amount: number } }[]): Pareto {
  const sorted = reps.map((r) => r.row.won_amount).sort((a, b) => b - a);
  const total = sum(sorted, (v) => v);
  const top = Math.max(1, Math.ceil(sorted.length * 0.2));
  const share = total === 0 ? null : sum(sorted.slice(0, top), (v) => v) / total;
  return { top: Math.min(top, sorted.length), reps: sorted.length, share };
}

async function loadRepsPage(
  engine: SqlEngine,
  site: SiteContext,
  state: ViewState,
  signal?: AbortSignal,
): Promise<RepsView> {
  const params = metricParams(site, state);
  const hasActivities = site.present.activities === true;
  const [{ rows, attainment }, activity] = await Promise.all([
    loadBreakdown(engine, params, 'owner_id', true, signal),
    hasActivities ? engine.all(VIEWS.rep_activity.build(params), signal) : [],
  ]);
  const byOwner = new Map(activity.map((a) => [a.owner_id, a]));
  const groups = groupRows(site, params, 'owner_id', rows, attainment);
  const average = groups.length === 0 ? 0 : sum(groups, (g) => g.row.won_amount) / groups.length;
  const team = new Map(site.reps.map((r) => [r.rep_id, r.team]));
  return {
    reps: groups.map((g) => ({
      ...g,
      team: team.get(g.key ?? '') ?? null,
      activity: byOwner.get(g.key ?? '') ?? null,
      vsAverage: g.row.won_amount - average,
    })),
    average,
    pareto: pareto(groups),
    hasActivities,
  };
}

/**
 * The leaderboard's CSV records: by_rep's row as `pipescope query by_rep` gives it, then what the table
 * adds — team, target, attainment, the gap to the average rep and, with activities, rep_activity's figures.
 */
function repsCsvRows(view: RepsView, reps: readonly RepLine[]): object[] {
  return reps.map((r) => ({
    ...r.row,
    team: r.team,
    target: r.target,
    attainment: r.attainment,
    vs_average: r.vsAverage,
    ...(view.hasActivities
      ? {
          activities_per_week: r.activity?.activities_per_week ?? null,
          idle_open_deals: r.activity?.idle_open_deals ?? null,
        }
      : {}),
  }));
}

/** Won amount of the best sellers, best first, against the average rep (the dashed line); a bar opens the rep's page. */
function leaderboardChart(view: RepsView, site: SiteContext, state: ViewState, t: Translate): BarsSpec {
  const reps = view.reps.slice(0, CHART_REPS);
  return {
    kind: 'bars',
    title: t('reps.chart'),
    description: t('reps.chart.desc', { count: reps.length }),
    axis: t('table.won_amount'),
    valueKind: 'money',
    reference: { value: view.average, label: t('reps.average') },
    rows: reps.map((r) => ({
      key: r.key ?? '',
      label: r.label,
      value: r.row.won_amount,
      previous: r.row.prev_won_amount,
      href: r.key === null ? null : repHref(site.base, state, r.key),
    })),
  };
}

/** The leaderboard per rep with the 80/20 share and each rep against the average rep; a rep opens their page. */
export const repsPage: PageDefinition<RepsView, { reps: TableSpec<RepLine> }> = {
  key: 'reps',
  testId: 'reps-page',
  title: (t) => t('reps.title'),
  lead: 'reps.lead',
  params: [],
  load: loadRepsPage,
  charts: (view, { site, state, t }) => ({ 'reps-won': leaderboardChart(view, site, state, t) }),
  tables(view, { site, state, t, fmt }) {
    const [name, ...measures] = breakdownColumns(
      t,
      {
        key: 'owner_id',
        label: t('filters.owner_id'),
        href: (g) => (g.key === null ? null : repHref(site.base, state, g.key)),
      },
      true,
    );
    const activity: TableColumn<RepLine>[] = [
      {
        key: 'activities_per_week',
        label: t('reps.activities_per_week'),
        kind: 'days',
        value: (r) => r.activity?.activities_per_week ?? null,
        text: (r) => fmt.days(r.activity?.activities_per_week ?? null),
      },
      {
        key: 'idle_open_deals',
        label: t('reps.idle', { days: DEFAULT_IDLE_DAYS }),
        kind: 'count',
        value: (r) => r.activity?.idle_open_deals ?? null,
      },
    ];
    return {
      reps: {
        name: 'reps',
        columns: [
          name!,
          {
            key: 'team',
            label: t('filters.team'),
            kind: 'text',
            value: (r) => r.team,
            href: (r) => (r.team === null ? null : filterHref(state, 'team', r.team)),
          },
          ...measures,
          { key: 'vs_average', label: t('reps.vs_average'), kind: 'money', value: (r) => r.vsAverage },
          ...(view.hasActivities ? activity : []),
        ],
        rows: view.reps,
        rowKey: (r) => r.key ?? '',
        csvRows: (reps) => repsCsvRows(view, reps),
      },
    };
  },
};
