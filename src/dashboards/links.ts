import type { FilterKey } from '../metrics/params.ts';
import { PAGE_PATHS, repSlug, type PageKey } from '../site/pages.ts';
import { defaultViewState, serializeViewState, withFilter, type ViewState } from '../state/viewState.ts';

/** What a link to another page keeps: the period and every filter in force. Drill selections stay behind. */
export function carried(state: ViewState): ViewState {
  const { period, from, to, compare, filters, lang } = state;
  return { ...defaultViewState(), period, from, to, compare, filters, lang };
}

const query = (state: ViewState): string => {
  const text = serializeViewState(state);
  return text ? `?${text}` : '';
};

/** Another page of the site, with the filters in force. */
export function pageHref(base: string, page: PageKey, state: ViewState): string {
  return `${base}${PAGE_PATHS[page]}${query(carried(state))}`;
}

/**
 * Cross-filter: this page with one more filter chip (a clicked bar, cell or row). A key already filtered
 * is narrowed to the clicked value; every other filter stays. Relative, so the page handles it in place.
 */
export function filterHref(state: ViewState, key: FilterKey, value: string): string {
  return `?${serializeViewState(withFilter({ ...state, deal: undefined }, key, [value]))}`;
}

/** Several filter chips at once (a heatmap cell is a product line and a region). */
export function filtersHref(state: ViewState, pairs: readonly (readonly [FilterKey, string])[]): string {
  let next: ViewState = { ...state, deal: undefined };
  for (const [key, value] of pairs) next = withFilter(next, key, [value]);
  return `?${serializeViewState(next)}`;
}

/**
 * A rep's page with the filters in force, optionally opened on one deal's timeline. The page is the rep,
 * so a rep filter stays behind (it would name other reps there).
 */
export function repHref(base: string, state: ViewState, repId: string, deal?: string): string {
  return `${base}reps/${repSlug(repId)}/${deal === undefined ? repQuery(state) : repQueryFor(state, deal)}`;
}

function repQueryFor(state: ViewState, deal: string | undefined): string {
  const { owner_id: _rep, ...filters } = state.filters;
  return query({ ...carried({ ...state, filters }), deal });
}

/**
 * A rep link's query is the same for every rep of a view: a leaderboard links each rep twice (table and
 * chart), and writing the query anew for each cost the reps page ~30 ms of every change at 600 reps.
 */
const repQueries = new WeakMap<ViewState, string>();
function repQuery(state: ViewState): string {
  let text = repQueries.get(state);
  if (text === undefined) {
    text = repQueryFor(state, undefined);
    repQueries.set(state, text);
  }
  return text;
}
