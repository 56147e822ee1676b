// The project's boundaries as code: data flows one way (loaders → src/model → src/metrics → dashboards →
// components and pages), and these rules fail `npm test` when an import runs against it.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Browser-only globals (the DOM, storage, workers): what native DuckDB at build cannot offer. */
const domOnly = Object.keys(globals.browser).filter((name) => !(name in globals.node));

/** Nothing the site ships may reach into the build-time loaders (they read files, spawn, use node:). */
const noLoaders = {
  group: ['**/loaders/**'],
  message: 'src/ runs in the browser too: loaders/ uses src/, never the reverse.',
};

export default tseslint.config(
  {
    ignores: ['dist/', 'data/', 'node_modules/', '.astro/', 'test-results/', 'playwright-report/', 'tests/fixtures/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Unused names are dead code; a leading underscore marks one kept on purpose (a destructured-away field).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noLoaders] }] },
  },
  {
    // Metric SQL runs unchanged in native DuckDB and DuckDB-WASM: no Node module, no DOM, no loader.
    files: ['src/metrics/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...domOnly.map((name) => ({ name, message: 'src/metrics runs at build too: no DOM.' })),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noLoaders,
            { group: ['node:*'], message: 'src/metrics runs in the browser too: no Node modules.' },
            {
              group: ['**/components/**', '**/dashboards/**', '**/pages/**', '**/site/**'],
              message: 'Metrics come before pages: pages import metrics, not the reverse.',
            },
          ],
        },
      ],
    },
  },
  {
    // Charts turn a spec into SVG; they own their spec types and know nothing of the pages that fill them.
    files: ['src/charts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noLoaders,
            {
              group: ['**/dashboards/**', '**/components/**', '**/site/**'],
              message: 'Charts own their spec types; dashboards import charts, not the reverse.',
            },
          ],
        },
      ],
    },
  },
);
