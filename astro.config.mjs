// @ts-check
import svelte from '@astrojs/svelte';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'astro/config';
import { pipescopeModel } from './src/integrations/model.ts';

// `pipescope build --data <dir> --base <path> --lang <en|zh-CN>` sets these; `npm run build` uses the demo model at the root.
const dataDir = process.env.PIPESCOPE_DATA || 'data/demo';
const base = process.env.PIPESCOPE_BASE || '/';
const lang = process.env.PIPESCOPE_LANG || 'en';

export default defineConfig({
  output: 'static',
  base,
  integrations: [svelte(), pipescopeModel(dataDir, lang)],
  vite: {
    plugins: [tailwindcss()],
    // DuckDB-WASM ships its worker and wasm as separate files; pre-bundling it breaks their `?url` imports in dev.
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
    build: {
      // The wasm and worker must stay files (never data: URLs) so they are fetched, cached and compressed on their own.
      assetsInlineLimit: 0,
      // The DuckDB-WASM API chunk is legitimately large; it is only loaded on demand by the islands.
      chunkSizeWarningLimit: 2000,
    },
  },
});
