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
import type { PageDefinition } from './page.ts';
import { groupBy } from './rows.ts';
import type { TableSpec } from './table.ts';

/** Open deals listed on a rep's page; the CSV download has them all. */
export const OPEN_DEALS_SHOWN = 25;

/** A rep's page root element's test id, whichever rep (the benchmark finds the page by it). */
export const REP_PAGE_TEST_ID = 'rep-page';

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

export async function loadTimeline(
  engine: SqlEngine,
  site: SiteContext,
  oppId: string,
  signal?: AbortSignal,
): Promise<DealTimelineView> {
  const [[header], stints] = await Promise.all([
    engine.all(dealHeader(oppId), signal),
    engine.all(dealTimeline({ asOf: site.asOf }, oppId), signal),
  ]);
  return { oppId, header: header ?? null, stints };
}

export async function loadRepPage(
  engine: SqlEngine,
  site: SiteContext,
  rep: RepInfo,
  state: ViewState,
  signal?: AbortSignal,
): Promise<RepPageView> {
  const params = repParams(site, state, rep.rep_id);
  // One rep's open deals are a few hundred rows even at a million deals: one query gives the list, its
  // count and the stalled count, where three would each recompute the stints.
  const [[summary], dwell, open, timeline] = await Promise.all([
    engine.all(VIEWS.by_rep.build(params), signal),
    engine.all(VIEWS.rep_dwell.build(params), signal),
    engine.all(VIEWS.open_deals.build(params), signal),
    state.deal ? loadTimeline(engine, site, state.deal, signal) : null,
  ]);
  return { rep, summary: summary ?? null, dwell, ...openList(open, state.stage), timeline };
}

/** The page's part of a rep's open deals (view order): those in the chosen stage, if any, and the stalled count. */
function openList(open: readonly OpenDealRow[], stage: string | undefined) {
  const listed = stage === undefined ? open : open.filter((d) => d.stage === stage);
  return {
    openDeals: listed.slice(0, OPEN_DEALS_SHOWN),
    openTotal: listed.length,
    stalledTotal: open.filter((d) => d.stalled).length,
  };
}

/** Every open deal of the list for the CSV download, in the view's order. */
async function loadAllOpenDeals(
  engine: SqlEngine,
  site: SiteContext,
  state: ViewState,
  repId: string,
): Promise<OpenDealRow[]> {
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
export async function loadAllRepPages(
  engine: SqlEngine,
  site: SiteContext,
  state: ViewState,
): Promise<Map<string, RepPageBuild>> {
  const { byOwner } = await loadLatestDealDates(engine, { asOf: site.asOf, tz: site.tz });
  const sites = new Map(
    site.reps.map((rep) => [rep.rep_id, { ...site, latestDealDate: byOwner.get(rep.rep_id) ?? null }]),
  );
  const siteWindow = metricParams(site, state);
  const sameWindow = (s: SiteContext): boolean => {
    const window = metricParams(s, state);
    return window.from === siteWindow.from && window.to === siteWindow.to;
  };
  const batched = await loadRepPagesAtOnce(engine, site, state);
  const pages = new Map<string, RepPageBuild>();
  for (const rep of site.reps) {
    const repSite = sites.get(rep.rep_id)!;
    pages.set(rep.rep_id, {
      site: repSite,
      view: sameWindow(repSite) ? batched.get(rep.rep_id)! : await loadRepPage(engine, repSite, rep, state),
    });
  }
  return pages;
}

/**
 * The default pages of every rep on the site's window in three queries: the views ordered as they are,
 * unfiltered, then split by owner — for one owner the rows are exactly what the page's own query with
 * that owner's filter gives.
 */
async function loadRepPagesAtOnce(
  engine: SqlEngine,
  site: SiteContext,
  state: ViewState,
): Promise<Map<string, RepPageView>> {
  const params = metricParams(site, state);
  const summaries = await engine.all(VIEWS.by_rep.build(params));
  const dwell = await engine.all(VIEWS.rep_dwell.build(params));
  const open = await engine.all(VIEWS.open_deals.build(params));
  const dwellOf = groupBy(dwell, (r) => String(r.owner_id));
  const openOf = groupBy(open, (r) => String(r.owner_id));
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
function dwellChart(view: RepPageView, state: ViewState, t: Translate): GroupedSpec {
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
function timelineChart(timeline: DealTimelineView, site: SiteContext, t: Translate): TimelineSpec {
  const pipelines = new Set(
    site.stages.filter((s) => timeline.stints.some((x) => x.stage === s.stage)).map((s) => s.pipeline),
  );
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

interface RepTables {
  readonly dwell: TableSpec<RepDwellRow>;
  readonly openDeals: TableSpec<OpenDealRow>;
  /** The open deal's stints, when a deal is open (`?deal=`). */
  readonly stints: TableSpec<TimelineRow> | null;
}

/**
 * A rep's page: days per stage beside the team and the company, the open deals stalled first, and any
 * deal's stage timeline. One page per deal owner, the rep fixed (no rep filter there).
 */
export function repPage(rep: RepInfo): PageDefinition<RepPageView, RepTables> {
  return {
    key: 'reps',
    testId: REP_PAGE_TEST_ID,
    title: (t) => t('rep.title', { rep: rep.rep_name }),
    lead: 'rep.lead',
    fixed: ['owner_id'],
    params: ['stage', 'deal'],
    load: (engine, site, state, signal) => loadRepPage(engine, site, rep, state, signal),
    charts: (view, { site, state, t }) => ({
      'rep-dwell': dwellChart(view, state, t),
      'deal-timeline': view.timeline?.header ? timelineChart(view.timeline, site, t) : null,
    }),
    tables: (view, { site, state, t, fmt }) => ({
      dwell: {
        name: 'rep-dwell',
        columns: [
          { key: 'stage', label: t('table.stage'), kind: 'text', value: (r) => r.stage },
          { key: 'deals', label: t('rep.deals'), kind: 'count', value: (r) => r.deals },
          { key: 'median_days', label: t('rep.median'), kind: 'days', value: (r) => r.median_days },
          { key: 'mean_days', label: t('rep.mean'), kind: 'days', value: (r) => r.mean_days },
          { key: 'team_median_days', label: t('rep.team_median'), kind: 'days', value: (r) => r.team_median_days },
          { key: 'team_mean_days', label: t('rep.team_mean'), kind: 'days', value: (r) => r.team_mean_days },
          {
            key: 'company_median_days',
            label: t('rep.company_median'),
            kind: 'days',
            value: (r) => r.company_median_days,
          },
          { key: 'company_mean_days', label: t('rep.company_mean'), kind: 'days', value: (r) => r.company_mean_days },
        ],
        rows: view.dwell,
        rowKey: (r) => r.stage,
      },
      openDeals: {
        name: 'open-deals',
        columns: [
          {
            key: 'opp_id',
            label: t('deal.opp_id'),
            kind: 'text',
            value: (r) => r.opp_id,
            text: (r) => (r.opp_name ? `${r.opp_name} (${r.opp_id})` : r.opp_id),
            href: (r) => `?${serializeViewState({ ...state, deal: r.opp_id })}`,
          },
          { key: 'stage', label: t('deal.current_stage'), kind: 'text', value: (r) => r.stage },
          { key: 'open_stint_days', label: t('rep.stint_days'), kind: 'days', value: (r) => r.open_stint_days },
          { key: 'stall_limit_days', label: t('rep.stall_limit'), kind: 'days', value: (r) => r.stall_limit_days },
          {
            key: 'stalled',
            label: t('rep.stalled'),
            kind: 'text',
            value: (r) => r.stalled,
            text: (r) => (r.stalled ? t('rep.stalled.yes') : ''),
          },
          { key: 'amount', label: t('deal.amount'), kind: 'money', value: (r) => r.amount },
          { key: 'account_name', label: t('deal.account'), kind: 'text', value: (r) => r.account_name ?? r.account_id },
          { key: 'close_date', label: t('deal.close_date'), kind: 'date', value: (r) => r.close_date },
        ],
        rows: view.openDeals,
        total: view.openTotal,
        allRows: (engine) => loadAllOpenDeals(engine, site, state, rep.rep_id),
        rowKey: (r) => r.opp_id,
      },
      stints: view.timeline?.header
        ? {
            name: 'timeline',
            columns: [
              { key: 'seq', label: '#', kind: 'count', value: (r) => r.seq },
              { key: 'stage', label: t('table.stage'), kind: 'text', value: (r) => r.stage },
              { key: 'entered_at', label: t('rep.entered'), kind: 'instant', value: (r) => r.entered_at },
              {
                key: 'left_at',
                label: t('rep.left'),
                kind: 'instant',
                value: (r) => r.left_at,
                text: (r) => (r.left_at ? fmt.instant(r.left_at) : r.is_open ? t('rep.still_open') : '—'),
              },
              { key: 'days', label: t('rep.stint_days'), kind: 'days', value: (r) => r.days },
            ],
            rows: view.timeline.stints,
            rowKey: (r) => String(r.seq),
          }
        : null,
    }),
    rootData: () => ({ 'data-rep': rep.rep_id }),
  };
}
