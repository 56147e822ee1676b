import { chartOptions, type ChartSpec } from '../charts/index.ts';
import { PRERENDER_WIDTH } from '../charts/context.ts';
import { renderSvg } from '../charts/ssr.ts';
import { makeFormat, type Format } from '../i18n/format.ts';
import { translator, type Translate } from '../i18n/translate.ts';
import type { SiteContext } from './context.ts';

/** The build's formatter and text, in the build's default language. */
export function buildText(site: SiteContext): { fmt: Format; t: Translate } {
  return {
    fmt: makeFormat({ lang: site.defaultLang, currency: site.currency, tz: site.tz }),
    t: translator(site.defaultLang),
  };
}

/** A chart drawn at build time as SVG text, exactly as the island would draw it at that width. */
export function prerenderChart(
  site: SiteContext,
  text: { fmt: Format; t: Translate },
  spec: ChartSpec,
  width = PRERENDER_WIDTH,
): string {
  return renderSvg(chartOptions(spec, { ...text, currency: site.currency ?? '', width }));
}
