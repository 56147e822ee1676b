import type { NativeModel } from '../db/nativeModel.ts';
import { isLang, type Lang } from '../i18n/lang.ts';
import { loadLatestDealDates } from '../metrics/dealDates.ts';
import { loadDimensions, loadReps, loadStages } from '../metrics/dimensions.ts';
import { BROWSER_DATABASE } from '../model/manifest.ts';
import { dateInZone } from '../time/zone.ts';
import type { SiteContext } from './context.ts';

/** The build's default interface language (`pipescope build --lang`); English unless set. */
export function buildLang(): Lang {
  const lang = import.meta.env.PIPESCOPE_LANG;
  return isLang(lang) ? lang : 'en';
}

/** Reads the site context from an open model at build time (Node only). */
export async function buildSiteContext(
  model: NativeModel,
  base: string,
  lang: Lang = buildLang(),
): Promise<SiteContext> {
  const m = model.manifest;
  const dealDates = await loadLatestDealDates(model.engine, { asOf: m.as_of, tz: m.tz });
  const present = (table: string) => m.tables[table]?.present === true;
  const root = base.endsWith('/') ? base : `${base}/`;
  return {
    asOf: m.as_of,
    builtAt: m.built_at,
    tz: m.tz,
    currency: m.currency ?? null,
    source: m.source,
    fiscalYearStartMonth: m.fiscal_year_start_month,
    asOfDate: dateInZone(Date.parse(m.as_of), m.tz),
    latestDealDate: dealDates.all,
    defaultLang: lang,
    base: root,
    databaseUrl: `${root}data/${BROWSER_DATABASE}`,
    dimensions: await loadDimensions(model.engine, present),
    stages: await loadStages(model.engine),
    reps: await loadReps(model.engine),
    present: Object.fromEntries(Object.entries(m.tables).map(([table, info]) => [table, info.present === true])),
  };
}
