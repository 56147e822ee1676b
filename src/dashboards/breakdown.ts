import type { SqlEngine } from '../db/engine.ts';
import type { AttainmentRow } from '../metrics/attainment.ts';
import type { BreakdownKey, BreakdownRow } from '../metrics/breakdown.ts';
import { VIEWS } from '../metrics/index.ts';
import type { Metric } from '../metrics/metric.ts';
import type { MetricParams } from '../metrics/params.ts';
import type { Translate } from '../i18n/translate.ts';
import type { SiteContext } from '../site/context.ts';
import { change, type TableColumn } from './table.ts';
import { sumSelections, targetScope, targetsById } from './targets.ts';

/** A breakdown row with its target for the window, when its scope has targets. */
export interface GroupRow {
  readonly key: string | null;
  readonly label: string;
  readonly row: BreakdownRow;
  readonly target: number | null;
  readonly targetWon: number | null;
  readonly attainment: number | null;
}

const VIEW_OF: Record<BreakdownKey, Metric<BreakdownRow>> = {
  region: VIEWS.by_region,
  product_line: VIEWS.by_product_line,
  team: VIEWS.by_team,
  owner_id: VIEWS.by_rep,
};

/**
 * The breakdown rows of a dimension and the attainment rows its targets come from: the one scope it shows,
 * periods overlapping the window (the targets are chosen among those: src/dashboards/targets.ts).
 */
export async function loadBreakdown(
  engine: SqlEngine,
  params: MetricParams,
  key: BreakdownKey,
  withTargets: boolean,
  signal?: AbortSignal,
) {
  const [rows, attainment] = await Promise.all([
    engine.all(VIEW_OF[key].build(params), signal),
    withTargets && targetScope(params.filters) !== null
      ? engine.all(VIEWS.attainment.build({ ...params, targetScopes: [key === 'region' ? 'region' : 'rep'] }), signal)
      : [],
  ]);
  return { rows, attainment };
}

/**
 * Rows with labels and targets: regions against region targets, reps against rep targets, a team
 * against its reps' targets added up. Product lines have none. Targets follow the overview's choice of
 * periods for the window, and none apply under a product, campaign or tier filter.
 */
export function groupRows(
  site: SiteContext,
  params: MetricParams,
  key: BreakdownKey,
  rows: readonly BreakdownRow[],
  attainment: readonly AttainmentRow[],
): GroupRow[] {
  const window = { from: params.from, to: params.to };
  const regions = key === 'region' ? targetsById(attainment, 'region', window) : null;
  const reps = key === 'owner_id' || key === 'team' ? targetsById(attainment, 'rep', window) : null;
  const repName = new Map(site.reps.map((r) => [r.rep_id, r.rep_name]));
  return rows.map((row) => {
    const value = row[key] as string | null;
    let selection: { target: number; wonAmount: number; attainment: number | null } | null = null;
    if (value !== null && regions) selection = regions.get(value) ?? null;
    if (value !== null && reps && key === 'owner_id') selection = reps.get(value) ?? null;
    // A team's target is its reps' targets; under a region filter only the reps of that region count.
    if (value !== null && reps && key === 'team')
      selection = sumSelections(teamReps(site, value, params).map((r) => reps.get(r.rep_id)));
    return {
      key: value,
      label: value === null ? '—' : key === 'owner_id' ? (repName.get(value) ?? value) : value,
      row,
      target: selection?.target ?? null,
      targetWon: selection?.wonAmount ?? null,
      attainment: selection?.attainment ?? null,
    };
  });
}

/**
 * A breakdown table's CSV records: the view's row as `pipescope query` gives it, then the target and
 * attainment the table adds (when the page shows targets).
 */
export function groupCsvRows(groups: readonly GroupRow[], withTargets: boolean): object[] {
  return groups.map((g) => (withTargets ? { ...g.row, target: g.target, attainment: g.attainment } : g.row));
}

function teamReps(site: SiteContext, team: string, params: MetricParams) {
  const regions = params.filters.region;
  return site.reps.filter(
    (r) => r.team === team && (!regions?.length || (r.region !== null && regions.includes(r.region))),
  );
}

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
    {
      key: 'won_change',
      label: t('table.vs_previous'),
      kind: 'change',
      value: (g) => change(g.row.won_amount, g.row.prev_won_amount),
    },
    { key: 'won_deals', label: t('table.won_deals'), kind: 'count', value: (g) => g.row.won_deals },
    ...(withTargets
      ? ([
          { key: 'target', label: t('table.target'), kind: 'money', value: (g) => g.target },
          { key: 'attainment', label: t('table.attainment'), kind: 'percent', value: (g) => g.attainment },
        ] satisfies TableColumn<GroupRow>[])
      : []),
    { key: 'win_rate', label: t('kpi.win_rate'), kind: 'percent', value: (g) => g.row.win_rate },
    { key: 'avg_deal_size', label: t('kpi.avg_deal_size'), kind: 'money', value: (g) => g.row.avg_deal_size },
    {
      key: 'avg_sales_cycle_days',
      label: t('table.cycle_days'),
      kind: 'days',
      value: (g) => g.row.avg_sales_cycle_days,
    },
    { key: 'open_pipeline', label: t('kpi.open_pipeline'), kind: 'money', value: (g) => g.row.open_pipeline },
    {
      key: 'weighted_pipeline',
      label: t('kpi.weighted_pipeline'),
      kind: 'money',
      value: (g) => g.row.weighted_pipeline,
    },
  ];
}
