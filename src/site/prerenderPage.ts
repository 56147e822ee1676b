import { PRERENDER_WIDE, PRERENDER_WIDTH } from '../charts/context.ts';
import type { PageDefinition, PageProps } from '../dashboards/page.ts';
import { loadAllRepPages, repPage, type RepPageView } from '../dashboards/rep.ts';
import type { SqlEngine } from '../db/engine.ts';
import { openModel } from '../db/nativeModel.ts';
import type { Lang } from '../i18n/lang.ts';
import { repSlug } from './pages.ts';
import { defaultViewState, type ViewState } from '../state/viewState.ts';
import { buildSiteContext } from './buildContext.ts';
import type { SiteContext } from './context.ts';
import { buildText, prerenderChart } from './prerender.ts';

/** A page as the build renders it: its island's props, and its title and language for the document. */
export interface PrerenderedPage<V> {
  readonly props: PageProps<V>;
  readonly title: string;
  readonly lang: Lang;
}

/** Runs `work` on the model the site is built from (Node only), with the site's context. */
async function withModel<T>(work: (engine: SqlEngine, site: SiteContext) => Promise<T>): Promise<T> {
  const model = await openModel(import.meta.env.PIPESCOPE_DATA_DIR);
  try {
    return await work(model.engine, await buildSiteContext(model, import.meta.env.PIPESCOPE_BASE_PATH));
  } finally {
    model.close();
  }
}

/** The page for rows already loaded: its charts drawn to SVG from the definition's specs, as the island would draw them. */
function rendered<V, T>(
  definition: PageDefinition<V, T>,
  site: SiteContext,
  initial: V,
  state: ViewState,
): PrerenderedPage<V> {
  const text = buildText(site);
  const charts = definition.charts(initial, { site, state, ...text });
  const svgs = Object.fromEntries(
    Object.entries(charts).map(([id, spec]) => [
      id,
      spec ? prerenderChart(site, text, spec, definition.wide?.includes(id) ? PRERENDER_WIDE : PRERENDER_WIDTH) : null,
    ]),
  );
  return {
    props: { latestDealDate: site.latestDealDate, initial, svgs },
    title: definition.title(text.t, initial),
    lang: site.defaultLang,
  };
}

/** A page's default view, computed at build by the very definition its island re-runs in DuckDB-WASM. */
export async function prerender<V, T>(definition: PageDefinition<V, T>): Promise<PrerenderedPage<V>> {
  const state = defaultViewState();
  return withModel(async (engine, site) =>
    rendered(definition, site, await definition.load(engine, site, state), state),
  );
}

/** Every deal owner's page (`reps/<slug>/`), all computed in one pass over the model. */
export async function prerenderRepPages(): Promise<{ params: { rep: string }; props: PrerenderedPage<RepPageView> }[]> {
  const state = defaultViewState();
  return withModel(async (engine, site) => {
    const pages = await loadAllRepPages(engine, site, state);
    return site.reps.map((rep) => {
      const page = pages.get(rep.rep_id)!;
      return { params: { rep: repSlug(rep.rep_id) }, props: rendered(repPage(rep), page.site, page.view, state) };
    });
  });
}
