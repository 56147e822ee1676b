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

export interface CycleView {
  readonly rows: readonly CycleSummaryRow[];
}

export interface RepCycle {
  readonly ownerId: string;
  readonly label: string;
  readonly figures: Partial<Record<CycleMeasure, CycleSummaryRow>>;
}

export async function loadCyclePage(engine: SqlEngine, site: SiteContext, state: ViewState, signal?: AbortSignal): Promise<CycleView> {
  return { rows: await engine.all(VIEWS.cycle_summary.build(metricParams(site, state)), signal) };
}

export const overall = (view: CycleView, measure: CycleMeasure): CycleSummaryRow | undefined =>
  view.rows.find((r) => r.grain === 'all' && r.measure === measure);

/** One line per rep with each measure's figures, in the view's rep order. */
export function repCycles(view: CycleView, site: SiteContext): RepCycle[] {
  const names = new Map(site.reps.map((r) => [r.rep_id, r.rep_name]));
  const reps = new Map<string, RepCycle>();
  for (const r of view.rows) {
    if (r.grain !== 'rep' || r.key === null) continue;
    const line = reps.get(r.key) ?? { ownerId: r.key, label: names.get(r.key) ?? r.key, figures: {} };
    (line.figures as Record<CycleMeasure, CycleSummaryRow>)[r.measure] = r;
    reps.set(r.key, line);
  }
  return [...reps.values()];
}

/**
 * The per-rep table's CSV records: cycle_summary's own rows of the rep grain, in the view's order, as
 * `pipescope query cycle_summary` gives them (the table pivots them to a line per rep).
 */
export function repCycleCsvRows(view: CycleView): CycleSummaryRow[] {
  return view.rows.filter((r) => r.grain === 'rep');
}

export function distributionChart(view: CycleView, t: Translate): BoxSpec {
  return {
    kind: 'box',
    title: t('cycle.distribution'),
    description: t('cycle.distribution.desc'),
    axis: t('cycle.days'),
    rows: CYCLE_MEASURES.flatMap((m) => {
      const r = overall(view, m);
      return r ? [{ label: t(`cycle.${m}`), p10: r.p10_days, p25: r.p25_days, median: r.median_days, p75: r.p75_days, p90: r.p90_days, mean: r.mean_days, deals: r.deals }] : [];
    }),
  };
}

/** Mean opportunity→win days per rep against everyone's mean; a bar filters the page to the rep. */
export function perRepChart(view: CycleView, site: SiteContext, state: ViewState, t: Translate): BarsSpec {
  const all = overall(view, 'opp_to_win');
  const reps = repCycles(view, site).filter((r) => r.figures.opp_to_win);
  reps.sort((a, b) => a.figures.opp_to_win!.mean_days - b.figures.opp_to_win!.mean_days || (a.ownerId < b.ownerId ? -1 : 1));
  return {
    kind: 'bars',
    title: t('cycle.per_rep'),
    description: t('cycle.per_rep.desc'),
    axis: t('cycle.mean_days'),
    valueKind: 'days',
    reference: all ? { value: all.mean_days, label: t('cycle.average') } : undefined,
    rows: reps.map((r) => ({ key: r.ownerId, label: r.label, value: r.figures.opp_to_win!.mean_days, href: filterHref(state, 'owner_id', r.ownerId) })),
  };
}

/** Median days per month for each measure. */
export function trendChart(view: CycleView, t: Translate): LinesSpec {
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
