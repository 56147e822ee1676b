import type { GroupedSpec } from '../charts/grouped.ts';
import type { TimelineSpec } from '../charts/timeline.ts';
import type { SqlEngine } from '../db/engine.ts';
import type { Translate } from '../i18n/translate.ts';
import type { BreakdownRow } from '../metrics/breakdown.ts';
import { dealHeader, dealTimeline, type DealHeader, type TimelineRow } from '../metrics/dealTimeline.ts';
import type { RepInfo } from '../metrics/dimensions.ts';
import { VIEWS } from '../metrics/index.ts';
import type { OpenDealRow } from '../metrics/openDeals.ts';
import type { MetricParams } from '../metrics/params.ts';
import type { RepDwellRow } from '../metrics/repDwell.ts';
import { loadLatestDealDates } from '../metrics/dealDates.ts';
import { metricParams, type SiteContext } from '../site/context.ts';
import { serializeViewState, type ViewState } from '../state/viewState.ts';

/** Open deals listed on a rep's page; the CSV download has them all. */
export const OPEN_DEALS_SHOWN = 25;

export interface DealTimelineView {
  readonly oppId: string;
  /** Null when no deal has that id (a stale link). */
  readonly header: DealHeader | null;
  readonly stints: readonly TimelineRow[];
}

export interface RepPageView {
  readonly rep: RepInfo;
  readonly summary: BreakdownRow | null;
  readonly dwell: readonly RepDwellRow[];
  readonly openDeals: readonly OpenDealRow[];
  readonly openTotal: number;
  readonly stalledTotal: number;
  readonly timeline: DealTimelineView | null;
}

/** The page's parameters: the filters in force, narrowed to this rep. */
export function repParams(site: SiteContext, state: ViewState, repId: string): MetricParams {
  const params = metricParams(site, state);
  return { ...params, filters: { ...params.filters, owner_id: [repId] } };
}

export async function loadTimeline(engine: SqlEngine, site: SiteContext, oppId: string, signal?: AbortSignal): Promise<DealTimelineView> {
  const [header] = await engine.all(dealHeader(oppId), signal);
  const stints = await engine.all(dealTimeline({ asOf: site.asOf }, oppId), signal);
  return { oppId, header: header ?? null, stints };
}

export async function loadRepPage(engine: SqlEngine, site: SiteContext, rep: RepInfo, state: ViewState, signal?: AbortSignal): Promise<RepPageView> {
  const params = repParams(site, state, rep.rep_id);
  const [summary] = await engine.all(VIEWS.by_rep.build(params), signal);
  const dwell = await engine.all(VIEWS.rep_dwell.build(params), signal);
  // One rep's open deals are a few hundred rows even at a million deals: one query gives the list, its
  // count and the stalled count, where three would each recompute the stints.
  const open = await engine.all(VIEWS.open_deals.build(params), signal);
  const timeline = state.deal ? await loadTimeline(engine, site, state.deal, signal) : null;
  return { rep, summary: summary ?? null, dwell, ...openList(open, state.stage), timeline };
}

/** The page's part of a rep's open deals (view order): those in the chosen stage, if any, and the stalled count. */
function openList(open: readonly OpenDealRow[], stage: string | undefined) {
  const listed = stage === undefined ? open : open.filter((d) => d.stage === stage);
  return { openDeals: listed.slice(0, OPEN_DEALS_SHOWN), openTotal: listed.length, stalledTotal: open.filter((d) => d.stalled).length };
}

/** Every open deal of the list for the CSV download, in the view's order. */
export async function loadAllOpenDeals(engine: SqlEngine, site: SiteContext, state: ViewState, repId: string): Promise<OpenDealRow[]> {
  const open = await engine.all(VIEWS.open_deals.build(repParams(site, state, repId)));
  return state.stage === undefined ? open : open.filter((d) => d.stage === state.stage);
}

/** A rep's page as built: its site context (the default period follows the rep's own deals) and its default view. */
export interface RepPageBuild {
  readonly site: SiteContext;
  readonly view: RepPageView;
}

/**
 * Every rep's default page at build. A rep's default period is this year unless the rep has no deal
 * created or closed in it, then the rep's own latest year with deals; so each page's site context carries
 * the rep's latest deal date. The reps on the site's window come from three queries instead of three per
 * rep (a million deals have 400 reps); the others are queried one by one, as their island would.
 */
export async function loadAllRepPages(engine: SqlEngine, site: SiteContext, state: ViewState): Promise<Map<string, RepPageBuild>> {
  const { byOwner } = await loadLatestDealDates(engine, { asOf: site.asOf, tz: site.tz });
  const sites = new Map(site.reps.map((rep) => [rep.rep_id, { ...site, latestDealDate: byOwner.get(rep.rep_id) ?? null }]));
  const siteWindow = metricParams(site, state);
  const sameWindow = (s: SiteContext): boolean => {
    const window = metricParams(s, state);
    return window.from === siteWindow.from && window.to === siteWindow.to;
  };
  const batched = await loadRepPagesAtOnce(engine, site, state);
  const pages = new Map<string, RepPageBuild>();
  for (const rep of site.reps) {
    const repSite = sites.get(rep.rep_id)!;
    pages.set(rep.rep_id, { site: repSite, view: sameWindow(repSite) ? batched.get(rep.rep_id)! : await loadRepPage(engine, repSite, rep, state) });
  }
  return pages;
}

/**
 * The default pages of every rep on the site's window in three queries: the views ordered as they are,
 * unfiltered, then split by owner — for one owner the rows are exactly what the page's own query with
 * that owner's filter gives.
 */
async function loadRepPagesAtOnce(engine: SqlEngine, site: SiteContext, state: ViewState): Promise<Map<string, RepPageView>> {
  const params = metricParams(site, state);
  const summaries = await engine.all(VIEWS.by_rep.build(params));
  const dwell = await engine.all(VIEWS.rep_dwell.build(params));
  const open = await engine.all(VIEWS.open_deals.build(params));
  const group = <R extends { owner_id: string | number | null }>(rows: readonly R[]) => {
    const map = new Map<string, R[]>();
    for (const r of rows) {
      const key = String(r.owner_id);
      const list = map.get(key);
      if (list) list.push(r);
      else map.set(key, [r]);
    }
    return map;
  };
  const dwellOf = group(dwell);
  const openOf = group(open);
  const summaryOf = new Map(summaries.map((s) => [String(s.owner_id), s]));
  return new Map(
    site.reps.map((rep) => {
      return [
        rep.rep_id,
        {
          rep,
          summary: summaryOf.get(rep.rep_id) ?? null,
          dwell: dwellOf.get(rep.rep_id) ?? [],
          ...openList(openOf.get(rep.rep_id) ?? [], state.stage),
          timeline: null,
        },
      ];
    }),
  );
}

/**
 * Median days per stage: this rep beside the team and the company (the chart that shows who sits where).
 * A stage's bars list the rep's open deals now in that stage.
 */
export function dwellChart(view: RepPageView, state: ViewState, t: Translate): GroupedSpec {
  const rep = view.rep.rep_name;
  const team = t('rep.team_median');
  const company = t('rep.company_median');
  const stages = [...new Set(view.dwell.map((d) => d.stage))];
  return {
    kind: 'grouped',
    title: t('rep.dwell'),
    description: t('rep.dwell.desc', { rep }),
    axis: t('rep.median_days'),
    valueKind: 'days',
    groups: stages,
    series: [rep, team, company],
    stacked: false,
    rows: view.dwell.flatMap((d) => {
      const href = `?${serializeViewState({ ...state, stage: d.stage, deal: undefined })}`;
      return [
        { group: d.stage, series: rep, value: d.median_days, href },
        { group: d.stage, series: team, value: d.team_median_days, href },
        { group: d.stage, series: company, value: d.company_median_days, href },
      ];
    }),
  };
}

/** The deal's stints on its pipeline's stages, the current open one running to as_of. */
export function timelineChart(timeline: DealTimelineView, site: SiteContext, t: Translate): TimelineSpec {
  const pipelines = new Set(site.stages.filter((s) => timeline.stints.some((x) => x.stage === s.stage)).map((s) => s.pipeline));
  const stages = site.stages.filter((s) => pipelines.has(s.pipeline)).map((s) => s.stage);
  return {
    kind: 'timeline',
    title: t('rep.timeline', { deal: timeline.header?.opp_name ?? timeline.oppId }),
    description: t('rep.timeline.desc'),
    stages,
    stints: timeline.stints.map((s) => ({
      seq: s.seq,
      stage: s.stage,
      kind: s.stage_kind,
      start: s.entered_at,
      end: s.left_at ?? (s.stage_kind === 'open' ? site.asOf : s.entered_at),
      days: s.days,
    })),
  };
}
