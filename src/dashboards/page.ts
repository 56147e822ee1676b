import type { ChartSpec } from '../charts/index.ts';
import type { SqlEngine } from '../db/engine.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { Format } from '../i18n/format.ts';
import type { Translate } from '../i18n/translate.ts';
import type { FilterKey } from '../metrics/params.ts';
import type { SiteContext } from '../site/context.ts';
import type { PageKey } from '../site/pages.ts';
import type { DrillParam, ViewState } from '../state/viewState.ts';

/**
 * What the build hands a page's island: the default view's rows, its charts as drawn at build, and the
 * one part of the site context that is the page's own (the rest is shared by every page: src/site/shared.ts).
 */
export interface PageProps<V> {
  /** The latest date a deal was created or closed on (a rep's page: the rep's deals); see SiteContext. */
  readonly latestDealDate: string | null;
  readonly initial: V;
  /** By chart id; drawn in the build's language, shown until the view or the language changes. */
  readonly svgs: Readonly<Record<string, string | null>>;
}

/** What a page's charts and tables are built from besides its rows: the site, the view they show and its text. */
export interface PageContext {
  readonly site: SiteContext;
  /** The view the rows belong to (links made from them keep its filters). */
  readonly state: ViewState;
  readonly t: Translate;
  readonly fmt: Format;
}

/**
 * A page, whole: the views it runs for a view state (`load`), what it derives from their rows, its charts
 * and tables, and the URL parameters it reads beyond the period and filters. The build prerenders its
 * default view with these functions and its island re-runs the same ones in the browser on every change,
 * so the first view and every later one cannot disagree.
 */
export interface PageDefinition<V, T = Record<string, never>> {
  /** Its place in the navigation and the site (src/site/pages.ts); a rep's page belongs to 'reps'. */
  readonly key: PageKey;
  /** The root element's test id: tests and the benchmark read `data-shown` (the view on screen) from it. */
  readonly testId: string;
  readonly title: (t: Translate, view: V) => string;
  readonly lead: MessageKey;
  /** Filters the page fixes itself (a rep's page is one rep): no control or chip for them. */
  readonly fixed?: readonly FilterKey[];
  /** The drill-down parameters it reads (a funnel stage and its list, a deal); a link's others are noticed and dropped. */
  readonly params: readonly DrillParam[];
  /** Its rows for a view state, queried by native DuckDB at build and by DuckDB-WASM in the browser. */
  load(engine: SqlEngine, site: SiteContext, state: ViewState, signal?: AbortSignal): Promise<V>;
  /** Its charts as data, by id; null for a chart the rows cannot draw. Drawn at build, redrawn from the same specs. */
  charts(view: V, ctx: PageContext): Readonly<Record<string, ChartSpec | null>>;
  /** Charts drawn at the wide width at build (those that span the content column). */
  readonly wide?: readonly string[];
  /** Its tables: columns, rows and downloads. */
  tables?(view: V, ctx: PageContext): T;
  /** Attributes of the page's root element that tell scripts and tests what it shows (the drill level, the rep). */
  rootData?(view: V): Readonly<Record<`data-${string}`, string>>;
}
