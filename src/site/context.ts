import type { Lang } from '../i18n/lang.ts';
import type { DimensionOptions, RepInfo, StageInfo } from '../metrics/dimensions.ts';
import type { MetricParams } from '../metrics/params.ts';
import { FILTER_KEYS, type FilterKey } from '../metrics/params.ts';
import type { PeriodContext } from '../state/periods.ts';
import type { DrillParam, StateContext, ViewState } from '../state/viewState.ts';
import { toMetricParams } from '../state/viewState.ts';

/**
 * Everything a page knows about the model it was built from, computed once at build and handed to the
 * islands as props: the stamp, the formatting settings, the filter choices and where the database is.
 */
export interface SiteContext {
  readonly asOf: string;
  readonly builtAt: string;
  readonly tz: string;
  readonly currency: string | null;
  readonly source: string;
  readonly fiscalYearStartMonth: number;
  /** as_of's calendar date in the build's time zone: period presets are relative to it. */
  readonly asOfDate: string;
  /**
   * The latest date a deal was created or closed on, up to as_of (a rep's page: the rep's deals); null
   * without deals. The default period falls back to its year when this year has none.
   */
  readonly latestDealDate: string | null;
  readonly defaultLang: Lang;
  /** The site's base path, ending in '/'. */
  readonly base: string;
  /** Where DuckDB-WASM reads the model: `<base>data/pipescope.duckdb`. */
  readonly databaseUrl: string;
  readonly dimensions: DimensionOptions;
  readonly stages: readonly StageInfo[];
  /** Every deal owner, in id order: the rep pages and the leaderboard's names and teams. */
  readonly reps: readonly RepInfo[];
  /** Model tables whose input file was present (a view needing an absent one says so). */
  readonly present: Readonly<Record<string, boolean>>;
}

/**
 * The part of the context every page of a site shares (all but a rep page's own latest deal date): built
 * once and shipped as one hashed, cached script (`virtual:pipescope/site`), not inline in every page.
 */
export type SharedSite = Omit<SiteContext, 'latestDealDate'>;

/** What a page's URL is read against: the model's filter values and stages, and the drill-down parameters the page reads. */
export function stateContext(site: SiteContext, params?: readonly DrillParam[]): StateContext {
  const options = {} as Record<FilterKey, readonly string[]>;
  for (const key of FILTER_KEYS) options[key] = site.dimensions[key].map((o) => o.value);
  return { options, stages: site.stages.map((s) => s.stage), ...(params ? { params } : {}) };
}

export function metricParams(site: SiteContext, state: ViewState): MetricParams {
  return toMetricParams(state, { asOf: site.asOf, tz: site.tz, ...periodContext(site) });
}

/** What period presets are resolved against. */
export function periodContext(site: SiteContext): PeriodContext {
  return {
    asOfDate: site.asOfDate,
    fiscalYearStartMonth: site.fiscalYearStartMonth,
    latestDealDate: site.latestDealDate,
  };
}
