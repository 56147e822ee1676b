/// <reference types="astro/client" />

interface ImportMetaEnv {
  /** Absolute path of the built model the site is made from; set at build time by `src/integrations/model.ts`. */
  readonly PIPESCOPE_DATA_DIR: string;
}
