import * as z from 'zod/mini';
import { LANGS, type Lang } from '../i18n/lang.ts';
import { FILTER_KEYS, type Comparison, type FilterKey, type Filters, type MetricParams } from '../metrics/params.ts';
import { inWindowDates } from '../metrics/period.ts';
import {
  DEAL_LISTS,
  DEAL_SORTS,
  SORT_DIRS,
  type DealList,
  type DealSort,
  type SortDir,
} from '../metrics/stageDeals.ts';
import { PERIOD_PRESETS, resolvePeriod, type DateWindow, type PeriodContext, type PeriodPreset } from './periods.ts';

/**
 * Everything a view shows, as the URL carries it: a copied link reproduces the view exactly. A state is
 * canonical, so two equal views have one URL: from/to only with period 'custom', filter lists without
 * repeats, in code-unit order and never empty (an absent key means "all"). An optional field set to
 * undefined means the same as an absent one.
 */
export interface ViewState {
  readonly period: PeriodPreset;
  /** Inclusive `YYYY-MM-DD`, from <= to; either may be absent (a one-sided window). */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly compare: Comparison;
  readonly filters: Filters;
  /** The funnel step whose deals the drill-down lists. */
  readonly stage?: string | undefined;
  readonly deals: DealList;
  readonly sort: DealSort;
  readonly dir: SortDir;
  /** 1-based page of the deal list. */
  readonly page: number;
  /** The deal whose stage timeline a rep page shows (any id: it is only ever bound as a SQL parameter). */
  readonly deal?: string | undefined;
  /** Absent: the browser's preference, else the build's default. */
  readonly lang?: Lang | undefined;
}

/** The parameters a page may read beyond the period, comparison, filters and language. */
export const DRILL_PARAMS = ['stage', 'deals', 'sort', 'dir', 'page', 'deal'] as const;
export type DrillParam = (typeof DRILL_PARAMS)[number];

/** What the model knows, from the build: a filter value or stage outside these lists is dropped. */
export interface StateContext {
  readonly options: Readonly<Record<FilterKey, readonly string[]>>;
  readonly stages: readonly string[];
  /** The drill-down parameters the page reads; another page's (a funnel stage on the regions page) is dropped with a notice. Absent: all. */
  readonly params?: readonly DrillParam[];
}

export type StateParam =
  'period' | 'from' | 'to' | 'compare' | FilterKey | 'stage' | 'deals' | 'sort' | 'dir' | 'page' | 'deal' | 'lang';

/**
 * A parameter of the link that was not used. `unknown_value`: well formed but not in the model;
 * `invalid`: not a value the parameter can take (or not in this combination); `duplicate`: a
 * single-valued parameter given again with another value (the first one is used).
 */
export interface StateNotice {
  readonly param: StateParam;
  /** The raw value, cut to NOTICE_VALUE_LENGTH characters so a hostile link cannot flood the page. */
  readonly value: string;
  readonly reason: 'unknown_value' | 'invalid' | 'duplicate';
}

const MAX_PAGE = 100_000;
const NOTICE_VALUE_LENGTH = 80;

const COMPARISONS = ['previous', 'year'] as const satisfies readonly Comparison[];

/** The text each single-valued parameter may hold. Calendar dates must exist (no 2026-02-30) and lie within WINDOW_DATES. */
const calendarDate = z.iso.date().check(z.refine(inWindowDates));
const SCHEMAS = {
  period: z.enum(PERIOD_PRESETS),
  compare: z.enum(COMPARISONS),
  deals: z.enum(DEAL_LISTS),
  sort: z.enum(DEAL_SORTS),
  dir: z.enum(SORT_DIRS),
  // Digits only before Number(), which would also read '1e3', ' 1', '0x10' and '1.0'.
  page: z.pipe(
    z.string().check(z.regex(/^[1-9][0-9]{0,5}$/)),
    z.pipe(z.transform(Number), z.number().check(z.maximum(MAX_PAGE))),
  ),
  lang: z.enum(LANGS),
  // Deal ids are not listed at build (a million of them); any printable id up to 200 characters is taken.
  // eslint-disable-next-line no-control-regex -- control characters are what this rejects.
  deal: z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[^\u0000-\u001f\u007f]+$/)),
};

export function defaultViewState(): ViewState {
  return { period: 'auto', compare: 'previous', filters: {}, deals: 'reached', sort: 'amount', dir: 'desc', page: 1 };
}

/** A filter list in canonical form: no repeats, code-unit order (the same in every browser and in Node). */
const canonicalValues = (values: readonly string[]): string[] => [...new Set(values)].sort();

const clip = (value: string): string => {
  if (value.length <= NOTICE_VALUE_LENGTH) return value;
  const head = value.slice(0, NOTICE_VALUE_LENGTH - 1);
  // Never end on the first half of a surrogate pair: a character cut in two renders as garbage.
  return `${/[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head}…`;
};

/**
 * The view a query string asks for. Unknown parameter names (utm_source…) are ignored; anything else
 * not used gives a notice, so nothing of a link is dropped silently except repeats that change nothing.
 * Filter values and stages are only ever taken from the model's own lists, so no text of the link
 * reaches SQL.
 */
export function parseViewState(
  search: string | URLSearchParams,
  ctx: StateContext,
): { state: ViewState; notices: StateNotice[] } {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const notices: StateNotice[] = [];
  const notice = (param: StateParam, value: string, reason: StateNotice['reason']): void => {
    notices.push({ param, value: clip(value), reason });
  };

  /** The first value of a single-valued parameter if it passes `accept`; later different values are noticed. */
  function single<T>(
    param: StateParam,
    accept: (raw: string) => T | undefined,
    reason: StateNotice['reason'] = 'invalid',
  ): T | undefined {
    const [first, ...rest] = params.getAll(param);
    if (first === undefined) return undefined;
    const value = accept(first);
    if (value === undefined) notice(param, first, reason);
    for (const other of new Set(rest)) if (other !== first) notice(param, other, 'duplicate');
    return value;
  }
  const valid =
    <T>(schema: z.ZodMiniType<T>) =>
    (raw: string): T | undefined => {
      const result = schema.safeParse(raw);
      return result.success ? result.data : undefined;
    };
  const known =
    (values: ReadonlySet<string>) =>
    (raw: string): string | undefined =>
      values.has(raw) ? raw : undefined;

  const defaults = defaultViewState();
  const period = single('period', valid(SCHEMAS.period)) ?? defaults.period;
  let dates: DateWindow = {};
  if (period === 'custom') {
    const from = single('from', valid(calendarDate));
    const to = single('to', valid(calendarDate));
    if (from !== undefined && to !== undefined && from > to) {
      notice('from', from, 'invalid');
      notice('to', to, 'invalid');
    } else {
      dates = { from, to };
    }
  } else {
    // A window only means something with a custom period; a preset already fixes the dates.
    for (const param of ['from', 'to'] as const) {
      const raw = params.get(param);
      if (raw !== null) notice(param, raw, 'invalid');
    }
  }

  const compare = single('compare', valid(SCHEMAS.compare)) ?? defaults.compare;
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const options = new Set(ctx.options[key]);
    const accepted: string[] = [];
    for (const value of new Set(params.getAll(key))) {
      if (options.has(value)) accepted.push(value);
      else notice(key, value, 'unknown_value');
    }
    if (accepted.length > 0) filters[key] = canonicalValues(accepted);
  }

  // A parameter of another page means nothing here: said, not silently kept.
  const read = new Set<DrillParam>(ctx.params ?? DRILL_PARAMS);
  for (const param of DRILL_PARAMS) {
    if (read.has(param)) continue;
    for (const value of new Set(params.getAll(param))) notice(param, value, 'invalid');
  }
  const drill = <T>(param: DrillParam, value: () => T): T | undefined => (read.has(param) ? value() : undefined);

  const state: ViewState = {
    period,
    ...dates,
    compare,
    filters,
    stage: drill('stage', () => single('stage', known(new Set(ctx.stages)), 'unknown_value')),
    deals: drill('deals', () => single('deals', valid(SCHEMAS.deals))) ?? defaults.deals,
    sort: drill('sort', () => single('sort', valid(SCHEMAS.sort))) ?? defaults.sort,
    dir: drill('dir', () => single('dir', valid(SCHEMAS.dir))) ?? defaults.dir,
    page: drill('page', () => single('page', valid(SCHEMAS.page))) ?? defaults.page,
    deal: drill('deal', () => single('deal', valid(SCHEMAS.deal))),
    lang: single('lang', valid(SCHEMAS.lang)),
  };
  return { state, notices };
}

/**
 * The canonical query string of a state, without '?': a fixed parameter order, defaults left out
 * (the default view is ''), filter values sorted. parseViewState reads it back to an equal state.
 */
export function serializeViewState(state: ViewState): string {
  const defaults = defaultViewState();
  const query = new URLSearchParams();
  const put = (param: StateParam, value: string | number | undefined, fallback?: string | number): void => {
    if (value !== undefined && value !== fallback) query.append(param, String(value));
  };
  put('period', state.period, defaults.period);
  if (state.period === 'custom') {
    put('from', state.from);
    put('to', state.to);
  }
  put('compare', state.compare, defaults.compare);
  for (const key of FILTER_KEYS) for (const value of canonicalValues(state.filters[key] ?? [])) put(key, value);
  put('stage', state.stage);
  put('deals', state.deals, defaults.deals);
  put('sort', state.sort, defaults.sort);
  put('dir', state.dir, defaults.dir);
  put('page', state.page, defaults.page);
  put('deal', state.deal);
  put('lang', state.lang);
  return query.toString();
}

/** A new choice for one filter; other filters stay, and the deal list starts again on page 1. */
export function withFilter(state: ViewState, key: FilterKey, values: readonly string[]): ViewState {
  const filters: Filters = { ...state.filters };
  const list = canonicalValues(values);
  if (list.length > 0) filters[key] = list;
  else delete filters[key];
  return { ...state, filters, page: 1 };
}

/**
 * A new period; a window is kept only for 'custom', its malformed dates dropped and its bounds put in
 * order (a date picker can be set past the other bound), so the state always survives its own URL.
 */
export function withPeriod(state: ViewState, preset: PeriodPreset, custom?: DateWindow): ViewState {
  if (preset !== 'custom') return { ...state, period: preset, from: undefined, to: undefined, page: 1 };
  const date = (d: string | undefined): string | undefined =>
    d !== undefined && calendarDate.safeParse(d).success ? d : undefined;
  const from = date(custom?.from);
  const to = date(custom?.to);
  const swap = from !== undefined && to !== undefined && from > to;
  return { ...state, period: preset, from: swap ? to : from, to: swap ? from : to, page: 1 };
}

/** Drills into a funnel step (or out, with undefined); its deal list starts on page 1. */
export function withStage(state: ViewState, stage: string | undefined): ViewState {
  return { ...state, stage, page: 1 };
}

/** What the metrics need from a view: the period resolved to dates, the filters and the comparison. */
export function toMetricParams(
  state: ViewState,
  data: { readonly asOf: string; readonly tz: string } & PeriodContext,
): MetricParams {
  const dates = resolvePeriod(state.period, data, { from: state.from, to: state.to });
  // The site's as_of is the model's: every rollup it was built with answers the views it can.
  const rollups = { asOf: data.asOf, tz: data.tz, fiscalYearStartMonth: data.fiscalYearStartMonth };
  return { asOf: data.asOf, tz: data.tz, ...dates, filters: state.filters, compare: state.compare, rollups };
}
