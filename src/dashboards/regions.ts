import type { BarsSpec } from '../charts/bars.ts';
import type { SqlEngine } from '../db/engine.ts';
import type { Translate } from '../i18n/translate.ts';
import type { BreakdownKey } from '../metrics/breakdown.ts';
import type { Filters } from '../metrics/params.ts';
import { metricParams, type SiteContext } from '../site/context.ts';
import { serializeViewState, withFilter, type ViewState } from '../state/viewState.ts';
import { breakdownColumns, groupCsvRows, groupRows, loadBreakdown, type GroupRow } from './breakdown.ts';
import { filterHref, repHref } from './links.ts';
import type { PageDefinition } from './page.ts';
import type { TableSpec } from './table.ts';

/** How deep the drill is: regions, a region's teams, a team's reps (then a rep's own page). */
export type RegionLevel = 'region' | 'team' | 'rep';

const one = (filters: Filters, key: keyof Filters): string | undefined =>
  filters[key]?.length === 1 ? filters[key][0] : undefined;

export function regionLevel(filters: Filters): RegionLevel {
  if (one(filters, 'team') !== undefined || (filters.owner_id?.length ?? 0) > 0) return 'rep';
  if (one(filters, 'region') !== undefined) return 'team';
  return 'region';
}

const LEVEL_KEY: Record<RegionLevel, BreakdownKey> = { region: 'region', team: 'team', rep: 'owner_id' };

export interface RegionsView {
  readonly level: RegionLevel;
  readonly groups: readonly GroupRow[];
}

async function loadRegionsPage(
  engine: SqlEngine,
  site: SiteContext,
  state: ViewState,
  signal?: AbortSignal,
): Promise<RegionsView> {
  const params = metricParams(site, state);
  const level = regionLevel(state.filters);
  const key = LEVEL_KEY[level];
  const { rows, attainment } = await loadBreakdown(engine, params, key, true, signal);
  return { level, groups: groupRows(site, params, key, rows, attainment) };
}

/** Where a group's bar or name leads: one level deeper with every filter kept, a rep to their page. */
export function drillHref(site: SiteContext, state: ViewState, level: RegionLevel, key: string | null): string | null {
  if (key === null) return null;
  if (level === 'rep') return repHref(site.base, state, key);
  return filterHref(state, LEVEL_KEY[level], key);
}

export interface Crumb {
  readonly label: string;
  readonly href: string | null;
}

/**
 * All regions › EMEA › Enterprise: each crumb goes back up to that level, dropping only the drill's own
 * filters below it (region, team, rep); period and other filters stay.
 */
export function breadcrumbs(state: ViewState, t: Translate): Crumb[] {
  const level = regionLevel(state.filters);
  const up = (keys: readonly ('region' | 'team' | 'owner_id')[]): string => {
    let next: ViewState = { ...state, deal: undefined };
    for (const k of keys) next = withFilter(next, k, []);
    return `?${serializeViewState(next)}`;
  };
  const crumbs: Crumb[] = [
    { label: t('regions.all'), href: level === 'region' ? null : up(['region', 'team', 'owner_id']) },
  ];
  const region = one(state.filters, 'region');
  const team = one(state.filters, 'team');
  if (region !== undefined && level !== 'region')
    crumbs.push({ label: region, href: level === 'team' ? null : up(['team', 'owner_id']) });
  if (team !== undefined) crumbs.push({ label: team, href: null });
  return crumbs;
}

function regionsChart(view: RegionsView, site: SiteContext, state: ViewState, t: Translate): BarsSpec {
  return {
    kind: 'bars',
    title: t(`regions.chart.${view.level}`),
    description: t('regions.chart.desc'),
    axis: t('table.won_amount'),
    valueKind: 'money',
    rows: view.groups.map((g) => ({
      key: g.key ?? '',
      label: g.label,
      value: g.row.won_amount,
      previous: g.row.prev_won_amount,
      href: drillHref(site, state, view.level, g.key),
    })),
  };
}

/** Won, target and attainment per region, drilled region → team → rep (then the rep's page). */
export const regionsPage: PageDefinition<RegionsView, { groups: TableSpec<GroupRow> }> = {
  key: 'regions',
  testId: 'regions-page',
  title: (t) => t('regions.title'),
  lead: 'regions.lead',
  params: [],
  load: loadRegionsPage,
  charts: (view, { site, state, t }) => ({ 'regions-won': regionsChart(view, site, state, t) }),
  tables: (view, { site, state, t }) => ({
    groups: {
      name: `by-${view.level}`,
      columns: breakdownColumns(
        t,
        {
          key: view.level === 'rep' ? 'owner_id' : view.level,
          label: t(`regions.level.${view.level}`),
          href: (g) => drillHref(site, state, view.level, g.key),
        },
        true,
      ),
      rows: view.groups,
      rowKey: (g) => g.key ?? '',
      csvRows: (groups) => groupCsvRows(groups, true),
    },
  }),
  rootData: (view) => ({ 'data-level': view.level }),
};
