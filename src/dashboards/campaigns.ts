import type { GroupedSpec } from '../charts/grouped.ts';
import type { SqlEngine } from '../db/engine.ts';
import type { Translate } from '../i18n/translate.ts';
import type { CampaignChannelRow, CampaignPerformanceRow, CampaignTierRow } from '../metrics/campaignRoi.ts';
import { missingInputs, VIEWS } from '../metrics/index.ts';
import { metricParams, type SiteContext } from '../site/context.ts';
import type { ViewState } from '../state/viewState.ts';
import { filterHref } from './links.ts';
import type { PageDefinition } from './page.ts';
import type { TableColumn, TableSpec } from './table.ts';

export interface CampaignsView {
  /** Input files the page needs that the build did not have; nothing else is filled then. */
  readonly missing: readonly string[];
  /** The campaigns of the period (campaign_performance's in_period), in its order. */
  readonly campaigns: readonly CampaignPerformanceRow[];
  readonly channels: readonly CampaignChannelRow[];
  readonly tiers: readonly CampaignTierRow[];
}

/** Campaigns shown in the charts: the ones with leads or deals in the selection, most won first. */
export const CHART_CAMPAIGNS = 12;

async function loadCampaignsPage(
  engine: SqlEngine,
  site: SiteContext,
  state: ViewState,
  signal?: AbortSignal,
): Promise<CampaignsView> {
  const missing = missingInputs(
    'campaign_roi',
    Object.fromEntries(Object.entries(site.present).map(([k, present]) => [k, { present }])),
  );
  if (missing.length > 0) return { missing, campaigns: [], channels: [], tiers: [] };
  const params = metricParams(site, state);
  const [all, channels, tiers] = await Promise.all([
    engine.all(VIEWS.campaign_performance.build(params), signal),
    engine.all(VIEWS.campaign_channels.build(params), signal),
    engine.all(VIEWS.campaign_tiers.build(params), signal),
  ]);
  return { missing, campaigns: all.filter((c) => c.in_period), channels, tiers };
}

const nameOf = (c: { campaign_id: string; campaign_name: string | null }): string => c.campaign_name ?? c.campaign_id;

function charted(view: CampaignsView): CampaignPerformanceRow[] {
  return view.campaigns
    .filter((c) => c.leads > 0 || c.opportunities > 0)
    .sort((a, b) => b.won_amount - a.won_amount || (a.cost ?? 0) - (b.cost ?? 0))
    .slice(0, CHART_CAMPAIGNS);
}

/** Won amount beside cost per campaign: where the bars outgrow their cost, the campaign paid back. */
function wonVsCostChart(view: CampaignsView, state: ViewState, t: Translate): GroupedSpec {
  const shown = charted(view);
  const won = t('table.won_amount');
  const cost = t('campaigns.cost');
  return {
    kind: 'grouped',
    title: t('campaigns.chart'),
    description: t('campaigns.chart.desc', { count: shown.length }),
    axis: t('campaigns.axis'),
    valueKind: 'money',
    groups: shown.map(nameOf),
    series: [won, cost],
    stacked: false,
    rows: shown.flatMap((c) => [
      { group: nameOf(c), series: won, value: c.won_amount, href: filterHref(state, 'campaign_id', c.campaign_id) },
      { group: nameOf(c), series: cost, value: c.cost, href: filterHref(state, 'campaign_id', c.campaign_id) },
    ]),
  };
}

/** Won amount per campaign split by account tier; a segment filters to the campaign and the tier. */
function tierChart(view: CampaignsView, state: ViewState, t: Translate): GroupedSpec {
  const shown = charted(view);
  const names = new Map(shown.map((c) => [c.campaign_id, nameOf(c)]));
  const none = t('campaigns.no_tier');
  const rows = view.tiers.filter((r) => names.has(r.campaign_id) && r.won_amount > 0);
  const tiers = [...new Set(rows.map((r) => r.tier ?? none))].sort();
  return {
    kind: 'grouped',
    title: t('campaigns.tiers'),
    description: t('campaigns.tiers.desc'),
    axis: t('table.won_amount'),
    valueKind: 'money',
    groups: shown.map(nameOf),
    series: tiers,
    stacked: true,
    rows: rows.map((r) => ({
      group: names.get(r.campaign_id)!,
      series: r.tier ?? none,
      value: r.won_amount,
      href:
        r.tier === null
          ? filterHref(state, 'campaign_id', r.campaign_id)
          : filterHref({ ...state, filters: { ...state.filters, campaign_id: [r.campaign_id] } }, 'tier', r.tier),
    })),
  };
}

/** The figures a campaign and a channel share: what it cost and what it brought. */
type Outcome = Pick<
  CampaignChannelRow,
  | 'cost'
  | 'leads'
  | 'lead_conversion'
  | 'opportunities'
  | 'won_deals'
  | 'won_amount'
  | 'pipeline_amount'
  | 'roi'
  | 'cost_per_won_deal'
>;

/**
 * Cost, leads, conversion, deals, won amount, ROI and cost per won deal, in the tables' order; the campaign
 * table also shows its open pipeline. ROI and cost per won deal are null without a cost and show "—".
 */
function outcomeColumns<R extends Outcome>(t: Translate, withPipeline: boolean): TableColumn<R>[] {
  const pipeline: TableColumn<R> = {
    key: 'pipeline_amount',
    label: t('kpi.open_pipeline'),
    kind: 'money',
    value: (r) => r.pipeline_amount,
  };
  return [
    { key: 'cost', label: t('campaigns.cost'), kind: 'money', value: (r) => r.cost },
    { key: 'leads', label: t('campaigns.leads'), kind: 'count', value: (r) => r.leads },
    { key: 'lead_conversion', label: t('campaigns.lead_conversion'), kind: 'percent', value: (r) => r.lead_conversion },
    { key: 'opportunities', label: t('campaigns.opportunities'), kind: 'count', value: (r) => r.opportunities },
    { key: 'won_deals', label: t('table.won_deals'), kind: 'count', value: (r) => r.won_deals },
    { key: 'won_amount', label: t('table.won_amount'), kind: 'money', value: (r) => r.won_amount },
    ...(withPipeline ? [pipeline] : []),
    { key: 'roi', label: t('campaigns.roi'), kind: 'percent', value: (r) => r.roi },
    { key: 'cost_per_won_deal', label: t('campaigns.cost_per_won'), kind: 'money', value: (r) => r.cost_per_won_deal },
  ];
}

interface CampaignTables {
  readonly campaigns: TableSpec<CampaignPerformanceRow>;
  readonly channels: TableSpec<CampaignChannelRow>;
  readonly tiers: TableSpec<CampaignTierRow>;
}

/** What each campaign cost and brought (leads, conversion, deals, won amount, ROI), by channel and by account tier. */
export const campaignsPage: PageDefinition<CampaignsView, CampaignTables> = {
  key: 'campaigns',
  testId: 'campaigns-page',
  title: (t) => t('campaigns.title'),
  lead: 'campaigns.lead',
  params: [],
  load: loadCampaignsPage,
  charts: (view, { state, t }) =>
    view.missing.length > 0
      ? { 'campaign-won': null, 'campaign-tiers': null }
      : { 'campaign-won': wonVsCostChart(view, state, t), 'campaign-tiers': tierChart(view, state, t) },
  tables(view, { state, t }) {
    const names = new Map(view.campaigns.map((c) => [c.campaign_id, nameOf(c)]));
    return {
      campaigns: {
        name: 'campaigns',
        caption: t('campaigns.table'),
        columns: [
          {
            key: 'campaign_id',
            label: t('filters.campaign_id'),
            kind: 'text',
            value: (r) => r.campaign_id,
            text: nameOf,
            href: (r) => filterHref(state, 'campaign_id', r.campaign_id),
          },
          { key: 'channel', label: t('campaigns.channel'), kind: 'text', value: (r) => r.channel },
          ...outcomeColumns<CampaignPerformanceRow>(t, true),
        ],
        rows: view.campaigns,
        rowKey: (r) => r.campaign_id,
      },
      channels: {
        name: 'channels',
        caption: t('campaigns.channels'),
        columns: [
          { key: 'channel', label: t('campaigns.channel'), kind: 'text', value: (r) => r.channel },
          { key: 'campaigns', label: t('campaigns.campaigns'), kind: 'count', value: (r) => r.campaigns },
          ...outcomeColumns<CampaignChannelRow>(t, false),
        ],
        rows: view.channels,
        rowKey: (r) => r.channel ?? '',
      },
      tiers: {
        name: 'campaign-tiers',
        columns: [
          {
            key: 'campaign_id',
            label: t('filters.campaign_id'),
            kind: 'text',
            value: (r) => r.campaign_id,
            text: (r) => names.get(r.campaign_id) ?? r.campaign_id,
            href: (r) => filterHref(state, 'campaign_id', r.campaign_id),
          },
          {
            key: 'tier',
            label: t('filters.tier'),
            kind: 'text',
            value: (r) => r.tier,
            text: (r) => r.tier ?? t('campaigns.no_tier'),
            href: (r) => (r.tier === null ? null : filterHref(state, 'tier', r.tier)),
          },
          { key: 'opportunities', label: t('campaigns.opportunities'), kind: 'count', value: (r) => r.opportunities },
          { key: 'won_deals', label: t('table.won_deals'), kind: 'count', value: (r) => r.won_deals },
          { key: 'won_amount', label: t('table.won_amount'), kind: 'money', value: (r) => r.won_amount },
          { key: 'pipeline_amount', label: t('kpi.open_pipeline'), kind: 'money', value: (r) => r.pipeline_amount },
        ],
        rows: view.tiers,
        rowKey: (r) => `${r.campaign_id}|${r.tier ?? ''}`,
      },
    };
  },
};
