import type { Manifest } from '../model/manifest.ts';

/** What every metric accepts: the snapshot instant, an optional calendar window and the filters. */

export const FILTER_KEYS = ['region', 'product_line', 'owner_id', 'team', 'campaign_id', 'tier', 'pipeline'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Each key holds the accepted values (OR within a key, AND across keys); an absent or empty list means "all". */
export type Filters = Partial<Record<FilterKey, readonly string[]>>;

export type Comparison = 'previous' | 'year';

export interface MetricParams {
  /** Snapshot instant, ISO 8601 UTC (`2026-11-01T00:00:00Z`). */
  readonly asOf: string;
  /** IANA time zone the window's calendar dates are read in (the build's `--tz`). */
  readonly tz: string;
  /** Inclusive calendar dates `YYYY-MM-DD`; either may be absent. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly filters: Filters;
  /** Which earlier period kpis compares with; default the previous period of equal length. */
  readonly compare?: Comparison | undefined;
  /** Per-stage stall limits in days; a stage without one uses the company-wide 75th percentile. */
  readonly stallLimitDays?: Readonly<Record<string, number>> | undefined;
  /** Days without an activity after which an open deal counts as idle (rep_activity); default 14. */
  readonly idleDays?: number | undefined;
  /** List views (open_deals, overdue_invoices): at most this many rows, for a page; absent = all of them. */
  readonly limit?: number | undefined;
  /** attainment: only these scopes' target rows (a page reads the ones it shows); absent = all three. */
  readonly targetScopes?: readonly TargetScopeName[] | undefined;
  /**
   * The rollups the model was built with (src/metrics/dealCube.ts, src/metrics/dwellRollup.ts). Absent: the
   * deal rollups only (they hold no as_of); the model's as_of, time zone and fiscal year: also rep_dwell's
   * precomputed windows; false: the deal rows everywhere (parity tests).
   */
  readonly rollups?: RollupModel | false | undefined;
}

/** The scopes a targets row applies to. */
export type TargetScopeName = 'company' | 'region' | 'rep';

/** What a model's precomputed rollups were built for: the manifest's as_of, time zone and fiscal year start. */
export interface RollupModel {
  readonly asOf: string;
  readonly tz: string;
  readonly fiscalYearStartMonth: number;
}

/** The rollups a model was built with, as its manifest records them. */
export const rollupModelOf = (m: Pick<Manifest, 'as_of' | 'tz' | 'fiscal_year_start_month'>): RollupModel => ({
  asOf: m.as_of,
  tz: m.tz,
  fiscalYearStartMonth: m.fiscal_year_start_month,
});

/**
 * The model's rollups when they were built in `p`'s time zone: the ones keyed by local month (the
 * funnel's, the campaigns', the cycle times') answer only then.
 */
export function rollupsInZone(p: MetricParams): RollupModel | undefined {
  const model = p.rollups;
  return model && model.tz === p.tz ? model : undefined;
}

/**
 * The model's rollups when they were built at `p`'s as_of and time zone: the ones that hold an as_of
 * (rep_dwell's windows, the open invoices, the activity counts) answer only then.
 */
export function rollupsAtAsOf(p: MetricParams): RollupModel | undefined {
  const model = rollupsInZone(p);
  return model && Date.parse(model.asOf) === Date.parse(p.asOf) ? model : undefined;
}
