import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { AstroError } from 'astro/errors';
import { openModel } from '../db/nativeModel.ts';
import { isLang } from '../i18n/lang.ts';
import { BROWSER_DATABASE, MANIFEST_FILE } from '../model/manifest.ts';
import { buildSiteContext } from '../site/buildContext.ts';
import type { SharedSite } from '../site/context.ts';
import { precompress } from './precompress.ts';

/** Where the site serves the model from, relative to its base: the islands fetch `<base>data/pipescope.duckdb`. */
const MODEL_URL_DIR = 'data';

const SITE_MODULE = 'virtual:pipescope/site';
/** Vite's convention for a virtual module's resolved id: the NUL keeps other plugins off it. */
const SITE_MODULE_ID = `\0${SITE_MODULE}`;

/** The site context every page shares, read from the model once per build. */
async function sharedSite(dir: string, base: string, lang: string): Promise<SharedSite> {
  const model = await openModel(dir);
  try {
    const { latestDealDate: _pageOwn, ...shared } = await buildSiteContext(model, base, isLang(lang) ? lang : 'en');
    return shared;
  } finally {
    model.close();
  }
}

/**
 * `virtual:pipescope/site`: the shared site context as a module. Every island imports it, so the browser
 * fetches it once per site as a hashed, cacheable script; before, each page carried it inline in its
 * island's props (184 KB of a 269 KB overview with 400 reps).
 */
function siteModule(shared: SharedSite): Plugin {
  return {
    name: 'pipescope-site',
    resolveId: (id) => (id === SITE_MODULE ? SITE_MODULE_ID : undefined),
    load: (id) => (id === SITE_MODULE_ID ? `export default ${JSON.stringify(shared)};` : undefined),
  };
}

/**
 * Puts a built model (`pipescope data` output) behind the site: pages read its folder at build time
 * through `import.meta.env.PIPESCOPE_DATA_DIR`, and the files the browser needs are copied into
 * `dist/data/` after the build. The Parquet files stay behind: DuckDB-WASM reads the database file.
 */
export function pipescopeModel(dataDir: string, lang: string): AstroIntegration {
  const dir = resolve(dataDir);
  /** Compressed scripts, styles and wasm from earlier builds (see precompress.ts); set from Astro's root. */
  let compressionCache: string | undefined;
  return {
    name: 'pipescope-model',
    hooks: {
      'astro:config:setup': async ({ command, config, updateConfig }) => {
        compressionCache = join(fileURLToPath(config.root), 'node_modules', '.cache', 'pipescope-precompress');
        // `astro sync` and `astro preview` render nothing from the model, so they need none.
        if ((command === 'build' || command === 'dev') && !existsSync(join(dir, MANIFEST_FILE))) {
          // AstroError: Astro prints it as a user error, with the hint on its own line.
          throw new AstroError(
            `No built model in ${dir}: ${MANIFEST_FILE} is missing.`,
            `Run "npm run demo" for the demo data, or "pipescope data --source <kind> --in <export> --out <dir>" ` +
              `and then "pipescope build --data <dir>".`,
          );
        }
        // The base goes to the pages under a name of our own: Astro lets process.env override
        // import.meta.env.BASE_URL in prerendered code, so a stray BASE_URL in the environment (vitest sets
        // one) would silently point every link and the database URL at the wrong path.
        const define = {
          'import.meta.env.PIPESCOPE_DATA_DIR': JSON.stringify(dir),
          'import.meta.env.PIPESCOPE_LANG': JSON.stringify(lang),
          'import.meta.env.PIPESCOPE_BASE_PATH': JSON.stringify(config.base),
        };
        if (command !== 'build' && command !== 'dev') {
          updateConfig({ vite: { define } });
          return;
        }
        const shared = await sharedSite(dir, config.base, lang);
        updateConfig({
          vite: {
            define,
            plugins: [siteModule(shared)],
            // The shared context is a script of its own, so a page's code and the site's data are cached apart.
            build: {
              rollupOptions: { output: { manualChunks: (id: string) => (id === SITE_MODULE_ID ? 'site' : undefined) } },
            },
          },
        });
      },
      'astro:build:done': async ({ dir: outDir, logger }) => {
        const target = new URL(`${MODEL_URL_DIR}/`, outDir);
        await mkdir(target, { recursive: true });
        for (const file of [MANIFEST_FILE, BROWSER_DATABASE]) {
          await copyFile(join(dir, file), new URL(file, target));
        }
        logger.info(`model from ${dir} copied to ${target.pathname}`);
        const packed = await precompress(fileURLToPath(outDir), compressionCache);
        const mb = (n: number) => (n / 1e6).toFixed(1);
        logger.info(
          `precompressed ${packed.files} files (${packed.cached} from earlier builds): ` +
            `${mb(packed.bytes)} MB → ${mb(packed.brotliBytes)} MB brotli (+ gzip)`,
        );
      },
    },
  };
}
