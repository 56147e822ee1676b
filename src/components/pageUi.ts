import { getContext, setContext } from 'svelte';
import type { ChartSpec } from '../charts/index.ts';
import type { Format } from '../i18n/format.ts';
import type { Translate } from '../i18n/translate.ts';
import type { SiteContext } from '../site/context.ts';

/**
 * What every chart, table and tile of a page shares, set once by the page's island (Page.svelte) instead of
 * being handed down to each: the text and formatter of the chosen language, the currency, the page's
 * charts and the SVGs the build drew for them. Read through getters, so it follows the page as it changes.
 */
export interface PageUi {
  readonly site: SiteContext;
  readonly t: Translate;
  readonly fmt: Format;
  /** The reporting currency code, '' when the export has none. */
  readonly currency: string;
  /** The screen still shows the build's own rendering (same view, same language): charts show the SVG drawn at build. */
  readonly pristine: boolean;
  readonly charts: Readonly<Record<string, ChartSpec | null>>;
  readonly svgs: Readonly<Record<string, string | null>>;
}

const KEY = Symbol('pipescope page');

export function setPageUi(ui: PageUi): void {
  setContext(KEY, ui);
}

export function pageUi(): PageUi {
  const ui = getContext<PageUi | undefined>(KEY);
  if (!ui) throw new Error('a chart, table or tile is used outside a page (Page.svelte)');
  return ui;
}
