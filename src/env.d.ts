/// <reference types="astro/client" />

/** The site context every page shares, computed from the model at build (src/integrations/model.ts). */
declare module 'virtual:pipescope/site' {
  const site: import('./site/context.ts').SharedSite;
  export default site;
}

interface ImportMetaEnv {
  /** Absolute path of the built model the site is made from; set at build time by `src/integrations/model.ts`. */
  readonly PIPESCOPE_DATA_DIR: string;
  /** The build's default interface language (`pipescope build --lang`), set by the same integration. */
  readonly PIPESCOPE_LANG: string;
  /** The site's base path (`pipescope build --base`), set by the same integration. */
  readonly PIPESCOPE_BASE_PATH: string;
}
