import { CachedEngine } from '../db/cachedEngine.ts';
import type { SqlEngine } from '../db/engine.ts';
import { OneAtATime } from '../db/oneAtATime.ts';
import { chooseLang, type Lang } from '../i18n/lang.ts';
import { stateContext, type SiteContext } from '../site/context.ts';
import {
  defaultViewState,
  parseViewState,
  serializeViewState,
  type DrillParam,
  type StateNotice,
  type ViewState,
} from '../state/viewState.ts';
import { engineStarted, liveEngine, readyEngine } from './liveEngine.ts';
import { EXERCISE_MS, EXERCISE_VIEWS, exerciseViews } from './warmUp.ts';

export type LoadView<T> = (engine: SqlEngine, state: ViewState, signal: AbortSignal) => Promise<T>;

type Status = 'idle' | 'loading' | 'querying' | 'error';

/** DuckDB-WASM for this page: not asked for, starting (or running the page's first view), ready. */
export type EngineState = 'cold' | 'starting' | 'warm';

/** The query part of a state, without the interface language: two states with equal keys show equal data. */
export const dataKey = (state: ViewState): string => serializeViewState({ ...state, lang: undefined });

/**
 * One page's live state: what the URL asks for, what is on screen, and the query in between. The
 * prerendered data stays on screen until the answer for the newest request arrives; an older request
 * still running is aborted and its answer dropped.
 */
export class PageController<T> {
  private inFlight: AbortController | null = null;
  /** The warm-up's read of the view on screen, while it runs. */
  private warmUpRead: AbortController | null = null;
  private readonly site: SiteContext;
  private readonly load: LoadView<T>;
  private readonly params: readonly DrillParam[];

  /** What the filters show: the URL's state, updated at once on every change. */
  state = $state<ViewState>(defaultViewState());
  /** The state the figures on screen belong to, and those figures. */
  shown = $state.raw<{ state: ViewState; data: T }>({ state: defaultViewState(), data: undefined as T });
  notices = $state<StateNotice[]>([]);
  lang = $state<Lang>('en');
  status = $state<Status>('idle');
  error = $state<string | null>(null);
  engine = $state<EngineState>('cold');

  /** `params`: the drill-down parameters the page reads from its URL. */
  constructor(site: SiteContext, initial: T, load: LoadView<T>, params: readonly DrillParam[]) {
    this.site = site;
    this.load = load;
    this.params = params;
    this.lang = site.defaultLang;
    this.shown = { state: defaultViewState(), data: initial };
  }

  /** True while the screen still shows the build's own rendering (same data, same language). */
  get pristine(): boolean {
    return dataKey(this.shown.state) === '' && this.lang === this.site.defaultLang;
  }

  /** The view a query string asks for on this page, and what of it was not used. */
  parse(search: string): { state: ViewState; notices: StateNotice[] } {
    return parseViewState(search, stateContext(this.site, this.params));
  }

  /** Reads the URL once the page is live; returns the cleanup for the history listener. */
  start(): () => void {
    this.fromLocation();
    const onPopState = () => this.fromLocation();
    addEventListener('popstate', onPopState);
    return () => removeEventListener('popstate', onPopState);
  }

  /** A filter or drill change: the URL gets a new history entry and the figures are re-queried. */
  update(next: ViewState): void {
    this.state = next;
    // The queries leave first: the new history entry (~2 ms in Chromium) can wait until they are posted.
    void this.refresh();
    this.writeUrl();
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    this.state = { ...this.state, lang };
    document.documentElement.lang = lang;
    this.writeUrl();
  }

  dismissNotices(): void {
    this.notices = [];
  }

  /** Starts DuckDB-WASM when the user shows intent (pointer over or focus in the filters). */
  warm(): void {
    if (this.engine === 'cold') void this.warmUp(false);
  }

  /**
   * Starts DuckDB-WASM and loads the chart code ahead of the first change; with `readView`, also runs the
   * view on screen once, so the blocks it reads sit in DuckDB's buffer cache and the first filter reads
   * only what differs. Its rows equal what is shown and are dropped; then, for up to EXERCISE_MS, it runs
   * the page's other regions so the engine's code is optimised before the first click (warmUp.ts). A
   * user's query stops the rest of it and runs after the query in flight.
   */
  async warmUp(readView: boolean): Promise<void> {
    if (this.engine !== 'cold') return;
    this.engine = 'starting';
    const reading = new AbortController();
    this.warmUpRead = reading;
    // The charts' redraw code (Plot) would otherwise load and compile during the first change.
    const charts = import('../charts/draw.ts').catch(() => undefined);
    try {
      const engine = await liveEngine(this.site.databaseUrl);
      if (readView) await this.load(engine, this.shown.state, reading.signal);
      await charts;
      this.engine = 'warm';
      if (readView) await this.exercise(engine, reading.signal);
    } catch {
      // Superseded by the user's own query (which warms it just as well), or offline/blocked: the next
      // interaction starts it again and says why if it fails then.
      if (this.engine === 'starting') this.engine = reading.signal.aborted ? 'warm' : 'cold';
    } finally {
      if (this.warmUpRead === reading) this.warmUpRead = null;
    }
  }

  /**
   * Runs the warm-up's views in turn, without the page's cache (their answers are never shown), until
   * they are done, the time is up or a change stops it.
   */
  private async exercise(engine: SqlEngine, signal: AbortSignal): Promise<void> {
    // One query at a time, so the user's first change waits for at most one of these in the worker.
    const plain = new OneAtATime(engine instanceof CachedEngine ? engine.uncached : engine);
    const regions = this.site.dimensions.region.map((o) => o.value);
    const views = exerciseViews(regions, this.shown.state);
    const until = performance.now() + EXERCISE_MS;
    for (let i = 0; i < EXERCISE_VIEWS && views.length > 0 && performance.now() < until && !signal.aborted; i++) {
      await this.load(plain, views[i % views.length]!, signal);
    }
  }

  async refresh(): Promise<void> {
    const state = this.state;
    if (dataKey(state) === dataKey(this.shown.state) && this.status !== 'error') {
      this.inFlight?.abort();
      this.status = 'idle';
      return;
    }
    this.inFlight?.abort();
    // The warm-up's remaining queries would only queue before the user's own: they are dropped.
    this.warmUpRead?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    this.status = engineStarted() ? 'querying' : 'loading';
    this.error = null;
    try {
      const engine = readyEngine(this.site.databaseUrl) ?? (await liveEngine(this.site.databaseUrl));
      if (this.engine === 'cold') this.engine = 'warm';
      controller.signal.throwIfAborted();
      const data = await this.load(engine, state, controller.signal);
      controller.signal.throwIfAborted();
      this.shown = { state, data };
      this.status = 'idle';
    } catch (error) {
      if (controller.signal.aborted) return;
      this.status = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (this.inFlight === controller) this.inFlight = null;
    }
  }

  private fromLocation(): void {
    const { state, notices } = this.parse(location.search);
    this.state = state;
    this.notices = notices;
    this.lang = chooseLang(state.lang, navigator.languages, this.site.defaultLang);
    document.documentElement.lang = this.lang;
    // A link with ignored parameters is rewritten to what is shown, so copying it again is honest.
    if (notices.length > 0) history.replaceState(history.state, '', this.urlFor(state));
    void this.refresh();
  }

  private writeUrl(): void {
    const url = this.urlFor(this.state);
    if (url !== location.pathname + location.search) history.pushState(null, '', url);
  }

  private urlFor(state: ViewState): string {
    const query = serializeViewState(state);
    return query ? `${location.pathname}?${query}` : location.pathname;
  }
}
