import site from 'virtual:pipescope/site';
import type { SharedSite, SiteContext } from './context.ts';

/**
 * The site context every page shares, in the browser and in the build's render alike: the one script the
 * build made of it (src/integrations/model.ts), fetched once per site and cached.
 */
export const sharedSite: SharedSite = site;

/** A page's site context: the shared one with the page's own latest deal date (a rep's page: the rep's). */
export function pageSite(latestDealDate: string | null): SiteContext {
  return { ...sharedSite, latestDealDate };
}
