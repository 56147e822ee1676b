import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { BROWSER_DATABASE, MANIFEST_FILE } from '../model/manifest.ts';
import { precompress } from './precompress.ts';

/** Where the site serves the model from, relative to its base: the islands fetch `<base>data/pipescope.duckdb`. */
const MODEL_URL_DIR = 'data';

/**
 * Puts a built model (`pipescope data` output) behind the site: pages read its folder at build time
 * through `import.meta.env.PIPESCOPE_DATA_DIR`, and the files the browser needs are copied into
 * `dist/data/` after the build. The Parquet files stay behind: DuckDB-WASM reads the database file.
 */
export function pipescopeModel(dataDir: string, lang: string): AstroIntegration {
  const dir = resolve(dataDir);
  return {
    name: 'pipescope-model',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
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
        updateConfig({
          vite: {
            define: {
              'import.meta.env.PIPESCOPE_DATA_DIR': JSON.stringify(dir),
              'import.meta.env.PIPESCOPE_LANG': JSON.stringify(lang),
              'import.meta.env.PIPESCOPE_BASE_PATH': JSON.stringify(config.base),
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
        const packed = await precompress(fileURLToPath(outDir));
        const mb = (n: number) => (n / 1e6).toFixed(1);
        logger.info(
          `precompressed ${packed.files} files: ${mb(packed.bytes)} MB → ${mb(packed.brotliBytes)} MB brotli (+ gzip)`,
        );
      },
    },
  };
}
