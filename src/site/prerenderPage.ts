import type { SqlEngine } from '../db/engine.ts';
import { openModel } from '../db/nativeModel.ts';
import { defaultViewState, type ViewState } from '../state/viewState.ts';
import { buildSiteContext } from './buildContext.ts';
import type { SiteContext } from './context.ts';

/**
 * A page's default view computed at build by the same loader its island re-runs in DuckDB-WASM, on the
 * native model (Node only). `state` is the default view unless a page fixes something (a rep's page).
 */
export async function prerenderPage<T>(
  load: (engine: SqlEngine, site: SiteContext, state: ViewState) => Promise<T>,
  state: ViewState = defaultViewState(),
): Promise<{ site: SiteContext; initial: T }> {
  const model = await openModel(import.meta.env.PIPESCOPE_DATA_DIR);
  try {
    const site = await buildSiteContext(model, import.meta.env.PIPESCOPE_BASE_PATH);
    return { site, initial: await load(model.engine, site, state) };
  } finally {
    model.close();
  }
}
